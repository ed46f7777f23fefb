import { sql } from 'kysely';
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

export async function insertOrganisation(
  tx: Tx,
  name: string,
  timeZone: string,
  country: string,
): Promise<{ id: string }> {
  return tx
    .insertInto('organisations')
    .values({ name, time_zone: timeZone, country })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The staff row of a new user, holding one role (people/ owns staff otherwise; this is the sign-up path). */
export async function insertStaffWithRole(
  tx: Tx,
  organisationId: string,
  s: {
    givenName: string;
    familyName: string;
    email: string;
    timeZone: string;
    deliversServices: boolean;
    roleId: string;
  },
): Promise<{ id: string }> {
  const staff = await tx
    .insertInto('staff')
    .values({
      organisation_id: organisationId,
      given_name: s.givenName,
      family_name: s.familyName,
      email: s.email,
      time_zone: s.timeZone,
      delivers_services: s.deliversServices,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('staff_roles')
    .values({ organisation_id: organisationId, staff_id: staff.id, role_id: s.roleId })
    .execute();
  return staff;
}

export async function organisationExists(tx: Tx, id: string): Promise<boolean> {
  return (
    (await tx.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  );
}

/** Whether a user or staff member of the organisation already has this e-mail, in any letter case. */
export async function emailInUse(tx: Tx, organisationId: string, email: string): Promise<boolean> {
  const row = await tx
    .selectFrom('staff')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .union(
      tx
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where(sql`lower(email)`, '=', email.toLowerCase()),
    )
    .executeTakeFirst();
  return row !== undefined;
}
