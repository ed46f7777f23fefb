import type { Tx } from '../platform/db/database.js';

/** The user's own zone (null: the organisation's), locked for the update that follows. */
export async function lockUserTimeZone(
  tx: Tx,
  organisationId: string,
  userId: string,
): Promise<{ timeZone: string | null } | undefined> {
  return tx
    .selectFrom('users')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .select('time_zone as timeZone')
    .forUpdate()
    .executeTakeFirst();
}

export async function setUserTimeZone(
  tx: Tx,
  organisationId: string,
  userId: string,
  timeZone: string | null,
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ time_zone: timeZone })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', userId)
    .execute();
}
