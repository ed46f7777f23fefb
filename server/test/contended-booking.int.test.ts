import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryClaimStaffHours } from '../src/bookings/participant.store.js';
import { withTenant } from '../src/platform/db/database.js';
import {
  type Agent,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Many coordinators booking one worker for one slot at once: one wins, everyone else is told so with a 409
// problem, and nothing of theirs is written. A contender that finds the worker's hours being booked by an
// unfinished request is answered at once instead of queueing behind it.
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
const clients: string[] = [];
let worker: { type: 'staff'; id: string };

beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Contended');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  for (let i = 0; i < 16; i++)
    clients.push(
      (
        await coordinator.post('/clients', {
          givenName: `Client${i}`,
          familyName: 'Race',
          timeZone: 'Australia/Sydney',
        })
      ).body.id,
    );
  worker = { type: 'staff', id: org.staffIds.worker };
});
afterAll(() => t.close());

const order = (over: Record<string, unknown> = {}) => ({
  name: 'Contended visit',
  bookingDate: '2026-09-07',
  startTime: '10:00',
  durationMinutes: 60,
  assignee: worker,
  ...over,
});

async function count(query: ReturnType<typeof sql<{ n: string }>>) {
  return Number((await query.execute(t.db)).rows[0]!.n);
}

describe('contended booking', () => {
  it('16 concurrent requests for one slot: exactly one 201, fifteen 409 problems, nothing else written', async () => {
    const answers = await Promise.all(
      clients.map((client) => coordinator.post(`/clients/${client}/service-orders`, order())),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(15);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body.detail ?? answer.body.title).toBeTruthy();
    }
    expect(await count(sql`SELECT count(*) AS n FROM bookings WHERE name = 'Contended visit'`)).toBe(1);
    expect(
      await count(sql`
        SELECT count(*) AS n FROM booking_participants p JOIN bookings b ON b.id = p.booking_id
        WHERE b.name = 'Contended visit'`),
    ).toBe(2);
    expect(
      await count(sql`
        SELECT count(*) AS n FROM audit_events
        WHERE entity_type = 'booking' AND action = 'create' AND organisation_id = ${org.id}`),
    ).toBe(1);
  });

  it('a contender for hours someone is booking right now is told at once; other hours go ahead', async () => {
    const startsAt = Temporal.Instant.from('2026-09-08T04:00:00Z'); // 14:00 in Sydney
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let claimed!: () => void;
    const claimedNow = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    // An unfinished write holding the worker's 14:00–15:00 hour, as a request in flight would.
    const holder = withTenant(t.db, org.id, async (tx) => {
      const ok = await tryClaimStaffHours(tx, org.id, worker.id, startsAt, startsAt.add({ minutes: 60 }));
      claimed();
      await held;
      return ok;
    });
    await claimedNow;
    try {
      const overlapping = await coordinator.post(
        `/clients/${clients[1]}/service-orders`,
        order({ bookingDate: '2026-09-08', startTime: '14:30', durationMinutes: 60 }),
      );
      expect(overlapping.status).toBe(409);
      expect(overlapping.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(overlapping.body).toMatchObject({ beingBooked: true });
      expect(overlapping.body.detail).toMatch(/try again/);
      const elsewhere = await coordinator.post(
        `/clients/${clients[2]}/service-orders`,
        order({ bookingDate: '2026-09-08', startTime: '16:00', durationMinutes: 60 }),
      );
      expect(elsewhere.status).toBe(201);
    } finally {
      release();
    }
    expect(await holder).toBe(true);
    // Once the holder is gone, the same request is decided on the bookings themselves.
    const retried = await coordinator.post(
      `/clients/${clients[1]}/service-orders`,
      order({ bookingDate: '2026-09-08', startTime: '14:30', durationMinutes: 60 }),
    );
    expect(retried.status).toBe(201);
    expect(
      await count(
        sql`SELECT count(*) AS n FROM bookings WHERE name = 'Contended visit' AND organisation_id = ${org.id}`,
      ),
    ).toBe(3);
  });
});
