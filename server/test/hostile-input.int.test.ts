import net from 'node:net';
import { PassThrough } from 'node:stream';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app/build-app.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDb } from '../src/platform/db/database.js';
import { encodeCursor } from '../src/shared/cursor.js';
import {
  type Agent,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

/** Issue 10 §5: inputs that used to answer 500 answer a 4xx problem+json naming the field. */

let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let clientId: string;
let serviceId: string;
let planId: string;

beforeAll(async () => {
  t = await startTestApp({ invoiceWorker: false });
  org = await seedOrg(t.db, 'Hostile');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  clientId = (
    await admin.post('/clients', { givenName: 'Ada', familyName: 'Moss', timeZone: 'Australia/Sydney' })
  ).body.id;
  serviceId = (
    await admin.post('/services', {
      clientId,
      title: 'Order shower chair',
      dueDate: '2026-03-09',
      assignee: null,
      activities: ['Get quote'],
    })
  ).body.id;
  planId = (
    await admin.post('/service-plans', {
      name: 'Onboarding',
      description: null,
      limitConcurrentDeployments: false,
      steps: [
        { title: 'Intake call', delayDays: 0, description: null, activities: [], defaultAssignee: null },
      ],
    })
  ).body.id;
});
afterAll(() => t.close());

function expectProblem(
  response: { status: number; body: any; headers: Headers },
  status: number,
  field?: string,
) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

/** A raw HTTP/1.1 exchange, for request targets `fetch` will not send. */
function rawRequest(lines: string[], body = ''): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () =>
      socket.write(`${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`),
    );
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('text with NUL or lone surrogates', () => {
  it('is refused in any text field, naming it, with nothing written', async () => {
    const before = (await admin.get('/clients?limit=200')).body.items.length;
    expectProblem(
      await admin.post('/clients', {
        givenName: 'A\u0000da',
        familyName: 'Moss',
        timeZone: 'Australia/Sydney',
      }),
      422,
      'givenName',
    );
    expectProblem(
      await admin.post('/clients', {
        givenName: 'Ada',
        familyName: 'Moss\uD800',
        timeZone: 'Australia/Sydney',
      }),
      422,
      'familyName',
    );
    expectProblem(
      await admin.post(`/clients/${clientId}/service-orders`, {
        name: 'Shopping',
        bookingDate: '2026-04-01',
        startTime: '09:00',
        durationMinutes: 60,
        notes: 'bring \u0000 bags',
      }),
      422,
      'notes',
    );
    expectProblem(await admin.get('/audit-events?entityType=a%00b'), 422, 'querystring.entityType');
    expect((await admin.get('/clients?limit=200')).body.items.length).toBe(before);
  });
});

describe('dates outside 1900-01-01 … 2200-12-31', () => {
  it('are refused for bookings, leave, calendar days, the calendar and plan deployment', async () => {
    for (const date of ['0000-01-01', '1899-12-31', '2201-01-01', '10000-01-01']) {
      expectProblem(
        await admin.post(`/clients/${clientId}/service-orders`, {
          name: 'Shopping',
          bookingDate: date,
          startTime: '09:00',
          durationMinutes: 60,
        }),
        422,
        'bookingDate',
      );
      expectProblem(
        await admin.post(`/staff/${org.staffIds.worker}/leave`, { startsOn: date, endsOn: null }),
        422,
        'startsOn',
      );
      expectProblem(
        await admin.post('/calendar-days', { region: 'NSW', date, kind: 'public_holiday', name: 'Day' }),
        422,
        'date',
      );
      expectProblem(
        await admin.post(`/service-plans/${planId}/deploy`, { clientId, startDate: date }),
        422,
        'startDate',
      );
      expectProblem(
        await admin.post('/contract-types', {
          name: 'Private',
          category: 'private',
          optionSets: [{ effectiveFrom: date, options: { hourlyRate: 2400 } }],
        }),
        422,
        'optionSets.0.effectiveFrom',
      );
    }
    for (const from of ['+010000-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1899-12-31T23:00:00Z'])
      expectProblem(
        await admin.get(`/calendar?from=${encodeURIComponent(from)}&to=2026-03-02T00:00:00Z`),
        422,
        'querystring.from',
      );
    // The edges themselves are accepted.
    expect(
      (
        await admin.post(`/clients/${clientId}/service-orders`, {
          name: 'Far future',
          bookingDate: '2200-12-31',
          startTime: '09:00',
          durationMinutes: 60,
        })
      ).status,
    ).toBe(201);
  });
});

