import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';

export type UserCandidate = {
  organisationId: string;
  userId: string;
  staffId: string;
  email: string;
  passwordHash: string;
  label: string;
};

/** Sign-in only: the e-mail is looked up across organisations (system transaction), oldest account first. */
export async function findActiveUsersByEmail(tx: Tx, email: string): Promise<UserCandidate[]> {
  return tx
    .selectFrom('users as u')
    .innerJoin('staff as st', (j) =>
      j.onRef('st.organisation_id', '=', 'u.organisation_id').onRef('st.id', '=', 'u.staff_id'),
    )
    .where(sql`lower(u.email)`, '=', email.toLowerCase())
    .where('u.active', '=', true)
    .where('st.active', '=', true)
    .select([
      'u.organisation_id as organisationId',
      'u.id as userId',
      'u.staff_id as staffId',
      'u.email',
      'u.password_hash as passwordHash',
      sql<string>`st.given_name || ' ' || st.family_name`.as('label'),
    ])
    .orderBy('u.created_at')
    .execute();
}

export async function recordSignInAttempt(
  tx: Tx,
  email: string,
  ip: string,
  succeeded: boolean,
  at: Temporal.Instant,
) {
  await tx
    .insertInto('sign_in_attempts')
    .values({ email: email.toLowerCase(), ip, succeeded, attempted_at: at.toString() })
    .execute();
}

export async function recentFailures(tx: Tx, email: string, ip: string, since: Temporal.Instant) {
  const rows = await tx
    .selectFrom('sign_in_attempts')
    .where('succeeded', '=', false)
    .where('attempted_at', '>', ts(since.toString()))
    .where((eb) => eb.or([eb('email', '=', email.toLowerCase()), eb('ip', '=', ip)]))
    .select(['email', 'ip', 'attempted_at'])
    .orderBy('attempted_at')
    .execute();
  return {
    forEmail: rows.filter((r) => r.email === email.toLowerCase()).map((r) => r.attempted_at),
    forIp: rows.filter((r) => r.ip === ip).map((r) => r.attempted_at),
  };
}

export async function insertUser(
  tx: Tx,
  u: { organisationId: string; staffId: string; email: string; passwordHash: string },
): Promise<string> {
  const row = await tx
    .insertInto('users')
    .values({
      organisation_id: u.organisationId,
      staff_id: u.staffId,
      email: u.email,
      password_hash: u.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
