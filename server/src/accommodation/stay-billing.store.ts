import type { Tx } from '../platform/db/database.js';
import type { BillableStayService } from './stay.types.js';

export type { BillableStayService };

/**
 * The read seam billing uses to invoice stays: the services on client stays whose nights fall in a period.
 * Only nights a client has been checked in for are billable (a checked-in or checked-out stay; an early
 * check-out has already moved `to_date` back, so freed nights are never billed). A service without a typed
 * rate is priced by its contract's accommodation rate on each night (billing does that with contracts/).
 * Billing keeps which nights it has invoiced in its own table; this module never reads it.
 */

function billableStays(tx: Tx, organisationId: string, f: { periodFrom: string; periodTo: string }) {
  return tx
    .selectFrom('stay_services as v')
    .innerJoin('stays as s', (j) =>
      j.onRef('s.organisation_id', '=', 'v.organisation_id').onRef('s.id', '=', 'v.stay_id'),
    )
    .where('v.organisation_id', '=', organisationId)
    .where('s.kind', '=', 'client_stay')
    .where('s.state', 'in', ['checked_in', 'checked_out'])
    .where('s.from_date', '<=', f.periodTo)
    .where('s.to_date', '>', f.periodFrom);
}

/** The clients with billable stay nights in [periodFrom, periodTo] (or only `clientId`), by id. */
export async function stayClientIds(
  tx: Tx,
  organisationId: string,
  f: { periodFrom: string; periodTo: string; clientId: string | null },
): Promise<string[]> {
  let q = billableStays(tx, organisationId, f).select('s.client_id').distinct().orderBy('s.client_id');
  if (f.clientId !== null) q = q.where('s.client_id', '=', f.clientId);
  return (await q.execute()).flatMap((r) => (r.client_id ? [r.client_id] : []));
}

/** These clients' billable stay services touching the period, by client, arrival, then service. */
export async function billableStayServices(
  tx: Tx,
  organisationId: string,
  f: { periodFrom: string; periodTo: string; clientIds: string[] },
): Promise<BillableStayService[]> {
  if (f.clientIds.length === 0) return [];
  const rows = await billableStays(tx, organisationId, f)
    .innerJoin('beds as b', (j) =>
      j.onRef('b.organisation_id', '=', 's.organisation_id').onRef('b.id', '=', 's.bed_id'),
    )
    .innerJoin('accommodation_rooms as r', (j) =>
      j.onRef('r.organisation_id', '=', 'b.organisation_id').onRef('r.id', '=', 'b.room_id'),
    )
    .innerJoin('accommodation_sites as site', (j) =>
      j.onRef('site.organisation_id', '=', 'r.organisation_id').onRef('site.id', '=', 'r.site_id'),
    )
    .where('s.client_id', 'in', f.clientIds)
    .select([
      'v.id as stayServiceId',
      's.id as stayId',
      's.client_id as clientId',
      's.contract_id as contractId',
      'v.name',
      'v.unit',
      'v.support_item as supportItem',
      'v.rate_minor as rateMinor',
      'v.contract_rate as contractRate',
      'site.name as siteName',
      'r.name as roomName',
      'b.name as bedName',
      's.from_date as arriveOn',
      's.to_date as leaveOn',
    ])
    .orderBy('s.client_id')
    .orderBy('s.from_date')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({ ...r, clientId: r.clientId! }));
}
