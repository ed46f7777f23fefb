import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { pgErrorCode, type Tx, ts, withSavepoint } from '../platform/db/database.js';
import type { HoldOutcome, ServiceUnit, StayKind, StayState } from './accommodation-tables.types.js';

/** The database refused the write: the bed, or the client, is already taken on one of the nights (23P01). */
export class StayOverlapError extends Error {
  constructor(readonly subject: 'bed' | 'client') {
    super(`${subject} overlap`);
  }
}

/** Runs a stay write in a savepoint, so a refusal leaves the transaction usable and nothing written. */
async function guarded<T>(write: () => Promise<T>, tx: Tx): Promise<T> {
  try {
    return await withSavepoint(tx, write);
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    if (pgErrorCode(error) === '23P01')
      throw new StayOverlapError(constraint === 'stays_client_one_bed' ? 'client' : 'bed');
    throw error;
  }
}

const stayColumns = [
  's.id',
  's.bed_id as bedId',
  's.kind',
  's.client_id as clientId',
  's.contract_id as contractId',
  's.state',
  's.from_date as arriveOn',
  's.to_date as leaveOn',
  's.planned_to_date as plannedLeaveOn',
  's.hold_expires_at as holdExpiresAt',
  's.hold_outcome as holdOutcome',
  's.hold_reverts_to as holdRevertsTo',
  's.reason',
  's.cancel_reason as cancelReason',
  's.eligibility_override_reason as eligibilityOverrideReason',
  's.checked_in_at as checkedInAt',
  's.checked_out_at as checkedOutAt',
  's.notes',
] as const;

function selectStays(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('stays as s')
    .leftJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 's.organisation_id').onRef('c.id', '=', 's.client_id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .select([
      ...stayColumns,
      sql<string | null>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
    ]);
}

