import autocannon from 'autocannon';
import { Temporal } from 'temporal-polyfill';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type DataSet, ORG_ZONE } from './dataset/generate-data.js';
import { signIn } from './http/session.js';
import { type BenchResult, fmt } from './support/report.js';
import { median, nowMs, percentile } from './support/timing.js';

/**
 * Benchmark 4: a month of the sessions calendar for 50 staff, as HTTP requests under load from this process
 * (autocannon) against the product server and the floor server, each in its own process. The floor runs the
 * calendar route's single SQL query with the same driver and returns the rows as they come, nothing else.
 * Then one staff member's week, one request at a time, against the same floor (p95).
 */

export const CALENDAR_STAFF = 50;
const MONTH = { from: '2026-03-01T00:00:00+11:00', to: '2026-04-01T00:00:00+11:00' };

type Load = { rps: number; p99: number; p50: number; errors: number; non2xx: number };

async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Load> {
  const result = await autocannon({
    url,
    headers,
    duration: seconds,
    connections,
    pipelining: 1,
    timeout: 60,
  });
  return {
    // Requests completed over the duration (the per-second average rounds slow servers down to 0).
    rps: result.requests.total / seconds,
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Load on the calendar route only, for a profiled server: the requests it answered. */
export async function calendarLoad(data: DataSet, baseUrl: string, seconds: number): Promise<number> {
  const session = await signIn(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  const staffIds = data.staffIds.slice(0, CALENDAR_STAFF);
  const query = `from=${encodeURIComponent(MONTH.from)}&to=${encodeURIComponent(MONTH.to)}&staffId=${staffIds.join(',')}`;
  const url = `${baseUrl}/api/v1/calendar?${query}&zone=${encodeURIComponent(ORG_ZONE)}`;
  const result = await autocannon({
    url,
    headers: { cookie: session.cookie },
    duration: seconds,
    connections: 10,
  });
  return result.requests.total;
}

/** The Mondays of March 2026 in the organisation's zone: one staff member's week starts on one of them. */
const WEEKS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'].map((d) =>
  Temporal.PlainDate.from(d).toZonedDateTime(ORG_ZONE),
);
const WEEK_REQUESTS = 200;

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; items: number }> {
  const start = nowMs();
  const response = await fetch(url, { headers });
  const body = (await response.json()) as { items: unknown[] };
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms: nowMs() - start, items: body.items.length };
}

/**
 * One staff member's week, one request at a time (what a worker's own calendar asks), rotating over the 50
 * staff and March's four weeks; Carebook and the floor alternate request by request.
 */
async function staffWeekReads(
  data: DataSet,
  appBase: string,
  floorBase: string,
  headers: Record<string, string>,
) {
  const app: number[] = [];
  const floor: number[] = [];
  let mismatches = 0;
  let bookings = 0;
  for (let i = 0; i < WEEK_REQUESTS; i++) {
    const week = WEEKS[i % WEEKS.length]!;
    const staffId = data.staffIds[i % CALENDAR_STAFF]!;
    const range = `from=${encodeURIComponent(week.toString({ timeZoneName: 'never' }))}&to=${encodeURIComponent(week.add({ days: 7 }).toString({ timeZoneName: 'never' }))}&staffId=${staffId}`;
    const appUrl = `${appBase}/api/v1/calendar?${range}&zone=${encodeURIComponent(ORG_ZONE)}`;
    const floorUrl = `${floorBase}/floor/calendar?${range}&org=${data.organisationId}`;
    const [a, f] =
      i % 2 === 0
        ? [await timed(appUrl, headers), await timed(floorUrl, {})]
        : [await timed(floorUrl, {}), await timed(appUrl, headers)].reverse();
    app.push(a!.ms);
    floor.push(f!.ms);
    bookings += a!.items;
    if (a!.items !== f!.items) mismatches++;
  }
  app.sort((x, y) => x - y);
  floor.sort((x, y) => x - y);
  return { app, floor, mismatches, meanBookings: bookings / WEEK_REQUESTS };
}

