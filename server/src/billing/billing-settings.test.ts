import { describe, expect, it } from 'vitest';
import {
  type BillingSettings,
  billingSettingsIssues,
  formatAbn,
  isValidAbn,
  isValidUkCompanyNumber,
  normaliseBusinessNumber,
} from './billing-settings.js';

const settings: BillingSettings = {
  legalName: 'Harbour Care Pty Ltd',
  currency: 'AUD',
  businessNumber: '51824753556',
  taxRegistered: true,
  address: '1 Quay St, Sydney NSW 2000',
  email: null,
  phone: null,
  paymentTermsDays: 14,
  bankAccountName: null,
  bankBranchCode: null,
  bankAccountNumber: null,
  logo: null,
};

describe('billing settings', () => {
  it('checks an ABN with the ATO checksum', () => {
    expect(isValidAbn('51824753556')).toBe(true);
    expect(isValidAbn('51824753557')).toBe(false);
    expect(isValidAbn('5182475355')).toBe(false);
    expect(normaliseBusinessNumber('51 824 753 556')).toBe('51824753556');
    expect(formatAbn('51824753556')).toBe('51 824 753 556');
  });

  it('checks UK company numbers by their shape', () => {
    expect(['01234567', 'SC123456'].map(isValidUkCompanyNumber)).toEqual([true, true]);
    expect(['1234567', 'S1234567'].map(isValidUkCompanyNumber)).toEqual([false, false]);
  });

  it('names each field that is wrong, in words', () => {
    expect(billingSettingsIssues(settings)).toEqual([]);
    expect(billingSettingsIssues({ ...settings, businessNumber: '51824753557' })[0]?.field).toBe(
      'businessNumber',
    );
    expect(billingSettingsIssues({ ...settings, businessNumber: null })[0]?.reason).toContain('ABN');
    expect(
      billingSettingsIssues({ ...settings, bankAccountName: 'Harbour Care', bankBranchCode: '062000' }),
    ).toEqual([{ field: 'bankAccountNumber', reason: expect.stringContaining('other bank details') }]);
    expect(
      billingSettingsIssues({ ...settings, logo: { type: 'image/png', bytes: new Uint8Array([1, 2, 3]) } }),
    ).toEqual([{ field: 'logo', reason: 'is not a PNG image' }]);
  });
});