export async function findStay(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectStays(tx, organisationId).where('s.id', '=', id);
  if (forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}
export type StayRow = NonNullable<Awaited<ReturnType<typeof findStay>>>;

export type StayWrite = {
  bedId: string;
  kind: StayKind;
  clientId: string | null;
  contractId: string | null;
  state: StayState;
  arriveOn: string;
  leaveOn: string;
  plannedLeaveOn?: string | null;
  holdExpiresAt: string | null;
  holdOutcome: HoldOutcome | null;
  holdRevertsTo: 'enquiry' | 'booked' | null;
  reason: string | null;
  cancelReason?: string | null;
  eligibilityOverrideReason: string | null;
  eligibilityOverrideBy: string | null;
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  notes: string | null;
};

const row = (s: StayWrite) => ({
  bed_id: s.bedId,
  kind: s.kind,
  client_id: s.clientId,
  contract_id: s.contractId,
  state: s.state,
  from_date: s.arriveOn,
  to_date: s.leaveOn,
  planned_to_date: s.plannedLeaveOn ?? null,
  hold_expires_at: s.holdExpiresAt,
  hold_outcome: s.holdOutcome,
  hold_reverts_to: s.holdRevertsTo,
  reason: s.reason,
  cancel_reason: s.cancelReason ?? null,
  eligibility_override_reason: s.eligibilityOverrideReason,
  eligibility_override_by: s.eligibilityOverrideBy,
  checked_in_at: s.checkedInAt ?? null,
  checked_out_at: s.checkedOutAt ?? null,
  notes: s.notes,
});

export async function insertStay(tx: Tx, organisationId: string, userId: string | null, s: StayWrite) {
  const { id } = await guarded(
    () =>
      tx
        .insertInto('stays')
        .values({ organisation_id: organisationId, created_by_user_id: userId, ...row(s) })
        .returning('id')
        .executeTakeFirstOrThrow(),
    tx,
  );
  return (await findStay(tx, organisationId, id))!;
}

/** Rewrites the whole stay (the caller passes the row as it should be). */
export async function updateStay(tx: Tx, organisationId: string, id: string, s: StayWrite) {
  await guarded(
    () =>
      tx
        .updateTable('stays')
        .set({ ...row(s), updated_at: sql<string>`now()` })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute(),
    tx,
  );
  return (await findStay(tx, organisationId, id))!;
}

export const toWrite = (s: StayRow): StayWrite => ({
  bedId: s.bedId,
  kind: s.kind,
  clientId: s.clientId,
  contractId: s.contractId,
  state: s.state,
  arriveOn: s.arriveOn,
  leaveOn: s.leaveOn,
  plannedLeaveOn: s.plannedLeaveOn,
  holdExpiresAt: s.holdExpiresAt?.toString() ?? null,
  holdOutcome: s.holdOutcome,
  holdRevertsTo: s.holdRevertsTo,
  reason: s.reason,
  cancelReason: s.cancelReason,
  eligibilityOverrideReason: s.eligibilityOverrideReason,
  eligibilityOverrideBy: null,
  checkedInAt: s.checkedInAt?.toString() ?? null,
  checkedOutAt: s.checkedOutAt?.toString() ?? null,
  notes: s.notes,
});

/**
 * Holds past their expiry at `now`, locked: on these beds or of this client (an organisation's), or every
 * organisation's for the job (`organisationId` null; the job runs outside any tenant). A hold being expired by
 * another transaction is waited for, then skipped, since it is no longer on hold.
 */
export async function lockExpiredHolds(
  tx: Tx,
  organisationId: string | null,
  now: Temporal.Instant,
  scope: { bedIds?: string[]; clientId?: string } = {},
) {
  let q = tx
    .selectFrom('stays')
    .where('state', '=', 'on_hold')
    .where('hold_expires_at', '<=', ts(now.toString()))
    .select([
      'organisation_id as organisationId',
      'id',
      'hold_outcome as holdOutcome',
      'hold_reverts_to as holdRevertsTo',
    ])
    .orderBy('organisation_id')
    .orderBy('id')
    .forUpdate();
  if (organisationId !== null) q = q.where('organisation_id', '=', organisationId);
  if (scope.bedIds) q = q.where('bed_id', 'in', scope.bedIds);
  if (scope.clientId) q = q.where('client_id', '=', scope.clientId);
  return q.execute();
}

/** Ends a hold: its new state, without its hold fields. */
export async function endHold(
  tx: Tx,
  organisationId: string,
  id: string,
  state: StayState,
  cancelReason: string | null,
) {
  await guarded(
    () =>
      tx
        .updateTable('stays')
        .set({
          state,
          cancel_reason: cancelReason,
          hold_expires_at: null,
          hold_outcome: null,
          hold_reverts_to: null,
          updated_at: sql<string>`now()`,
        })
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .execute(),
    tx,
  );
}

/** The stays that take `bedId` on any of the nights (other than `exceptId`), to name them in a refusal. */
export async function bedTakenBy(
  tx: Tx,
  organisationId: string,
  bedId: string,
  arriveOn: string,
  leaveOn: string,
  exceptId: string | null,
) {
  let q = selectStays(tx, organisationId)
    .where('s.bed_id', '=', bedId)
    .where('s.state', 'in', ['on_hold', 'booked', 'checked_in', 'checked_out'])
    .where('s.from_date', '<', leaveOn)
    .where('s.to_date', '>', arriveOn);
  if (exceptId) q = q.where('s.id', '<>', exceptId);
  return q.orderBy('s.from_date').execute();
}

/** Stays touching [from, to) on every bed (the calendar, occupancy), cancelled ones left out. */
export async function staysBetween(tx: Tx, organisationId: string, from: string, to: string) {
  return selectStays(tx, organisationId)
    .where('s.state', '<>', 'cancelled')
    .where('s.from_date', '<', to)
    .where('s.to_date', '>', from)
    .orderBy('s.from_date')
    .orderBy('s.id')
    .execute();
}

/** A client's stays (cancelled ones left out), for the year's nights and the client's page. */
export async function staysOfClient(tx: Tx, organisationId: string, clientId: string) {
  return selectStays(tx, organisationId)
    .where('s.client_id', '=', clientId)
    .where('s.state', '<>', 'cancelled')
    .orderBy('s.from_date')
    .execute();
}

const serviceColumns = [
  'id',
  'stay_id as stayId',
  'name',
  'unit',
  'support_item as supportItem',
  'rate_minor as rateMinor',
  'contract_rate as contractRate',
] as const;

export async function insertService(
  tx: Tx,
  organisationId: string,
  stayId: string,
  s: {
    name: string;
    unit: ServiceUnit;
    supportItem: string | null;
    rateMinor: number | null;
    contractRate: string | null;
  },
) {
  return tx
    .insertInto('stay_services')
    .values({
      organisation_id: organisationId,
      stay_id: stayId,
      name: s.name,
      unit: s.unit,
      support_item: s.supportItem,
      rate_minor: s.rateMinor,
      contract_rate: s.contractRate,
    })
    .returning(serviceColumns)
    .executeTakeFirstOrThrow();
}

/** The service has nights on a live invoice (billing's claims refer to it, 23503): void the invoice first. */
export class StayServiceBilledError extends Error {}

export async function deleteService(tx: Tx, organisationId: string, stayId: string, id: string) {
  try {
    return await withSavepoint(tx, () =>
      tx
        .deleteFrom('stay_services')
        .where('organisation_id', '=', organisationId)
        .where('stay_id', '=', stayId)
        .where('id', '=', id)
        .returning(serviceColumns)
        .executeTakeFirst(),
    );
  } catch (error) {
    if (pgErrorCode(error) === '23503') throw new StayServiceBilledError();
    throw error;
  }
}

export async function servicesOf(tx: Tx, organisationId: string, stayIds: string[]) {
  if (stayIds.length === 0) return [];
  return tx
    .selectFrom('stay_services')
    .where('organisation_id', '=', organisationId)
    .where('stay_id', 'in', stayIds)
    .select(serviceColumns)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type StayServiceRow = Awaited<ReturnType<typeof servicesOf>>[number];
