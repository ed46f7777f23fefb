import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../server/src/platform/db/database.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATA_TODAY, type DataSet } from './dataset/generate-data.js';
import { type Session, signIn } from './http/session.js';
import { type BenchResult, fmt } from './support/report.js';
import { nowMs, percentile } from './support/timing.js';

/**
 * Benchmark 3: 64 concurrent HTTP clients (each with its own session) book the same staff member for the
 * same slot, slot after slot, through POST /api/v1/clients/:id/service-orders. Exactly one may win each slot
 * (the exclusion constraint decides; the rest get 409). The floor: the same 64 concurrent requests per slot to
 * a bare Fastify route doing one INSERT into a table without the constraint.
 */

export const CONTENDERS = 64;
const NAME = 'Contended slot';

/** `beingBooked`: a 409 from the try-lock (someone else was booking that time), not from a committed booking. */
type Outcome = { status: number; ms: number; beingBooked?: boolean; problemJson?: boolean };

async function timedFetch(url: string, init: RequestInit): Promise<Outcome> {
  const start = nowMs();
  const response = await fetch(url, init);
  const body = await response.text();
  const ms = nowMs() - start;
  if (response.status !== 409) return { status: response.status, ms };
  return {
    status: 409,
    ms,
    beingBooked: body.includes('"beingBooked":true'),
    problemJson: response.headers.get('content-type')?.startsWith('application/problem+json') ?? false,
  };
}

