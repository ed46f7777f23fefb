import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../server/src/platform/db/database.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATA_TODAY, type DataSet, ORG_ZONE } from './dataset/generate-data.js';
import { type Session, signIn } from './http/session.js';
import { type BenchResult, fmt } from './support/report.js';
import { nowMs, percentile } from './support/timing.js';

/**
 * Benchmark 3b: group sessions. (1) 64 concurrent HTTP clients race for the places of one 8-seat group
 * (POST /api/v1/sessions/:id/clients), group after group: the lead client holds one seat, so exactly 7 racers
 * win and 8 clients hold places; the rest get 409. Its p99 is set against a peer in the same run: the same 64
 * racers asking for one worker's slot with an individual appointment (exactly one wins), and, when benchmark 3
 * ran, against its individual booking p99. (2) The sessions calendar: GET /api/v1/sessions for a week
 * holding the groups as well as the data set's visits, against a floor returning the same rows by one statement.
 */

const RACERS = 64;
const CAPACITY = 8;
const NAME = 'Bench group';
const SOLO = 'Bench visit';

type Outcome = { status: number; ms: number };

async function timedFetch(url: string, init: RequestInit): Promise<Outcome> {
  const start = nowMs();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, ms: nowMs() - start };
}

const post = (s: Session, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
  body: JSON.stringify(body),
});

