import { pgErrorCode, type Tx, withSavepoint } from '../platform/db/database.js';
import type { LeaveRecord, LeaveType } from './client-leave.types.js';

const leaveColumns = [
  'id',
  'client_id as clientId',
  'type',
  'starts_on as startsOn',
  'ends_on as endsOn',
  'note',
] as const;

export async function listLeave(tx: Tx, organisationId: string, clientId: string): Promise<LeaveRecord[]> {
  return tx
    .selectFrom('client_leave')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .select(leaveColumns)
    .orderBy('starts_on', 'desc')
    .execute();
}

export async function findLeave(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('client_leave')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(leaveColumns);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The refusal of `client_leave_no_overlap`: another leave of the client shares a day. */
export class LeaveOverlapError extends Error {}

async function noOverlap<T>(tx: Tx, write: () => Promise<T>): Promise<T> {
  try {
    return await withSavepoint(tx, write);
  } catch (error) {
    const constraint = (error as { constraint?: string }).constraint;
    if (pgErrorCode(error) === '23P01' && constraint === 'client_leave_no_overlap')
      throw new LeaveOverlapError();
    throw error;
  }
}

/** The client's other leave sharing a day with [startsOn, endsOn] (null: open-ended), earliest first. */
export async function findOverlappingLeave(
  tx: Tx,
  organisationId: string,
  clientId: string,
  period: { startsOn: string; endsOn: string | null },
  exceptId: string | null,
) {
  let q = tx
    .selectFrom('client_leave')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', period.startsOn)]))
    .select(leaveColumns)
    .orderBy('starts_on');
  if (period.endsOn !== null) q = q.where('starts_on', '<=', period.endsOn);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertLeave(
  tx: Tx,
  organisationId: string,
  l: { clientId: string; type: LeaveType; startsOn: string; endsOn: string | null; note: string | null },
  userId: string,
) {
  const row = await noOverlap(tx, () =>
    tx
      .insertInto('client_leave')
      .values({
        organisation_id: organisationId,
        client_id: l.clientId,
        type: l.type,
        starts_on: l.startsOn,
        ends_on: l.endsOn,
        note: l.note,
        created_by_user_id: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export async function updateLeave(
  tx: Tx,
  organisationId: string,
  id: string,
  l: { startsOn: string; endsOn: string | null; note: string | null; type: LeaveType },
) {
  await noOverlap(tx, () =>
    tx
      .updateTable('client_leave')
      .set({ starts_on: l.startsOn, ends_on: l.endsOn, note: l.note, type: l.type })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute(),
  );
}

export async function deleteLeave(tx: Tx, organisationId: string, id: string) {
  await tx
    .deleteFrom('client_leave')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function leaveForClient(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<LeaveRecord[]> {
  return listLeave(tx, organisationId, clientId);
}