export async function bookingBench(options: {
  db: Db;
  data: DataSet;
  dataSet: string;
  appUrl: string;
  floorUrl: string;
  slots: number;
}): Promise<BenchResult> {
  const { db, data } = options;
  const org = data.organisationId;
  const staffId = data.staffIds[0]!;
  // Earlier runs' winners would make every request a 409: start from a clean slate.
  await sql`DELETE FROM bookings WHERE organisation_id = ${org} AND name = ${NAME}`.execute(db);
  const staff = await sql<{ time_zone: string }>`SELECT time_zone FROM staff WHERE id = ${staffId}`.execute(
    db,
  );
  const zone = staff.rows[0]!.time_zone;
  const clients = await sql<{ id: string }>`
    SELECT id FROM clients WHERE organisation_id = ${org} AND time_zone = ${zone} ORDER BY family_name LIMIT ${CONTENDERS}`.execute(
    db,
  );
  if (clients.rows.length < CONTENDERS) throw new Error(`need ${CONTENDERS} clients in ${zone}`);

  const sessions: Session[] = [];
  for (let i = 0; i < CONTENDERS; i += 8)
    sessions.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, CONTENDERS - i) }, () =>
          signIn(options.appUrl, ADMIN_EMAIL, ADMIN_PASSWORD),
        ),
      )),
    );

  // Slots after the staff member's working day (17:30–18:30), one per day from a week after "today". Outside
  // working hours is a soft conflict, so each request carries the reason a coordinator would give.
  const first = Temporal.PlainDate.from(DATA_TODAY).add({ days: 7 });
  const slotDates = Array.from({ length: options.slots }, (_, k) => first.add({ days: k }).toString());

  const deadlocks = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`.execute(db)
      ).rows[0]!.n,
    );
  const deadlocksBefore = await deadlocks();
  const app: Outcome[] = [];
  const appWinners: number[] = [];
  const otherStatuses = new Map<number, number>();
  const appStart = nowMs();
  for (const date of slotDates) {
    const outcomes = await Promise.all(
      sessions.map((session, i) =>
        timedFetch(`${options.appUrl}/api/v1/clients/${clients.rows[i]!.id}/service-orders`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: JSON.stringify({
            name: NAME,
            bookingDate: date,
            startTime: '17:30',
            durationMinutes: 60,
            assignee: { type: 'staff', id: staffId },
            overrideReason: 'Evening visit agreed with the worker',
          }),
        }),
      ),
    );
    app.push(...outcomes);
    appWinners.push(outcomes.filter((o) => o.status === 201 || o.status === 200).length);
    for (const o of outcomes)
      if (o.status !== 201 && o.status !== 200 && o.status !== 409)
        otherStatuses.set(o.status, (otherStatuses.get(o.status) ?? 0) + 1);
  }
  const appSeconds = (nowMs() - appStart) / 1000;
  // pg_stat_database is updated asynchronously by the stats system; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const appDeadlocks = (await deadlocks()) - deadlocksBefore;

  /** The same 64-way race per slot against a floor route; `dayOffset` keeps variants off each other's slots. */
  const floorRun = async (path: string, dayOffset: number) => {
    const outcomes: Outcome[] = [];
    const winners: number[] = [];
    const start = nowMs();
    for (const date of slotDates) {
      const day = Temporal.PlainDate.from(date).add({ days: dayOffset });
      const startsAt = Temporal.PlainDateTime.from(`${day}T17:30`).toZonedDateTime(zone).toInstant();
      const slot = await Promise.all(
        clients.rows.map((client) =>
          timedFetch(`${options.floorUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              org,
              clientId: client.id,
              staffId,
              name: NAME,
              startsAt: startsAt.toString(),
              endsAt: startsAt.add({ minutes: 60 }).toString(),
            }),
          }),
        ),
      );
      outcomes.push(...slot);
      winners.push(slot.filter((o) => o.status === 201).length);
    }
    const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    return { outcomes, winners, sorted, seconds: (nowMs() - start) / 1000 };
  };
  const bare = await floorRun('/floor/bookings', 0);
  const constrained = await floorRun('/floor/bookings-constrained', 0);
  const locked = await floorRun('/floor/bookings-locked', 1000);
  const floor = bare.outcomes;
  const floorSeconds = bare.seconds;
  const describeFloor = (run: typeof bare) =>
    `p50 ${fmt(percentile(run.sorted, 50), 1)} ms, p99 ${fmt(percentile(run.sorted, 99), 1)} ms, max ${fmt(run.sorted.at(-1)!, 1)} ms; ${run.winners.every((w) => w === 1) ? 'one winner per slot' : `winners per slot ${Math.min(...run.winners)}–${Math.max(...run.winners)}`}; ${run.outcomes.filter((o) => o.status >= 500).length} errors`;

  const overlaps = await sql<{ n: string }>`
    SELECT count(*) AS n FROM booking_participants a JOIN booking_participants b
      ON a.organisation_id = b.organisation_id AND a.staff_id = b.staff_id AND a.id < b.id AND a.period && b.period
    WHERE a.organisation_id = ${org} AND a.staff_id = ${staffId}
      AND a.status IN ('booked', 'attended') AND b.status IN ('booked', 'attended')`.execute(db);
  const stored = await sql<{ n: string }>`
    SELECT count(*) AS n FROM bookings WHERE organisation_id = ${org} AND name = ${NAME}`.execute(db);
  const floorStored = await sql<{ n: string }>`SELECT count(*) AS n FROM bench_floor_bookings`.execute(db);

  const sortedApp = app.map((o) => o.ms).sort((a, b) => a - b);
  const sortedFloor = floor.map((o) => o.ms).sort((a, b) => a - b);
  const p = (s: number[], q: number) => percentile(s, q);
  const p99 = p(sortedApp, 99);
  const lockedP99 = percentile(locked.sorted, 99);
  const conflicts = app.filter((o) => o.status === 409).length;
  const early = app.filter((o) => o.beingBooked);
  const late = app.filter((o) => o.status === 409 && !o.beingBooked);
  const winnersMs = app.filter((o) => o.status === 201 || o.status === 200).map((o) => o.ms);
  const medianOf = (xs: number[]) =>
    xs.length
      ? p(
          [...xs].sort((a, b) => a - b),
          50,
        )
      : Number.NaN;
  const exactlyOne = appWinners.every((w) => w === 1);
  return {
    id: 'booking',
    title: '3. Contended booking',
    dataSet: options.dataSet,
    figures: [
      {
        label: `Carebook, ${CONTENDERS} clients × ${options.slots} slots (POST /clients/:id/service-orders)`,
        value: `p50 ${fmt(p(sortedApp, 50), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(sortedApp.at(-1)!, 1)} ms; ${fmt(app.length / appSeconds)} requests/s`,
      },
      {
        label: 'floor: bare INSERT without the constraint, same concurrency',
        value: `p50 ${fmt(p(sortedFloor, 50), 1)} ms, p99 ${fmt(p(sortedFloor, 99), 1)} ms; ${fmt(floor.length / floorSeconds)} requests/s`,
      },
      {
        label:
          'floor + the exclusion constraint: one autocommit INSERT per request into a table with the same constraint',
        value: describeFloor(constrained),
      },
      {
        label: 'floor + constraint + a per-staff advisory lock taken before the insert',
        value: describeFloor(locked),
      },
      {
        label: 'deadlocks PostgreSQL detected (and broke after deadlock_timeout, 1 s) during the product run',
        value: fmt(appDeadlocks),
      },
      {
        label: 'answers',
        value: `${appWinners.reduce((a, b) => a + b, 0)} created, ${conflicts} × 409, ${[...otherStatuses].map(([s, n]) => `${n} × ${s}`).join(', ') || 'nothing else'}`,
      },
      {
        label: '409s by cause (median latency)',
        value: `${early.length} refused at once by the try-lock on the staff member's hours (${fmt(medianOf(early.map((o) => o.ms)), 1)} ms), ${late.length} refused by the committed booking (${fmt(medianOf(late.map((o) => o.ms)), 1)} ms); winners ${fmt(medianOf(winnersMs), 1)} ms`,
      },
    ],
    ratios: [
      { label: 'p99 / floor p99', value: p99 / p(sortedFloor, 99) },
      { label: 'p99 / (floor + constraint) p99', value: p99 / percentile(constrained.sorted, 99) },
      {
        label: 'p99 / (floor + constraint + advisory lock) p99',
        value: p99 / lockedP99,
        goal: '≤ 1.5×',
        met: p99 <= 1.5 * lockedP99,
      },
      { label: 'p50 / floor p50', value: p(sortedApp, 50) / p(sortedFloor, 50) },
      // No longer a goal (issue 17 asks for the ratio above); kept because the sessions bench reads the p99 from it.
      { label: 'p99 against the 200 ms goal', value: p99 / 200 },
    ],
    checks: [
      {
        label: 'exactly one success per slot',
        ok: exactlyOne,
        detail: exactlyOne ? undefined : `winners per slot: ${appWinners.join(',')}`,
      },
      {
        label: 'every other answer is a 409',
        ok: conflicts === app.length - options.slots && otherStatuses.size === 0,
      },
      {
        label: 'every 409 is application/problem+json',
        ok: app.filter((o) => o.status === 409).every((o) => o.problemJson),
      },
      {
        label: 'zero overlaps for the staff member in the database',
        ok: Number(overlaps.rows[0]!.n) === 0,
        detail: `${overlaps.rows[0]!.n} overlapping pairs`,
      },
      {
        label: 'one stored booking per slot',
        ok: Number(stored.rows[0]!.n) === options.slots,
        detail: `${stored.rows[0]!.n} stored`,
      },
      {
        label: 'the floor stored every request (it has nothing to refuse with)',
        ok: Number(floorStored.rows[0]!.n) === floor.length,
      },
    ],
    notes: [
      "each request is a full product request: session check, CSRF, Zod validation, one tenant transaction with row-level security, a try-lock on the staff member's hours (a contender that finds them taken is answered 409 at once), overlap pre-check, insert, audit event",
      'latency measured in the load process from request start to the end of the body; load, server and PostgreSQL share the same 2 cores',
    ],
  };
}
