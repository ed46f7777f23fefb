import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { BillingSettings } from './billing-settings.js';

export type BillingSettingsRecord = BillingSettings & { updatedAt: Temporal.Instant };

export async function findBillingSettings(
  tx: Tx,
  organisationId: string,
): Promise<BillingSettingsRecord | undefined> {
  const r = await tx
    .selectFrom('organisation_billing_settings')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    legalName: r.legal_name,
    currency: r.currency,
    businessNumber: r.business_number,
    taxRegistered: r.tax_registered,
    address: r.address,
    email: r.email,
    phone: r.phone,
    paymentTermsDays: r.payment_terms_days,
    bankAccountName: r.bank_account_name,
    bankBranchCode: r.bank_branch_code,
    bankAccountNumber: r.bank_account_number,
    logo: r.logo && r.logo_type ? { type: r.logo_type, bytes: new Uint8Array(r.logo) } : null,
    updatedAt: r.updated_at,
  };
}

export async function saveBillingSettings(tx: Tx, organisationId: string, s: BillingSettings) {
  const values = {
    legal_name: s.legalName,
    currency: s.currency,
    business_number: s.businessNumber,
    tax_registered: s.taxRegistered,
    address: s.address,
    email: s.email,
    phone: s.phone,
    payment_terms_days: s.paymentTermsDays,
    bank_account_name: s.bankAccountName,
    bank_branch_code: s.bankBranchCode,
    bank_account_number: s.bankAccountNumber,
    logo: s.logo ? Buffer.from(s.logo.bytes) : null,
    logo_type: s.logo?.type ?? null,
  };
  await tx
    .insertInto('organisation_billing_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

export function findOrganisation(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select(['name', 'time_zone as timeZone'])
    .executeTakeFirstOrThrow();
}
