import Fastify from 'fastify';
import pg from 'pg';

/**
 * The floor server: bare Fastify and the same driver (pg), no session, no transaction, no validation, no
 * row-level security — only the single SQL statement each benchmark needs. `serve-floor.ts <database url>`.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: serve-floor.ts <database url>');
const pool = new pg.Pool({ connectionString: url, max: 20 });
pool.on('error', () => {});
await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid NOT NULL, client_id uuid NOT NULL,
  staff_id uuid NOT NULL, name text NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL)`);
await pool.query('TRUNCATE bench_floor_bookings');
// The same table with the product's exclusion constraint, to tell the constraint's cost from the product's.
await pool.query(`CREATE TABLE IF NOT EXISTS bench_floor_constrained (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), organisation_id uuid NOT NULL, client_id uuid NOT NULL,
  staff_id uuid NOT NULL, name text NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
  EXCLUDE USING gist (organisation_id WITH =, staff_id WITH =, tstzrange(starts_at, ends_at) WITH &&))`);
await pool.query('TRUNCATE bench_floor_constrained');

// The calendar route's query (calendar.store.ts `calendarEvents`, its lean projection) for an organisation, a
// range and staff ids.
const CALENDAR_SQL = `
SELECT b.id, b.name, b.kind, b.status,
  floor(extract(epoch from b.starts_at))::float8 AS "startsEpoch", floor(extract(epoch from b.ends_at))::float8 AS "endsEpoch",
  cp.client_id AS "clientId", cp.status AS "clientStatus",
  coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name AS "clientName",
  c.time_zone AS "clientTimeZone", ap.staff_id AS "staffId", s.given_name || ' ' || s.family_name AS "staffName",
  p.name AS "providerName", b.series_id AS "seriesId", b.is_exception AS "isException",
  b.service_type_id AS "serviceTypeId", t.name AS "serviceTypeName", t.colour
FROM bookings b
JOIN booking_participants cp ON cp.organisation_id = b.organisation_id AND cp.booking_id = b.id
  AND cp.participant_type = 'client' AND cp.is_lead
JOIN clients c ON c.organisation_id = cp.organisation_id AND c.id = cp.client_id
LEFT JOIN booking_participants ap ON ap.organisation_id = b.organisation_id AND ap.booking_id = b.id
  AND ap.participant_type IN ('staff', 'provider') AND ap.is_lead
LEFT JOIN staff s ON s.organisation_id = ap.organisation_id AND s.id = ap.staff_id
LEFT JOIN external_providers p ON p.organisation_id = ap.organisation_id AND p.id = ap.provider_id
LEFT JOIN service_types t ON t.organisation_id = b.organisation_id AND t.id = b.service_type_id
WHERE b.organisation_id = $1 AND tstzrange(b.starts_at, b.ends_at) && tstzrange($2::timestamptz, $3::timestamptz)
  AND ap.staff_id = ANY($4::uuid[])
ORDER BY b.starts_at, b.id LIMIT 5001`;

// The sessions calendar's query (sessions/session-read.store.ts `sessionSummaries`) for an organisation and a
// range of instants: one statement, people as JSON built by PostgreSQL, instants as epoch seconds.
const SESSIONS_SQL = `
SELECT b.id, b.category, b.name, b.status,
  floor(extract(epoch from b.starts_at))::float8 AS "startsEpoch", floor(extract(epoch from b.ends_at))::float8 AS "endsEpoch",
  b.time_zone AS "timeZone", b.series_id AS "seriesId", b.capacity, b.service_type_id AS "serviceTypeId",
  coalesce((SELECT json_agg(json_build_object('id', p.client_id,
              'name', coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name, 'status', p.status)
            ORDER BY p.is_lead DESC, p.created_at, p.id)
     FROM booking_participants p
     JOIN clients c ON c.organisation_id = p.organisation_id AND c.id = p.client_id
    WHERE p.organisation_id = b.organisation_id AND p.booking_id = b.id AND p.participant_type = 'client'), '[]'::json) AS clients,
  coalesce((SELECT json_agg(json_build_object('id', coalesce(p.staff_id, p.provider_id),
              'name', coalesce(s.given_name || ' ' || s.family_name, e.name), 'lead', p.is_lead, 'status', p.status)
            ORDER BY p.is_lead DESC, p.participant_type = 'provider', p.created_at, p.id)
     FROM booking_participants p
     LEFT JOIN staff s ON s.organisation_id = p.organisation_id AND s.id = p.staff_id
     LEFT JOIN external_providers e ON e.organisation_id = p.organisation_id AND e.id = p.provider_id
    WHERE p.organisation_id = b.organisation_id AND p.booking_id = b.id
      AND p.participant_type IN ('staff', 'provider')), '[]'::json) AS workers,
  array(SELECT bt.service_type_id::text FROM booking_service_types bt
          JOIN service_types st ON st.organisation_id = bt.organisation_id AND st.id = bt.service_type_id
         WHERE bt.organisation_id = b.organisation_id AND bt.booking_id = b.id ORDER BY st.name, st.id) AS "tagIds"
FROM bookings b
WHERE b.organisation_id = $1 AND b.starts_at < $3::timestamptz AND b.ends_at > $2::timestamptz
ORDER BY b.starts_at, b.id LIMIT 2001`;

const app = Fastify();
app.get('/floor/calendar', async (request) => {
  const q = request.query as Record<string, string>;
  const { rows } = await pool.query(CALENDAR_SQL, [q.org, q.from, q.to, (q.staffId ?? '').split(',')]);
  return { items: rows };
});
app.get('/floor/sessions', async (request) => {
  const q = request.query as Record<string, string>;
  const { rows } = await pool.query(SESSIONS_SQL, [q.org, q.from, q.to]);
  return { items: rows };
});
app.post('/floor/bookings', async (request, reply) => {
  const b = request.body as Record<string, string>;
  const { rows } = await pool.query(
    `INSERT INTO bench_floor_bookings (organisation_id, client_id, staff_id, name, starts_at, ends_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [b.org, b.clientId, b.staffId, b.name, b.startsAt, b.endsAt],
  );
  reply.code(201);
  return { id: rows[0].id };
});
const INSERT_CONSTRAINED = `INSERT INTO bench_floor_constrained
  (organisation_id, client_id, staff_id, name, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;
const values = (b: Record<string, string>) => [b.org, b.clientId, b.staffId, b.name, b.startsAt, b.endsAt];

// One INSERT against the exclusion constraint (autocommit); a refusal is a 409.
app.post('/floor/bookings-constrained', async (request, reply) => {
  try {
    const { rows } = await pool.query(INSERT_CONSTRAINED, values(request.body as Record<string, string>));
    reply.code(201);
    return { id: rows[0].id };
  } catch (error) {
    const code = (error as { code?: string }).code;
    reply.code(code === '23P01' ? 409 : 500);
    return { code };
  }
});

// The same, serialised per staff member by a transaction-level advisory lock taken before the insert.
app.post('/floor/bookings-locked', async (request, reply) => {
  const b = request.body as Record<string, string>;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [b.staffId]);
    const { rows } = await client.query(INSERT_CONSTRAINED, values(b));
    await client.query('COMMIT');
    reply.code(201);
    return { id: rows[0].id };
  } catch (error) {
    await client.query('ROLLBACK');
    const code = (error as { code?: string }).code;
    reply.code(code === '23P01' ? 409 : 500);
    return { code };
  } finally {
    client.release();
  }
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
