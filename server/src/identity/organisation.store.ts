import type { Tx } from '../platform/db/database.js';

/** The organisation's own IANA zone: the default for views that show times. */
export async function organisationTimeZone(tx: Tx, organisationId: string): Promise<string> {
  return (
    await tx
      .selectFrom('organisations')
      .where('id', '=', organisationId)
      .select('time_zone')
      .executeTakeFirstOrThrow()
  ).time_zone;
}
