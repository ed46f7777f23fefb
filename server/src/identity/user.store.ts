import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import type { RecentFailures } from './sign-in-throttle.js';

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

/**
 * Serialises sign-in attempts for one IP address and one e-mail until the transaction ends (always the IP
 * key first, then the e-mail key, so two attempts can never wait for each other in a cycle).
 */
export async function lockSignInKeys(tx: Tx, email: string, ip: string) {
  await sql`SELECT pg_advisory_xact_lock(727101, hashtext(${ip}))`.execute(tx);
  await sql`SELECT pg_advisory_xact_lock(727102, hashtext(${email.toLowerCase()}))`.execute(tx);
}

/** Recorded as pending (null) before the password is checked; the check's outcome replaces it. */
export async function insertPendingAttempt(tx: Tx, email: string, ip: string, at: Temporal.Instant) {
  const row = await tx
    .insertInto('sign_in_attempts')
    .values({ email: email.toLowerCase(), ip, succeeded: null, attempted_at: at.toString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function recordAttemptOutcome(tx: Tx, id: string, succeeded: boolean) {
  await tx.updateTable('sign_in_attempts').set({ succeeded }).where('id', '=', id).execute();
}

/**
 * Failed and still-pending attempts since `since`, for the e-mail and the address, oldest first. A pending
 * attempt from before `staleBefore` is counted as failed (its request never finished).
 */
export async function recentAttempts(
  tx: Tx,
  email: string,
  ip: string,
  since: Temporal.Instant,
  staleBefore: Temporal.Instant,
): Promise<{ failures: RecentFailures; pending: RecentFailures }> {
  const lower = email.toLowerCase();
  const rows = await tx
    .selectFrom('sign_in_attempts')
    .where((eb) => eb.or([eb('succeeded', '=', false), eb('succeeded', 'is', null)]))
    .where('attempted_at', '>', ts(since.toString()))
    .where((eb) => eb.or([eb('email', '=', lower), eb('ip', '=', ip)]))
    .select(['email', 'ip', 'attempted_at', 'succeeded'])
    .orderBy('attempted_at')
    .execute();
  const lists = (pending: boolean): RecentFailures => {
    const chosen = rows.filter(
      (r) => (r.succeeded === null && Temporal.Instant.compare(r.attempted_at, staleBefore) > 0) === pending,
    );
    return {
      forEmailFromIp: chosen.filter((r) => r.email === lower && r.ip === ip).map((r) => r.attempted_at),
      forIp: chosen.filter((r) => r.ip === ip).map((r) => r.attempted_at),
      forEmail: chosen.filter((r) => r.email === lower).map((r) => r.attempted_at),
    };
  };
  return { failures: lists(false), pending: lists(true) };
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