export async function sessionsBench(options: {
  db: Db;
  data: DataSet;
  dataSet: string;
  appUrl: string;
  /** The floor server (bench/src/http/serve-floor.ts). */
  floorUrl: string;
  groups: number;
  reads: number;
  /** The individual booking's p99 (benchmark 3), when it ran. */
  individualP99: number | null;
}): Promise<BenchResult> {
  const { db, data } = options;
  const org = data.organisationId;
  await sql`DELETE FROM bookings WHERE organisation_id = ${org} AND name IN (${NAME}, ${SOLO})`.execute(db);
  // Clients in the peer race's worker's zone: the same local 17:00 in another zone is another slot, so racers
  // from several zones (as in the shared data set) would each win one.
  const clients = await sql<{ id: string }>`
    SELECT c.id FROM clients c JOIN staff s ON s.organisation_id = c.organisation_id AND s.id = ${data.staffIds[0]!}
    WHERE c.organisation_id = ${org} AND c.time_zone = s.time_zone
    ORDER BY c.family_name, c.id LIMIT ${RACERS + 1}`.execute(db);
  if (clients.rows.length < RACERS + 1) throw new Error(`need ${RACERS + 1} clients`);
  const [lead, ...racers] = clients.rows.map((r) => r.id);
  // One after another, as before the throttle stopped counting concurrent successes as failures.
  const sessions: Session[] = [];
  for (let i = 0; i < RACERS; i++) sessions.push(await signIn(options.appUrl, ADMIN_EMAIL, ADMIN_PASSWORD));

  // One group a day, two weeks after "today", mid-morning, no worker (the race is for the clients' places).
  const first = Temporal.PlainDate.from(DATA_TODAY).add({ days: 14 });
  const dates = Array.from({ length: options.groups }, (_, k) => first.add({ days: k }).toString());
  const createMs: number[] = [];
  const race: Outcome[] = [];
  const winners: number[] = [];
  const taken: number[] = [];
  const other = new Map<number, number>();
  const raceStart = nowMs();
  for (const date of dates) {
    const created = await timedFetch(
      `${options.appUrl}/api/v1/sessions`,
      post(sessions[0]!, {
        category: 'group',
        name: NAME,
        bookingDate: date,
        startTime: '10:00',
        durationMinutes: 120,
        capacity: CAPACITY,
        clients: [{ clientId: lead }],
        services: [{ source: 'adhoc', name: 'Group activity 1:4', hourlyRateMinor: 6000, ratio: 4 }],
        overrideReason: 'Bench group',
      }),
    );
    createMs.push(created.ms);
    const id = (
      await sql<{ id: string }>`SELECT id FROM bookings WHERE organisation_id = ${org} AND name = ${NAME}
        ORDER BY created_at DESC LIMIT 1`.execute(db)
    ).rows[0]!.id;
    const outcomes = await Promise.all(
      sessions.map((s, i) =>
        timedFetch(`${options.appUrl}/api/v1/sessions/${id}/clients`, post(s, { clientId: racers[i] })),
      ),
    );
    race.push(...outcomes);
    winners.push(outcomes.filter((o) => o.status === 201).length);
    for (const o of outcomes)
      if (o.status !== 201 && o.status !== 409) other.set(o.status, (other.get(o.status) ?? 0) + 1);
    taken.push(
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM booking_participants
            WHERE booking_id = ${id} AND client_id IS NOT NULL AND status IN ('booked', 'attended')`.execute(
            db,
          )
        ).rows[0]!.n,
      ),
    );
  }
  const raceSeconds = (nowMs() - raceStart) / 1000;
  const sorted = race.map((o) => o.ms).sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);

  // The peer, in this run on this data: the same 64 racers each asking for an individual appointment with one
  // worker at one time (POST /sessions, a visit): the worker's exclusion constraint lets exactly one through.
  const worker = data.staffIds[0]!;
  const solo: Outcome[] = [];
  const soloWinners: number[] = [];
  for (const date of dates) {
    const outcomes = await Promise.all(
      sessions.map((s, i) =>
        timedFetch(
          `${options.appUrl}/api/v1/sessions`,
          post(s, {
            category: 'visit',
            name: SOLO,
            bookingDate: date,
            startTime: '17:00',
            durationMinutes: 60,
            clients: [{ clientId: racers[i] }],
            workers: [{ staffId: worker }],
            services: [{ source: 'adhoc', name: 'Personal care 1:1', hourlyRateMinor: 6000, ratio: 1 }],
            overrideReason: 'Bench visit',
          }),
        ),
      ),
    );
    solo.push(...outcomes);
    soloWinners.push(outcomes.filter((o) => o.status === 201).length);
  }
  const soloSorted = solo.map((o) => o.ms).sort((a, b) => a - b);
  const soloP99 = percentile(soloSorted, 99);
  const soloOther = solo.filter((o) => o.status !== 201 && o.status !== 409).length;

  // The sessions calendar for the week holding the groups (Monday to Sunday), 8 readers at a time, batch by batch
  // alternating with the floor (the same rows by one SQL statement in bare Fastify + pg) so drift falls on both.
  const monday = first.subtract({ days: first.dayOfWeek - 1 });
  const week = `from=${monday}&to=${monday.add({ days: 6 })}`;
  const instantOf = (d: Temporal.PlainDate) => d.toZonedDateTime(ORG_ZONE).toInstant().toString();
  const floorWeek = `org=${org}&from=${encodeURIComponent(instantOf(monday))}&to=${encodeURIComponent(instantOf(monday.add({ days: 7 })))}`;
  const probe = await fetch(`${options.appUrl}/api/v1/sessions?${week}`, {
    headers: { cookie: sessions[0]!.cookie },
  });
  const items = ((await probe.json()) as { items: { category: string }[] }).items;
  const floorItems = (
    (await (await fetch(`${options.floorUrl}/floor/sessions?${floorWeek}`)).json()) as { items: unknown[] }
  ).items.length;
  const reads: number[] = [];
  const floorReads: number[] = [];
  const readFailures: number[] = [];
  let readMs = 0;
  let floorMs = 0;
  for (let i = 0; i < options.reads; i += 8) {
    const appBatch = async () => {
      const start = nowMs();
      const batch = await Promise.all(
        sessions
          .slice(0, 8)
          .map((s) =>
            timedFetch(`${options.appUrl}/api/v1/sessions?${week}`, { headers: { cookie: s.cookie } }),
          ),
      );
      readMs += nowMs() - start;
      reads.push(...batch.map((b) => b.ms));
      readFailures.push(...batch.filter((b) => b.status !== 200).map((b) => b.status));
    };
    const floorBatch = async () => {
      const start = nowMs();
      const batch = await Promise.all(
        Array.from({ length: 8 }, () => timedFetch(`${options.floorUrl}/floor/sessions?${floorWeek}`, {})),
      );
      floorMs += nowMs() - start;
      floorReads.push(...batch.map((b) => b.ms));
      readFailures.push(...batch.filter((b) => b.status !== 200).map((b) => b.status));
    };
    if ((i / 8) % 2 === 0) {
      await appBatch();
      await floorBatch();
    } else {
      await floorBatch();
      await appBatch();
    }
  }
  const sortedReads = reads.sort((a, b) => a - b);
  const sortedFloor = floorReads.sort((a, b) => a - b);
  const readP50 = percentile(sortedReads, 50) / percentile(sortedFloor, 50);
  const readP99 = percentile(sortedReads, 99) / percentile(sortedFloor, 99);
  const groupsInWeek = items.filter((i) => i.category === 'group').length;
  const exactly = taken.every((n) => n === CAPACITY) && winners.every((w) => w === CAPACITY - 1);

  return {
    id: 'sessions',
    title: '3b. Group sessions: contended places and the sessions calendar',
    dataSet: options.dataSet,
    figures: [
      {
        label: `Carebook, ${RACERS} clients racing for the places of ${options.groups} 8-seat groups (POST /sessions/:id/clients)`,
        value: `p50 ${fmt(percentile(sorted, 50), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(sorted.at(-1)!, 1)} ms; ${fmt(race.length / raceSeconds)} requests/s`,
      },
      {
        label: `peer: the same ${RACERS} racing for one worker's slot with an individual appointment (POST /sessions, a visit), ${dates.length} times`,
        value: `p50 ${fmt(percentile(soloSorted, 50), 1)} ms, p99 ${fmt(soloP99, 1)} ms; ${soloWinners.join(', ')} winners`,
      },
      {
        label: 'creating each group (POST /sessions, one client and one service)',
        value: `median ${fmt(
          percentile(
            [...createMs].sort((a, b) => a - b),
            50,
          ),
          1,
        )} ms`,
      },
      {
        label: 'answers',
        value: `${winners.reduce((a, b) => a + b, 0)} places won, ${race.filter((o) => o.status === 409).length} × 409, ${[...other].map(([s, n]) => `${n} × ${s}`).join(', ') || 'nothing else'}`,
      },
      {
        label: `sessions calendar, one week (GET /sessions?${week}: ${items.length} sessions, ${groupsInWeek} groups), 8 concurrent readers`,
        value: `p50 ${fmt(percentile(sortedReads, 50), 1)} ms, p99 ${fmt(percentile(sortedReads, 99), 1)} ms; ${fmt(reads.length / (readMs / 1000))} requests/s`,
      },
      {
        label: `floor: bare Fastify + pg, the same rows by one SQL statement (${floorItems} sessions), 8 concurrent readers, batches alternating with Carebook's`,
        value: `p50 ${fmt(percentile(sortedFloor, 50), 1)} ms, p99 ${fmt(percentile(sortedFloor, 99), 1)} ms; ${fmt(floorReads.length / (floorMs / 1000))} requests/s`,
      },
    ],
    ratios: [
      { label: 'sessions week read p50 / floor p50', value: readP50, goal: '≤ 2×', met: readP50 <= 2 },
      { label: 'sessions week read p99 / floor p99', value: readP99, goal: '≤ 2×', met: readP99 <= 2 },
      {
        label: 'group place p99 / individual appointment p99 (the peer race, this run)',
        value: p99 / soloP99,
      },
      ...(options.individualP99 === null
        ? []
        : [
            {
              label: 'group place p99 / individual booking p99 (benchmark 3)',
              value: p99 / options.individualP99,
            },
          ]),
    ],
    checks: [
      {
        label: `exactly ${CAPACITY} clients hold places in every group (the lead and ${CAPACITY - 1} racers)`,
        ok: exactly,
        detail: exactly ? undefined : `places: ${taken.join(',')}; winners: ${winners.join(',')}`,
      },
      { label: 'every other answer is a 409', ok: other.size === 0 },
      {
        label: 'the week read and its floor return the same sessions, every read a 200',
        ok: items.length === floorItems && readFailures.length === 0,
        detail: `${items.length} vs ${floorItems}${readFailures.length ? `; ${readFailures.length} failed reads` : ''}`,
      },
      {
        label: 'exactly one individual appointment wins each peer race, every other answer a 409',
        ok: soloWinners.every((w) => w === 1) && soloOther === 0,
        detail: soloOther ? `${soloOther} answers neither 201 nor 409` : undefined,
      },
    ],
    notes: [
      'each add is a full product request: session check, CSRF, Zod validation, one tenant transaction, the booking row locked, places counted, insert (the capacity trigger as backstop), audit event with the session before and after',
    ],
  };
}
