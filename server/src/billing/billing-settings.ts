import type { FieldIssue } from '../shared/domain-error.js';

/** An organisation's billing identity: who issues its invoices, in which currency and tax regime, how to pay. */

export type Currency = 'AUD' | 'GBP';

export type BillingSettings = {
  legalName: string;
  currency: Currency;
  /** ABN (AUD) or UK company number (GBP), without spaces. */
  businessNumber: string | null;
  taxRegistered: boolean;
  address: string;
  email: string | null;
  phone: string | null;
  paymentTermsDays: number;
  bankAccountName: string | null;
  /** BSB (AUD) or sort code (GBP), six digits. */
  bankBranchCode: string | null;
  bankAccountNumber: string | null;
  logo: { type: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
};

/** The words and rates of each currency's tax regime. */
export const TAX_REGIME = {
  AUD: {
    tax: 'GST',
    ratePercent: 10,
    free: 'GST-free',
    businessNumber: 'ABN',
    branchCode: 'BSB',
    symbol: '$',
  },
  GBP: {
    tax: 'VAT',
    ratePercent: 20,
    free: 'VAT-exempt',
    businessNumber: 'Company number',
    branchCode: 'Sort code',
    symbol: '£',
  },
} as const;

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/** The ATO's check: subtract 1 from the first digit, weight the 11 digits, the sum divides by 89. */
export function isValidAbn(abn: string): boolean {
  if (!/^\d{11}$/.test(abn)) return false;
  const digits = [...abn].map(Number);
  digits[0]! -= 1;
  return digits.reduce((sum, d, i) => sum + d * ABN_WEIGHTS[i]!, 0) % 89 === 0;
}

/** Companies House numbers: 8 digits, or a two-letter prefix (SC, NI, OC, …) and 6 digits. */
export const isValidUkCompanyNumber = (n: string) => /^(\d{8}|[A-Z]{2}\d{6})$/.test(n);

/** '51 824 753 556' → '51824753556'; 'sc 123456' → 'SC123456'. */
export const normaliseBusinessNumber = (n: string) => n.replace(/[\s-]/g, '').toUpperCase();

export const formatAbn = (abn: string) =>
  /^\d{11}$/.test(abn) ? `${abn.slice(0, 2)} ${abn.slice(2, 5)} ${abn.slice(5, 8)} ${abn.slice(8)}` : abn;

/** The rules the database cannot say in words: checked before saving, named by field. */
export function billingSettingsIssues(s: BillingSettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const regime = TAX_REGIME[s.currency];
  if (s.businessNumber !== null) {
    const ok = s.currency === 'AUD' ? isValidAbn(s.businessNumber) : isValidUkCompanyNumber(s.businessNumber);
    if (!ok)
      issues.push({
        field: 'businessNumber',
        reason:
          s.currency === 'AUD'
            ? 'is not a valid ABN: 11 digits whose check digits do not add up (check for a typo)'
            : 'is not a valid UK company number: 8 digits, or 2 letters and 6 digits',
      });
  } else if (s.taxRegistered)
    issues.push({
      field: 'businessNumber',
      reason: `is needed on a tax invoice: enter the ${regime.businessNumber} registered for ${regime.tax}`,
    });
  const bank = [s.bankAccountName, s.bankBranchCode, s.bankAccountNumber];
  if (bank.some((v) => v !== null) && bank.some((v) => v === null))
    for (const [field, value] of [
      ['bankAccountName', s.bankAccountName],
      ['bankBranchCode', s.bankBranchCode],
      ['bankAccountNumber', s.bankAccountNumber],
    ] as const)
      if (value === null)
        issues.push({ field, reason: 'is needed with the other bank details (or leave all three empty)' });
  if (s.logo) {
    const { type, bytes } = s.logo;
    const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    if ((type === 'image/png' && !png) || (type === 'image/jpeg' && !jpeg))
      issues.push({ field: 'logo', reason: `is not a ${type === 'image/png' ? 'PNG' : 'JPEG'} image` });
  }
  return issues;
}
