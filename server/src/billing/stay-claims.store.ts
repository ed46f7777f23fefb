import type { Tx } from '../platform/db/database.js';

/** `serviceId|night`: one night of one stay service. */
export const nightKey = (stayServiceId: string, night: string) => `${stayServiceId}|${night}`;

/** The nights of these stay services that a live invoice already holds. */
export async function claimedStayNights(
  tx: Tx,
  organisationId: string,
  stayServiceIds: string[],
): Promise<Set<string>> {
  if (stayServiceIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom('invoiced_stay_nights')
    .where('organisation_id', '=', organisationId)
    .where('stay_service_id', 'in', stayServiceIds)
    .select(['stay_service_id', 'night'])
    .execute();
  return new Set(rows.map((r) => nightKey(r.stay_service_id, r.night)));
}

/**
 * Claims stay nights for an invoice. A night another transaction has claimed makes this one wait for it and
 * then skip it (ON CONFLICT DO NOTHING): the returned keys are the nights this invoice really holds.
 */
export async function claimStayNights(
  tx: Tx,
  organisationId: string,
  invoiceId: string,
  claims: { stayServiceId: string; night: string }[],
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await tx
    .insertInto('invoiced_stay_nights')
    .values(
      [...claims]
        .sort((a, b) => (nightKey(a.stayServiceId, a.night) < nightKey(b.stayServiceId, b.night) ? -1 : 1))
        .map((c) => ({
          organisation_id: organisationId,
          stay_service_id: c.stayServiceId,
          night: c.night,
          invoice_id: invoiceId,
        })),
    )
    .onConflict((oc) => oc.columns(['organisation_id', 'stay_service_id', 'night']).doNothing())
    .returning(['stay_service_id', 'night'])
    .execute();
  return new Set(rows.map((r) => nightKey(r.stay_service_id, r.night)));
}

/** Frees a voided invoice's nights for another run. */
export async function releaseStayNights(tx: Tx, organisationId: string, invoiceId: string) {
  await tx
    .deleteFrom('invoiced_stay_nights')
    .where('organisation_id', '=', organisationId)
    .where('invoice_id', '=', invoiceId)
    .execute();
}
