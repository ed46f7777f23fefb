import type { Temporal } from 'temporal-polyfill';
import { type Tx, ts } from '../platform/db/database.js';
import { PERMISSION_KEYS, type Permission } from './permissions.js';

export type SessionRow = {
  userId: string;
  staffId: string;
  email: string;
  givenName: string;
  familyName: string;
  csrfToken: string;
  createdAt: Temporal.Instant;
  lastSeenAt: Temporal.Instant;
  userActive: boolean;
};

export async function insertSession(
  tx: Tx,
  s: {
    organisationId: string;
    tokenHash: Buffer;
    userId: string;
    csrfToken: string;
    now: Temporal.Instant;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      organisation_id: s.organisationId,
      token_hash: s.tokenHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now.toString(),
      last_seen_at: s.now.toString(),
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSession(
  tx: Tx,
  organisationId: string,
  tokenHash: Buffer,
): Promise<SessionRow | undefined> {
  const row = await tx
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) =>
      j.onRef('u.organisation_id', '=', 's.organisation_id').onRef('u.id', '=', 's.user_id'),
    )
    .innerJoin('staff as st', (j) =>
      j.onRef('st.organisation_id', '=', 'u.organisation_id').onRef('st.id', '=', 'u.staff_id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .where('s.token_hash', '=', tokenHash)
    .select([
      'u.id as userId',
      'u.staff_id as staffId',
      'u.email',
      'u.active as userActive',
      'st.given_name as givenName',
      'st.family_name as familyName',
      's.csrf_token as csrfToken',
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
    ])
    .executeTakeFirst();
  return row;
}

export async function touchSession(tx: Tx, organisationId: string, tokenHash: Buffer, now: Temporal.Instant) {
  await tx
    .updateTable('sessions')
    .set({ last_seen_at: now.toString() })
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    // Concurrent requests: an earlier instant never overwrites a later one.
    .where('last_seen_at', '<', ts(now.toString()))
    .execute();
}

export async function deleteSession(tx: Tx, organisationId: string, tokenHash: Buffer) {
  await tx
    .deleteFrom('sessions')
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function permissionsOfStaff(
  tx: Tx,
  organisationId: string,
  staffId: string,
): Promise<Permission[]> {
  const rows = await tx
    .selectFrom('staff_roles as sr')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.organisation_id', '=', 'sr.organisation_id').onRef('r.id', '=', 'sr.role_id'),
    )
    .where('sr.organisation_id', '=', organisationId)
    .where('sr.staff_id', '=', staffId)
    .select(['r.permissions', 'r.key'])
    .execute();
  // Administrators hold every permission, including ones added after their role was stored.
  if (rows.some((r) => r.key === 'administrator')) return [...PERMISSION_KEYS];
  return [...new Set(rows.flatMap((r) => r.permissions))] as Permission[];
}

export async function findMe(tx: Tx, organisationId: string, userId: string) {
  return (
    tx
      .selectFrom('users as u')
      .innerJoin('staff as st', (j) =>
        j.onRef('st.organisation_id', '=', 'u.organisation_id').onRef('st.id', '=', 'u.staff_id'),
      )
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      // Read only, for the currency money is shown in (billing/ owns and writes these settings).
      .leftJoin('organisation_billing_settings as b', 'b.organisation_id', 'o.id')
      .where('u.organisation_id', '=', organisationId)
      .where('u.id', '=', userId)
      .select([
        'u.id as userId',
        'u.email',
        'u.time_zone as userTimeZone',
        'st.id as staffId',
        'st.given_name as givenName',
        'st.family_name as familyName',
        'st.time_zone as staffTimeZone',
        'o.id as organisationId',
        'o.name as organisationName',
        'o.time_zone as organisationTimeZone',
        'o.country as organisationCountry',
        'b.currency as billingCurrency',
      ])
      .executeTakeFirstOrThrow()
  );
}
