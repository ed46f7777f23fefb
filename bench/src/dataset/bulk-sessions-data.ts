import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { createOrganisation, createUserWithStaff } from '../../../server/src/identity/organisation.action.js';
import { type Db, withSystem } from '../../../server/src/platform/db/database.js';
import { nowMs } from '../support/timing.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATA_TODAY, type DataSet, ORG_ZONE } from './generate-data.js';

/** Clients per staff member: each client owns one hour row (08:00 + k) of one staff member's weekdays. */
const ROWS = 8;

export const bulkOrgNameOf = (clients: number) => `Bench sessions (bulk, ${clients} clients)`;

/**
 * The sessions benchmark's data set, written in bulk (a few INSERT … SELECT statements, not the product's
 * actions, which made ~0.65 clients/s on the shared machine): N clients and N/8 staff, and hour-long visits
 * (every client one weekday a week, every other client a second) for the five weeks around the groups' week
 * (DATA_TODAY + 7 … + 42 days): 1.5 N visits a week, under the sessions calendar's 2,000-a-read cap. The rows are what the product writes for a visit (a booking, its
 * lead client and lead staff participants, the client's delivery row); the database's triggers and
 * constraints (participant periods, one staff member in one place) check them as they go in.
 */
export async function ensureBulkSessionsData(db: Db, clients: number): Promise<DataSet> {
  const name = bulkOrgNameOf(clients);
  const existing = await withSystem(db, (tx) =>
    tx.selectFrom('organisations').where('name', '=', name).select('id').executeTakeFirst(),
  );
  if (existing) return describe(db, existing.id, clients, 0);
  const started = nowMs();
  const org = await createOrganisation(db, name, ORG_ZONE);
  const admin = await createUserWithStaff(db, {
    organisationId: org.id,
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
    givenName: 'Bench',
    familyName: 'Admin',
    timeZone: ORG_ZONE,
    roleKey: 'administrator',
  });
  const staff = Math.ceil(clients / ROWS);
  const first = Temporal.PlainDate.from(DATA_TODAY).add({ days: 7 }).toString();
  const last = Temporal.PlainDate.from(DATA_TODAY).add({ days: 42 }).toString();
  await withSystem(db, async (tx) => {
    await sql`INSERT INTO clients (organisation_id, given_name, family_name, time_zone, status)
      SELECT ${org.id}, 'Client', 'Bulk-' || lpad(n::text, 6, '0'), ${ORG_ZONE}, 'active'
        FROM generate_series(0, ${clients - 1}::int) n`.execute(tx);
    await sql`INSERT INTO staff (organisation_id, given_name, family_name, email, time_zone)
      SELECT ${org.id}, 'Worker', 'Bulk-' || lpad(n::text, 5, '0'),
             'worker' || lpad(n::text, 6, '0') || '@bench.example.org', ${ORG_ZONE}
        FROM generate_series(0, ${staff - 1}::int) n`.execute(tx);
    await sql`CREATE TEMP TABLE bulk_plan ON COMMIT DROP AS
      WITH c AS (SELECT id, row_number() OVER (ORDER BY family_name) - 1 AS n FROM clients
                  WHERE organisation_id = ${org.id}),
           s AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM staff
                  WHERE organisation_id = ${org.id} AND email LIKE 'worker%'),
           d AS (SELECT day::date AS day FROM generate_series(${first}::date, ${last}::date, interval '1 day') day
                  WHERE extract(isodow FROM day) < 6)
      SELECT gen_random_uuid() AS booking_id, gen_random_uuid() AS client_participant_id,
             c.id AS client_id, s.id AS staff_id,
             ((d.day + make_time(8 + (c.n / ${staff})::int, 0, 0)) AT TIME ZONE ${ORG_ZONE}) AS starts_at
        FROM c JOIN s ON s.n = c.n % ${staff} JOIN d
          ON extract(isodow FROM d.day) - 1 = c.n % 5
          OR (c.n % 2 = 0 AND extract(isodow FROM d.day) - 1 = (c.n + 3) % 5)`.execute(tx);
    await sql`INSERT INTO bookings (organisation_id, id, kind, name, starts_at, ends_at, time_zone, created_by_user_id)
      SELECT ${org.id}, booking_id, 'adhoc', 'Personal care', starts_at, starts_at + interval '1 hour', ${ORG_ZONE},
             ${admin.userId}::uuid
        FROM bulk_plan`.execute(tx);
    await sql`INSERT INTO booking_participants (organisation_id, id, booking_id, participant_type, client_id, is_lead, period)
      SELECT ${org.id}, client_participant_id, booking_id, 'client', client_id, true,
             tstzrange(starts_at, starts_at + interval '1 hour')
        FROM bulk_plan`.execute(tx);
    await sql`INSERT INTO booking_participants (organisation_id, booking_id, participant_type, staff_id, is_lead, period)
      SELECT ${org.id}, booking_id, 'staff', staff_id, true, tstzrange(starts_at, starts_at + interval '1 hour')
        FROM bulk_plan`.execute(tx);
    await sql`INSERT INTO client_deliveries (organisation_id, participant_id, booking_id, client_id)
      SELECT ${org.id}, client_participant_id, booking_id, client_id FROM bulk_plan`.execute(tx);
  });
  await sql`ANALYZE`.execute(db);
  return describe(db, org.id, clients, (nowMs() - started) / 1000);
}

async function describe(db: Db, organisationId: string, clients: number, seconds: number): Promise<DataSet> {
  return withSystem(db, async (tx) => {
    const staff = await tx
      .selectFrom('staff')
      .where('organisation_id', '=', organisationId)
      .where('email', 'like', 'worker%')
      .select('id')
      .orderBy('email')
      .execute();
    const count = await tx
      .selectFrom('bookings')
      .where('organisation_id', '=', organisationId)
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return {
      clients,
      weeks: 5,
      seed: 0,
      organisationId,
      staffIds: staff.map((s) => s.id),
      bookings: Number(count.n),
      seconds,
    };
  });
}
