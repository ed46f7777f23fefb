import type { Tx } from '../platform/db/database.js';

/** Who an invoice is for and what it names: the contract's billing terms, the client's address, visit names. */

/** The client contract an invoice is charged on, with what billing needs of it and of its type. */
export function findContractBilling(tx: Tx, organisationId: string, contractId: string) {
  return tx
    .selectFrom('client_contracts as cc')
    .innerJoin('contract_types as ct', (j) =>
      j.onRef('ct.organisation_id', '=', 'cc.organisation_id').onRef('ct.id', '=', 'cc.contract_type_id'),
    )
    .where('cc.organisation_id', '=', organisationId)
    .where('cc.id', '=', contractId)
    .select([
      'ct.category',
      'ct.payer_name as payerName',
      'ct.payer_address as payerAddress',
      'ct.tax_free_reason as taxFreeReason',
      'cc.payment_terms_days as paymentTermsDays',
    ])
    .executeTakeFirst();
}

/** The client's postal address and identifiers, for the recipient block of an invoice. */
export async function findClientAddress(tx: Tx, organisationId: string, clientId: string) {
  const c = await tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .select([
      'address_line1',
      'address_line2',
      'suburb',
      'state',
      'postcode',
      'country',
      'ndis_number as ndisNumber',
      'email',
    ])
    .executeTakeFirstOrThrow();
  const locality = [c.suburb, c.state, c.postcode].filter(Boolean).join(' ');
  const address = [c.address_line1, c.address_line2, locality, c.country].filter(Boolean).join('\n');
  return { address: address || null, ndisNumber: c.ndisNumber, email: c.email };
}

/** The names of visits, for their invoice lines. */
export async function bookingNames(tx: Tx, organisationId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx
    .selectFrom('bookings')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .select(['id', 'name'])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
