import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocument } from '../src/app/api-types.js';
import {
  type Agent,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

/**
 * Issue 10 §5, made permanent: every write route in the API document, sent bodies generated from its own
 * request schema with hostile values mixed in (NUL, lone surrogates, huge, negative and fractional numbers,
 * far dates, strings near and over the 1 MB body limit), never answers 5xx, answers every refusal as
 * problem+json, and leaves every table's row count unchanged when it refuses.
 */

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
  $ref?: string;
};
type Operation = { requestBody?: { content: { 'application/json': { schema: Schema } } } };

const RUNS_PER_ROUTE = 12;
// Sign-in and sign-out change the session this test uses, and a failed sign-in is recorded by design.
const EXCLUDED = new Set(['post /api/v1/auth/login', 'post /api/v1/auth/logout']);

const doc = (await apiDocument()) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const writes = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ method, path, op }))
    .filter(({ method, path }) => !EXCLUDED.has(`${method} ${path}`)),
);

const HOSTILE: unknown[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '',
  '   ',
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -1,
  0.5,
  -0.000001,
  1e308,
  -1e308,
  '0000-01-01',
  '10000-01-01',
  '9999-12-31',
  '1899-12-31',
  '2201-01-01',
  '0000-01-01T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '24:00',
  null,
  true,
  [],
  {},
];
const hostile = fc.constantFrom(...HOSTILE);
// Just under the body limit (reaches validation) and over it (refused as 413 before parsing).
const huge = fc.constantFrom('x'.repeat(600_000), 'y'.repeat(1_100_000));

const ids: Record<string, string> = {};
const RANDOM_ID = '00000000-0000-4000-8000-000000000000';

const pad = (n: number) => String(n).padStart(2, '0');
const year = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 2025, max: 2028 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1900, max: 2200 }) },
);
const date = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);
const instant = fc.tuple(date, time).map(([d, t]) => `${d}T${t}:00+10:00`);

/** At most 2,000 wide inside the schema's bounds (a year of 2000–2100 included), from -1,000 when unbounded. */
function window(schema: Schema) {
  const min = Math.max(schema.minimum ?? -1000, -1000);
  return { min, max: Math.min(schema.maximum ?? 1000, min + 2000) };
}

/** Values the schema allows (mostly), so some requests get past validation into the actions. */
function valid(schema: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref) return valid(doc.components.schemas[schema.$ref.split('/').at(-1)!]!, name, depth);
  if (depth > 6) return fc.constant(null);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => value(s, name, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer(window(schema));
    case 'number':
      return fc.double({ ...window(schema), noNaN: true });
    case 'array':
      return fc.array(value(schema.items ?? {}, name, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object')
        return fc.dictionary(
          fc.constantFrom('a', 'b', 'mileage'),
          value(schema.additionalProperties, name, depth + 1),
          {
            maxKeys: 2,
          },
        );
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, value(s, key, depth + 1)])),
        { requiredKeys: (schema.required ?? []).filter((k) => k in properties) },
      );
    }
    case 'string':
      return text(schema, name);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

function text(schema: Schema, name: string): fc.Arbitrary<unknown> {
  if (schema.format === 'date') return date;
  if (schema.format === 'uuid') return fc.constantFrom(...Object.values(ids), RANDOM_ID);
  if (schema.format === 'email') return fc.nat().map((n) => `person${n}@example.org`);
  if (/zone/i.test(name)) return fc.constantFrom('Australia/Sydney', 'Europe/London', 'UTC');
  if (/time$/i.test(name) && schema.pattern) return time;
  if (/^(startsAt|endsAt|actual(Start|End)|from|to)$/.test(name)) return instant;
  if (name === 'rrule')
    return fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=MO',
      'FREQ=DAILY;COUNT=3',
      'FREQ=WEEKLY;UNTIL=20261231T000000Z',
    );
  if (name === 'colour') return fc.constant('#336699');
  if (schema.pattern)
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 100));
    } catch {
      // a pattern fast-check cannot generate from: plain text below
    }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

/** A value for one field: usually valid, sometimes hostile, rarely enormous. */
function value(schema: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 20, arbitrary: valid(schema, name, depth) },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: huge },
  );
}

function pathArbitrary(path: string): fc.Arbitrary<string> {
  const parts = path
    .replace(/^\/api\/v1/, '')
    .split('/')
    .map((segment, i, all) => {
      if (segment === '{position}')
        return fc
          .oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(2 ** 31, 2 ** 31 - 1, -1, 1e21))
          .map(String);
      if (segment.startsWith('{')) return fc.constant(ids[all[i - 1]!] ?? RANDOM_ID);
      return fc.constant(segment);
    });
  return fc.tuple(...parts).map((p) => p.join('/'));
}

