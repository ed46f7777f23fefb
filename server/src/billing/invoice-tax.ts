import type { TaxCode } from '../contracts/contract-tables.types.js';
import { divideHalfUp } from '../contracts/money.js';
import { type Currency, TAX_REGIME } from './billing-settings.js';

/**
 * Tax on one invoice line. Line amounts from the rating engine are before tax; a registered organisation
 * adds GST (10%, AUD) or VAT (20%, GBP) per line, rounded half-up to the cent, unless the contract type says
 * why its services are tax-free (for example NDIS supports). Unregistered organisations charge none.
 */
export type LineTax = { taxCode: TaxCode; taxReason: string | null; taxMinor: number };

export function lineTax(
  amountMinor: number,
  regime: { taxRegistered: boolean; currency: Currency },
  taxFreeReason: string | null,
): LineTax {
  if (!regime.taxRegistered) return { taxCode: 'none', taxReason: null, taxMinor: 0 };
  if (taxFreeReason !== null) return { taxCode: 'free', taxReason: taxFreeReason, taxMinor: 0 };
  const rate = TAX_REGIME[regime.currency].ratePercent;
  const tax = divideHalfUp(Math.abs(amountMinor) * rate, 100);
  return { taxCode: 'taxable', taxReason: null, taxMinor: amountMinor < 0 ? -tax : tax };
}

/** 'GST 10%', 'GST-free', 'No GST' — the tax column of an invoice line. */
export function taxCodeLabel(code: TaxCode, currency: Currency): string {
  const regime = TAX_REGIME[currency];
  if (code === 'taxable') return `${regime.tax} ${regime.ratePercent}%`;
  if (code === 'free') return regime.free;
  return `No ${regime.tax}`;
}