export async function calendarBench(options: {
  data: DataSet;
  dataSet: string;
  appUrl: string;
  floorUrl: string;
  seconds: number;
  rounds: number;
}): Promise<BenchResult> {
  const staffIds = options.data.staffIds.slice(0, CALENDAR_STAFF);
  const session = await signIn(options.appUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  const query = `from=${encodeURIComponent(MONTH.from)}&to=${encodeURIComponent(MONTH.to)}&staffId=${staffIds.join(',')}`;
  const appUrl = `${options.appUrl}/api/v1/calendar?${query}&zone=${encodeURIComponent(ORG_ZONE)}`;
  const floorUrl = `${options.floorUrl}/floor/calendar?${query}&org=${options.data.organisationId}`;
  const headers = { cookie: session.cookie };

  // Both must answer the same bookings, or the comparison means nothing.
  const appItems = (await (await fetch(appUrl, { headers })).json()) as {
    items: unknown[];
    truncated: boolean;
  };
  const floorItems = ((await (await fetch(floorUrl)).json()) as { items: unknown[] }).items.length;

  const connections = 10;
  const apps: Load[] = [];
  const floors: Load[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate the order so drift on a shared machine falls on both sides.
    if (round % 2 === 0) {
      apps.push(await load(appUrl, headers, options.seconds, connections));
      floors.push(await load(floorUrl, {}, options.seconds, connections));
    } else {
      floors.push(await load(floorUrl, {}, options.seconds, connections));
      apps.push(await load(appUrl, headers, options.seconds, connections));
    }
  }
  const ratio = median(apps.map((a, i) => a.rps / floors[i]!.rps));
  const week = await staffWeekReads(options.data, options.appUrl, options.floorUrl, headers);
  const weekP95 = percentile(week.app, 95);
  const weekFloorP95 = percentile(week.floor, 95);
  const failures = [...apps, ...floors].reduce((n, l) => n + l.errors + l.non2xx, 0);
  return {
    id: 'calendar',
    title: '4. Calendar reads',
    dataSet: options.dataSet,
    figures: [
      {
        label: `Carebook GET /api/v1/calendar, ${staffIds.length} staff, March 2026 (${appItems.items.length} bookings per response)`,
        value: `${fmt(median(apps.map((a) => a.rps)), 1)} requests/s, p50 ${fmt(median(apps.map((a) => a.p50)))} ms, p99 ${fmt(median(apps.map((a) => a.p99)))} ms`,
      },
      {
        label: 'floor: bare Fastify + pg running the same SQL',
        value: `${fmt(median(floors.map((a) => a.rps)), 1)} requests/s, p50 ${fmt(median(floors.map((a) => a.p50)))} ms, p99 ${fmt(median(floors.map((a) => a.p99)))} ms`,
      },
      {
        label: `one staff member's week, one request at a time (${WEEK_REQUESTS} requests over ${CALENDAR_STAFF} staff × March's 4 weeks, ${fmt(week.meanBookings, 1)} bookings a response on average)`,
        value: `Carebook p50 ${fmt(percentile(week.app, 50), 1)} ms, p95 ${fmt(weekP95, 1)} ms, p99 ${fmt(percentile(week.app, 99), 1)} ms; floor p50 ${fmt(percentile(week.floor, 50), 1)} ms, p95 ${fmt(weekFloorP95, 1)} ms`,
      },
    ],
    ratios: [
      { label: 'Carebook requests/s / floor requests/s', value: ratio, goal: '≥ 0.9×', met: ratio >= 0.9 },
      {
        label: "one staff member's week: Carebook p95 against the 50 ms goal",
        value: weekP95 / 50,
        goal: '≤ 1× (p95 ≤ 50 ms)',
        met: weekP95 <= 50,
      },
      { label: "one staff member's week: Carebook p95 / floor p95", value: weekP95 / weekFloorP95 },
    ],
    checks: [
      {
        label: 'both answer the same number of bookings',
        ok: appItems.items.length === floorItems,
        detail: `${appItems.items.length} vs ${floorItems}`,
      },
      { label: 'the response is not truncated', ok: !appItems.truncated },
      {
        label: "every staff member's week: both answer the same number of bookings",
        ok: week.mismatches === 0,
        detail: week.mismatches ? `${week.mismatches} differ` : undefined,
      },
      {
        label: 'no errors or non-2xx answers under load',
        ok: failures === 0,
        detail: failures ? `${failures}` : undefined,
      },
      {
        label: 'both servers completed requests in every round',
        ok: [...apps, ...floors].every((l) => l.rps > 0),
      },
    ],
    notes: [
      `autocannon, ${connections} connections, ${options.rounds} alternating rounds of ${options.seconds} s per server; figures are medians of the rounds, the ratio the median of per-round ratios`,
      'the product also checks the session, runs a tenant transaction with row-level security, validates the query, and converts every time to the requested zone',
      "the floor runs the product's statement (its lean calendar projection: instants as epoch seconds, only what an event shows) and returns the rows as they come",
    ],
  };
}