let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let owner: pg.Client;
let countQuery: string;

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await owner.query<{ t: string; n: string }>(countQuery);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

async function created(response: Promise<{ status: number; body: any }>, pick = (b: any) => b.id) {
  const r = await response;
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return pick(r.body) as string;
}

beforeAll(async () => {
  t = await startTestApp({ invoiceWorker: false });
  org = await seedOrg(t.db, 'Property');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  owner = new pg.Client({ connectionString: t.databaseUrl });
  await owner.connect();
  const { rows } = await owner.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  countQuery = rows
    .map((r) => `SELECT '${r.table_name}' AS t, count(*) AS n FROM ${pg.escapeIdentifier(r.table_name)}`)
    .join(' UNION ALL ');

  ids.clients = await created(
    admin.post('/clients', { givenName: 'Ada', familyName: 'Moss', timeZone: 'Australia/Sydney' }),
  );
  ids.staff = org.staffIds.worker;
  ids.roles = await created(admin.post('/roles', { name: 'Night shift', permissions: ['appointments.own'] }));
  ids.bookings = await created(
    admin.post(`/clients/${ids.clients}/service-orders`, {
      name: 'Shopping',
      bookingDate: '2026-04-01',
      startTime: '09:00',
      durationMinutes: 60,
    }),
  );
  ids['service-plans'] = await created(
    admin.post('/service-plans', {
      name: 'Onboarding',
      description: null,
      limitConcurrentDeployments: false,
      steps: [
        {
          title: 'Intake call',
          delayDays: 0,
          description: null,
          activities: ['Call'],
          defaultAssignee: null,
        },
      ],
    }),
  );
  ids.services = await created(
    admin.post('/services', {
      clientId: ids.clients,
      title: 'Order shower chair',
      dueDate: '2026-03-09',
      assignee: null,
      activities: ['Get quote', 'Place order'],
    }),
  );
  const serviceTypeId = await created(admin.post('/service-types', { name: 'Cleaning', colour: '#336699' }));
  ids['scheduled-services'] = await created(
    admin.post(`/clients/${ids.clients}/scheduled-services`, {
      serviceTypeId,
      name: 'Cleaning',
      startDate: '2026-09-28',
      startTime: '09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      durationMinutes: 90,
      staffId: org.staffIds.worker,
    }),
    (b) => b.series.id,
  );
  ids.leave = await created(
    admin.post(`/clients/${ids.clients}/leave`, {
      type: 'hospital',
      startsOn: '2026-10-05',
      endsOn: '2026-10-18',
    }),
  );
  ids['staff-leave'] = await created(
    admin.post(`/staff/${org.staffIds.worker}/leave`, { startsOn: '2026-10-14', endsOn: '2026-10-14' }),
  );
  ids['calendar-days'] = await created(
    admin.post('/calendar-days', {
      region: 'NSW',
      date: '2026-04-03',
      kind: 'public_holiday',
      name: 'Good Friday',
    }),
  );
  ids['contract-types'] = await created(
    admin.post('/contract-types', {
      name: 'Private',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 2400 } }],
    }),
  );
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await t?.close();
});

/** Strings shortened, so a failing case can be read. */
const shown = (body: unknown) =>
  JSON.stringify(body, (_k, v) =>
    typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length})` : v,
  );

describe('every write route, with generated and hostile bodies', () => {
  it('enumerates the write routes from the API document', () => {
    expect(writes.length).toBeGreaterThan(40);
  });

  it.each(writes)(
    '$method $path: no 5xx, problem+json refusals, no partial write',
    async ({ method, path, op }) => {
      const bodySchema = op.requestBody?.content['application/json'].schema;
      const body = bodySchema
        ? fc.oneof(
            { weight: 8, arbitrary: valid(bodySchema, '(body)', 0) },
            { weight: 1, arbitrary: hostile },
          )
        : fc.constant(undefined);
      let before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(pathArbitrary(path), body, async (target, payload) => {
          const response = await admin.request(method.toUpperCase(), target, payload);
          const context = `${method.toUpperCase()} ${target} ${shown(payload)} → ${response.status} ${shown(response.body)}`;
          expect(response.status, context).toBeLessThan(500);
          const after = await rowCounts();
          if (response.status >= 400) {
            expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
            expect(after, context).toEqual(before);
          }
          before = after;
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    },
  );
});