describe('crafted cursors and out-of-range numbers', () => {
  it('a cursor the list never wrote is a 422 naming the cursor', async () => {
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    for (const key of [
      ['+010000-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00Z', 'not-a-uuid'],
      ['2026-01-01T00:00:00Z\u0000', '00000000-0000-4000-8000-000000000000'],
    ]) {
      const cursor = encodeCursor(key);
      expectProblem(await admin.get(`/audit-events?cursor=${cursor}`), 422, 'cursor');
      expectProblem(await worker.get(`/me/appointments?cursor=${cursor}`), 422, 'cursor');
    }
  });

  it('an activity position above 2^31 − 1 is a 422 naming it', async () => {
    expectProblem(
      await admin.put(`/services/${serviceId}/activities/2147483648`, { done: true }),
      422,
      'params.position',
    );
    expect((await admin.put(`/services/${serviceId}/activities/2147483647`, { done: true })).status).toBe(
      404,
    );
  });
});

describe('the access rule follows the matched route, whatever the request target', () => {
  it('an absolute-form target needs a session and, for writes, the CSRF token', async () => {
    const anonymous = await rawRequest(['GET http://carebook.test/api/v1/permissions HTTP/1.1', 'Host: x']);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers).toContain('content-type: application/problem+json');
    const signed = await rawRequest([
      'GET http://carebook.test/api/v1/permissions HTTP/1.1',
      'Host: x',
      `Cookie: ${admin.cookie}`,
    ]);
    expect(signed.status).toBe(200);
    const body = JSON.stringify({ givenName: 'Eve', familyName: 'Moss', timeZone: 'Australia/Sydney' });
    const noCsrf = await rawRequest(
      [
        'POST http://carebook.test/api/v1/clients HTTP/1.1',
        'Host: x',
        `Cookie: ${admin.cookie}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
      ],
      body,
    );
    expect(noCsrf.status).toBe(403);
  });
});

describe("the framework's own errors are problem+json", () => {
  it('unknown route, long path parameter, bad JSON, wrong media type, oversized body', async () => {
    expectProblem(await admin.get('/no-such-route'), 404);
    const feed = await fetch(`${t.baseUrl}/api/v1/feeds/${'a'.repeat(150)}.ics`);
    expect(feed.status).toBe(414);
    expect(feed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const post = (body: string, contentType: string) =>
      fetch(`${t.baseUrl}/api/v1/clients`, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        body,
      });
    for (const [response, status] of [
      [await post('{"givenName": ', 'application/json'), 400],
      [await post('<client/>', 'application/xml'), 415],
      [await post(JSON.stringify({ givenName: 'x'.repeat(1_100_000) }), 'application/json'), 413],
    ] as const) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('a 500', () => {
  it('is logged with the request id its body carries, with request logs off (the default)', async () => {
    const log = new PassThrough();
    let logged = '';
    log.on('data', (chunk) => (logged += chunk));
    const db = createDb('postgres://nobody@127.0.0.1:1/unused', 1);
    const app = await buildApp({
      db,
      config: loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent' }),
      clock: () => Temporal.Instant.from('2026-03-02T00:00:00Z'),
      invoiceWorker: false,
      logStream: log,
    });
    app.get('/api/v1/test-failure', { config: { access: 'public' }, schema: { hide: true } }, async () => {
      throw new Error('a defect');
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/test-failure' });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const { requestId } = response.json();
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const line = JSON.parse(logged.trim().split('\n').at(-1)!);
      expect(line).toMatchObject({ level: 50, reqId: requestId, err: { message: 'a defect' } });
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
