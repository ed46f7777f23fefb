import autocannon from 'autocannon';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type DataSet, ORG_ZONE } from './dataset/generate-data.js';
import { signIn } from './http/session.js';
import { type BenchResult, fmt } from './support/report.js';
import { median } from './support/timing.js';

/**
 * Benchmark 4: a month of the sessions calendar for 50 staff, as HTTP requests under load from this process
 * (autocannon) against the product server and the floor server, each in its own process. The floor runs the
 * calendar route's single SQL query with the same driver and returns the rows as they come, nothing else.
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
    ],
    ratios: [
      { label: 'Carebook requests/s / floor requests/s', value: ratio, goal: '≥ 0.7×', met: ratio >= 0.7 },
    ],
    checks: [
      {
        label: 'both answer the same number of bookings',
        ok: appItems.items.length === floorItems,
        detail: `${appItems.items.length} vs ${floorItems}`,
      },
      { label: 'the response is not truncated', ok: !appItems.truncated },
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
    ],
  };
}
