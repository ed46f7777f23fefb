import type { Tx } from '../platform/db/database.js';
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

export async function insertLeave(
  tx: Tx,
  organisationId: string,
  l: { clientId: string; type: LeaveType; startsOn: string; endsOn: string | null; note: string | null },
  userId: string,
) {
  const row = await tx
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
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLeave(
  tx: Tx,
  organisationId: string,
  id: string,
  l: { startsOn: string; endsOn: string | null; note: string | null; type: LeaveType },
) {
  await tx
    .updateTable('client_leave')
    .set({ starts_on: l.startsOn, ends_on: l.endsOn, note: l.note, type: l.type })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
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
