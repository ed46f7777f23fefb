import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueHolds } from '../src/accommodation/hold-expiry.action.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Tuesday 1 December 2026, 11:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-12-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let finance: Agent;
let siteId: string;
let roomId: string;
let ndisTypeId: string;
let privateTypeId: string;

const bedBody = (name: string, over: Record<string, unknown> = {}) => ({
  roomId,
  name,
  bedType: 'respite',
  ...over,
});
async function bed(name: string, over: Record<string, unknown> = {}): Promise<string> {
  const r = await coordinator.post('/beds', bedBody(name, over));
  expect(r.status).toBe(201);
  return r.body.id;
}
/** A client with a contract from 2026-01-01 (to `endDate` if given). */
async function client(
  givenName: string,
  over: { dateOfBirth?: string; endDate?: string; typeId?: string } = {},
): Promise<string> {
  const c = await coordinator.post('/clients', {
    givenName,
    familyName: 'Stay',
    timeZone: 'Australia/Sydney',
    dateOfBirth: over.dateOfBirth ?? '1990-05-05',
  });
  expect(c.status).toBe(201);
  const k = await finance.post(`/clients/${c.body.id}/contracts`, {
    contractTypeId: over.typeId ?? ndisTypeId,
    name: 'Respite plan',
    startDate: '2026-01-01',
    endDate: over.endDate ?? null,
  });
  expect(k.status).toBe(201);
  return c.body.id;
}
const counts = async () =>
  (
    await sql<{ stays: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM stays WHERE organisation_id = ${org.id}) AS stays,
             (SELECT count(*)::int FROM audit_events WHERE organisation_id = ${org.id}) AS audits`.execute(
      t.db,
    )
  ).rows[0]!;
const stay = (bedId: string, clientId: string | null, arriveOn: string, leaveOn: string, extra = {}) => ({
  bedId,
  clientId,
  arriveOn,
  leaveOn,
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Beds');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  const site = await coordinator.post('/accommodation-sites', {
    name: 'Harbour House',
    timeZone: 'australia/sydney',
    region: 'AU-NSW',
  });
  expect(site.status).toBe(201);
  siteId = site.body.id;
  roomId = (await coordinator.post(`/accommodation-sites/${siteId}/rooms`, { name: 'Room 1' })).body.id;
  ndisTypeId = (
    await finance.post('/contract-types', {
      name: 'NDIS',
      category: 'ndis',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 6000 } }],
    })
  ).body.id;
  privateTypeId = (
    await finance.post('/contract-types', {
      name: 'Private',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 5000 } }],
    })
  ).body.id;
});
afterAll(() => t.close());

describe('sites, rooms and beds', () => {
  it('lets a coordinator set them up, audited, and refuses a second bed of the same name in a room', async () => {
    expect((await coordinator.get('/beds')).body.sites[0]).toMatchObject({
      name: 'Harbour House',
      timeZone: 'Australia/Sydney',
      checkInTime: '14:00',
      checkOutTime: '10:00',
    });
    const id = await bed('Bed A', { minAge: 18, genders: ['female'], amenities: ['hoist'], emergency: true });
    const before = await counts();
    const again = await coordinator.post('/beds', bedBody('bed a'));
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ field: 'name', reason: 'is already used here' });
    expect(await counts()).toEqual(before);
    const changed = await coordinator.put(`/beds/${id}`, bedBody('Bed A', { minAge: 18, maxAge: 10 }));
    expect(changed.status).toBe(422);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'bed' AND entity_id = ${id}`.execute(
      t.db,
    );
    expect(audited.rows[0]!.n).toBe(1);
    expect((await finance.post('/beds', bedBody('Bed Z'))).status).toBe(403);
    expect((await coordinator.delete(`/beds/${id}`)).status).toBe(204);
  });
});

describe('one bed, one stay a night', () => {
  it('gives exactly one of 20 concurrent bookings of one bed for one night, and writes nothing for the rest', async () => {
    const bedId = await bed('Race bed');
    const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => client(`Racer${i}`)));
    const before = await counts();
    const results = await Promise.all(
      clients.map((c) => coordinator.post('/stays', stay(bedId, c, '2026-12-10', '2026-12-11'))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.detail).toMatch(/^The bed is taken on some of those nights: Racer\d+ Stay \(booked/);
    const after = await counts();
    expect(after.stays - before.stays).toBe(1);
    expect(after.audits - before.audits).toBe(1);
  });

  it('lets a client hold several beds but occupy only one a night', async () => {
    const [b1, b2, b3] = [await bed('One'), await bed('Two'), await bed('Three')];
    const c = await client('Holly');
    const hold = { state: 'on_hold', hold: { expiresAt: '2026-12-02T00:00:00Z', outcome: 'release' } };
    expect((await coordinator.post('/stays', stay(b1, c, '2026-12-20', '2026-12-23', hold))).status).toBe(
      201,
    );
    expect((await coordinator.post('/stays', stay(b2, c, '2026-12-20', '2026-12-23', hold))).status).toBe(
      201,
    );
    const booked = await coordinator.post('/stays', stay(b3, c, '2026-12-21', '2026-12-22'));
    expect(booked.status).toBe(201);
    const before = await counts();
    const confirm = (
      await sql<{ id: string }>`
      SELECT id FROM stays WHERE bed_id = ${b1} AND client_id = ${c}`.execute(t.db)
    ).rows[0]!.id;
    const refused = await coordinator.post(`/stays/${confirm}/confirm`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('already has a bed');
    expect(await counts()).toEqual(before);
  });

  it('counts an out-of-service block like a stay, and frees the bed when the block is cancelled', async () => {
    const b = await bed('Broken');
    const block = await coordinator.post(`/beds/${b}/out-of-service`, {
      arriveOn: '2026-12-01',
      leaveOn: '2026-12-08',
      reason: 'Mattress replaced',
    });
    expect(block.status).toBe(201);
    const overview = (await coordinator.get('/beds')).body.beds.find((x: { id: string }) => x.id === b);
    expect(overview).toMatchObject({
      status: 'out_of_service',
      outOfService: { reason: 'Mattress replaced' },
    });
    const c = await client('Otto');
    const refused = await coordinator.post('/stays', stay(b, c, '2026-12-05', '2026-12-06'));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('out of service');
    expect((await coordinator.post(`/stays/${block.body.id}/cancel`, { reason: 'Fixed early' })).status).toBe(
      200,
    );
    expect((await coordinator.post('/stays', stay(b, c, '2026-12-05', '2026-12-06'))).status).toBe(201);
  });
});

describe('holds', () => {
  it('keeps the bed until expiry; after it, a booking releases the hold first, in the same transaction', async () => {
    const b = await bed('Held');
    const [holder, other] = [await client('Hana'), await client('Ivo')];
    const held = await coordinator.post(
      '/stays',
      stay(b, holder, '2026-12-14', '2026-12-16', {
        state: 'on_hold',
        hold: { expiresAt: '2026-12-01T03:00:00Z', outcome: 'release' },
      }),
    );
    expect(held.status).toBe(201);
    expect(held.body.hold).toEqual({
      expiresAt: '2026-12-01T03:00:00Z',
      outcome: 'release',
      revertsTo: 'enquiry',
    });
    expect((await coordinator.post('/stays', stay(b, other, '2026-12-15', '2026-12-16'))).status).toBe(409);
    time.set(Temporal.Instant.from('2026-12-01T03:00:00Z'));
    coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    finance = await signedIn(t.baseUrl, org.emails.finance);
    const free = await coordinator.get('/beds/vacancies?arriveOn=2026-12-15&leaveOn=2026-12-16');
    expect(free.body.items.map((i: { bed: { id: string } }) => i.bed.id)).toContain(b);
    expect((await coordinator.post('/stays', stay(b, other, '2026-12-15', '2026-12-16'))).status).toBe(201);
    const released = (await coordinator.get(`/stays/${held.body.id}`)).body;
    expect(released).toMatchObject({
      state: 'cancelled',
      cancelReason: 'The hold expired and the bed was released',
    });
    expect(released.hold).toBeNull();
  });

  it('is carried out by the job on time: released, or reverted to the state it was held from', async () => {
    const [b1, b2] = [await bed('Job one'), await bed('Job two')];
    const c = await client('Jules');
    const enquiry = await coordinator.post(
      '/stays',
      stay(b1, c, '2027-01-10', '2027-01-12', { state: 'enquiry' }),
    );
    const booked = await coordinator.post('/stays', stay(b2, c, '2027-01-20', '2027-01-22'));
    const expiresAt = time.clock().add({ hours: 1 }).toString();
    for (const s of [enquiry, booked])
      expect(
        (await coordinator.post(`/stays/${s.body.id}/hold`, { expiresAt, outcome: 'revert' })).body.state,
      ).toBe('on_hold');
    // The row queues the job at its expiry (seen inside a transaction undone after, so no worker runs it).
    const queuedAt = await t.db
      .transaction()
      .execute(async (tx) => {
        await sql`UPDATE stays SET hold_expires_at = '2031-01-01T00:00:00Z' WHERE id = ${enquiry.body.id}`.execute(
          tx,
        );
        const r = await sql<{ run_at: string }>`
          SELECT run_at::text FROM graphile_worker.jobs WHERE key = ${`hold:${enquiry.body.id}`}`.execute(tx);
        throw Object.assign(new Error('undo'), { rows: r.rows });
      })
      .catch((e: { rows?: { run_at: string }[] }) => e.rows);
    expect(queuedAt).toEqual([{ run_at: '2031-01-01 00:00:00+00' }]);
    expect(await expireDueHolds(t.db, time.clock())).toBe(0);
    expect(await expireDueHolds(t.db, Temporal.Instant.from(expiresAt))).toBe(2);
    expect((await coordinator.get(`/stays/${enquiry.body.id}`)).body.state).toBe('enquiry');
    expect((await coordinator.get(`/stays/${booked.body.id}`)).body.state).toBe('booked');
    expect(await expireDueHolds(t.db, Temporal.Instant.from(expiresAt))).toBe(0);
    const audit = await sql<{ actor_label: string }>`
      SELECT actor_label FROM audit_events WHERE entity_id = ${enquiry.body.id} ORDER BY seq DESC LIMIT 1`.execute(
      t.db,
    );
    expect(audit.rows[0]!.actor_label).toBe('Hold expiry');
  });
});

describe('eligibility and contracts', () => {
  it('refuses an ineligible bed naming each rule, and books it with a coordinator’s reason, audited', async () => {
    const b = await bed('Youth', { maxAge: 17, genders: ['male'], fundingTypes: ['private'] });
    const c = await client('Adult', { dateOfBirth: '2000-01-01' });
    const before = await counts();
    const refused = await coordinator.post('/stays', stay(b, c, '2026-12-05', '2026-12-07'));
    expect(refused.status).toBe(409);
    expect(refused.body.eligibility.map((p: { rule: string }) => p.rule)).toEqual([
      'age',
      'gender',
      'funding',
    ]);
    expect(refused.body.detail).toContain(
      'The bed is for ages 17 or under; the client is 26 during the stay',
    );
    expect(await counts()).toEqual(before);
    const overridden = await coordinator.post(
      '/stays',
      stay(b, c, '2026-12-05', '2026-12-07', { eligibilityOverrideReason: 'Emergency placement' }),
    );
    expect(overridden.status).toBe(201);
    expect(overridden.body.eligibilityOverrideReason).toBe('Emergency placement');
    const profile = await coordinator.put(`/clients/${c}/accommodation-profile`, { gender: 'male' });
    expect(profile.status).toBe(200);
  });

  it('lets only a user who may configure scheduling override eligibility', async () => {
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const role = await admin.post('/roles', {
      name: 'Bed booker',
      permissions: ['bookings.read', 'bookings.write'],
    });
    const workerRole = (await admin.get('/roles')).body.items.find(
      (r: { key: string }) => r.key === 'worker',
    ).id;
    expect(
      (await admin.patch(`/staff/${org.staffIds.worker}`, { roleIds: [workerRole, role.body.id] })).status,
    ).toBe(200);
    const booker = await signedIn(t.baseUrl, org.emails.worker);
    const b = await bed('Kids only', { maxAge: 12 });
    const c = await client('Grown', { dateOfBirth: '1980-01-01' });
    const before = await counts();
    const refused = await booker.post(
      '/stays',
      stay(b, c, '2026-12-05', '2026-12-07', { eligibilityOverrideReason: 'Please' }),
    );
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('keeps a stay within the client’s contract dates, and writes nothing when it is not', async () => {
    const b = await bed('Contract bed');
    const c = await client('Carla', { endDate: '2026-12-10', typeId: privateTypeId });
    const before = await counts();
    const refused = await coordinator.post('/stays', stay(b, c, '2026-12-09', '2026-12-12'));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('leaveOn');
    expect(await counts()).toEqual(before);
    expect((await coordinator.post('/stays', stay(b, c, '2026-12-09', '2026-12-11'))).status).toBe(201);
  });
});

describe('changing a stay', () => {
  it('extends, moves and shortens with the same checks, checks in and out early, and frees the rest', async () => {
    const [b1, b2] = [await bed('Edit one'), await bed('Edit two')];
    const [c, next] = [await client('Eda'), await client('Nico')];
    const s = (await coordinator.post('/stays', stay(b1, c, '2026-12-01', '2026-12-04'))).body;
    expect((await coordinator.post('/stays', stay(b1, next, '2026-12-06', '2026-12-08'))).status).toBe(201);
    const before = await counts();
    const clash = await coordinator.patch(`/stays/${s.id}`, { leaveOn: '2026-12-07' });
    expect(clash.status).toBe(409);
    expect(clash.body.detail).toContain('Nico Stay');
    expect(await counts()).toEqual(before);
    expect((await coordinator.patch(`/stays/${s.id}`, { leaveOn: '2026-12-06' })).body.nights).toBe(5);
    const moved = await coordinator.patch(`/stays/${s.id}`, { bedId: b2, leaveOn: '2026-12-08' });
    expect(moved.body).toMatchObject({ bedId: b2, nights: 7 });
    const service = await coordinator.post(`/stays/${s.id}/services`, {
      name: 'Short-term accommodation',
      unit: 'day',
      supportItem: '01_058_0115_1_1',
      rateMinor: 75_000,
    });
    expect(service.status).toBe(201);
    expect(service.body.services[0]).toMatchObject({ units: 7, amountMinor: 525_000 });
    expect((await coordinator.post(`/stays/${s.id}/check-out`, {})).status).toBe(409);
    const inn = await coordinator.post(`/stays/${s.id}/check-in`);
    expect(inn.body.state).toBe('checked_in');
    expect((await coordinator.post(`/stays/${s.id}/cancel`, { reason: 'x' })).status).toBe(409);
    expect((await coordinator.patch(`/stays/${s.id}`, { bedId: b1 })).status).toBe(422);
    const out = await coordinator.post(`/stays/${s.id}/check-out`, { leaveOn: '2026-12-03' });
    expect(out.body).toMatchObject({
      state: 'checked_out',
      leaveOn: '2026-12-03',
      plannedLeaveOn: '2026-12-08',
      nights: 2,
    });
    expect(out.body.services[0]).toMatchObject({ units: 2, amountMinor: 150_000 });
    const freed = await coordinator.post('/stays', stay(b2, next, '2026-12-03', '2026-12-05'));
    expect(freed.status).toBe(201);
  });

  it('warns when a stay goes over 14 nights or the client’s year over 28', async () => {
    const b = await bed('Long');
    const c = await client('Lena');
    const long = await coordinator.post('/stays', stay(b, c, '2027-02-01', '2027-02-16'));
    expect(long.status).toBe(201);
    expect(long.body.warnings).toEqual(['The stay is 15 nights, over the 14 nights allowed at a time']);
    const more = await coordinator.post('/stays', stay(b, c, '2027-03-01', '2027-03-15'));
    expect(more.body.warnings).toEqual(['29 nights in 2027 with this stay, over the 28 allowed a year']);
    await coordinator.put('/accommodation-limits', {
      items: [{ fundingType: 'ndis', maxNightsPerStay: 21, maxNightsPerYear: 60 }],
    });
    expect((await coordinator.get(`/stays/${more.body.id}`)).body.warnings).toEqual([]);
  });
});

describe('the calendar, vacancies and occupancy', () => {
  it('ranks free beds by fit and reports occupancy per night and per month', async () => {
    const room2 = (await coordinator.post(`/accommodation-sites/${siteId}/rooms`, { name: 'Room 2' })).body
      .id;
    const hoist = await bed('Hoist bed', { roomId: room2, amenities: ['hoist'] });
    const c = await client('Vera');
    await coordinator.put(`/clients/${c}/accommodation-profile`, {
      amenities: ['hoist'],
      preferredSiteId: siteId,
    });
    const v = await coordinator.get(`/beds/vacancies?arriveOn=2027-04-01&leaveOn=2027-04-03&clientId=${c}`);
    expect(v.status).toBe(200);
    expect(v.body.items[0]).toMatchObject({
      bed: { id: hoist },
      eligible: true,
      amenitiesMatched: ['hoist'],
    });
    const youth = v.body.items.find((i: { bed: { name: string } }) => i.bed.name === 'Youth');
    expect(youth.eligible).toBe(false);
    const cal = await coordinator.get('/beds/calendar?from=2026-12-01&to=2026-12-08');
    expect(cal.status).toBe(200);
    expect(cal.body.occupancy.find((o: { date: string }) => o.date === '2026-12-05')).toMatchObject({
      siteId,
    });
    expect(cal.body.stays.length).toBeGreaterThanOrEqual(5);
    const report = await coordinator.get('/beds/occupancy?from=2026-12&months=2');
    expect(report.body.items[0].months.map((m: { month: string }) => m.month)).toEqual([
      '2026-12',
      '2027-01',
    ]);
    expect(report.body.items[0].months[0].occupiedNights).toBeGreaterThan(0);
  });
});

describe('invoicing stays', () => {
  type Line = {
    kind: string;
    explanation: string;
    amountMinor: number;
    rateMinor: number;
    visitDate: string;
  };
  const run = async (periodFrom: string, periodTo: string, clientId?: string) => {
    const r = await finance.post('/invoice-runs?wait=true', { periodFrom, periodTo, clientId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('completed');
    return r.body as { invoiceIds: string[] };
  };
  /** The client's live invoices' stay lines, oldest invoice first. */
  const stayLinesOf = async (clientId: string) => {
    const list = (await finance.get(`/invoices?clientId=${clientId}&limit=50`)).body.items as {
      id: string;
      status: string;
    }[];
    const lines: (Line & { invoiceId: string })[] = [];
    for (const invoice of list.filter((i) => i.status !== 'void').reverse())
      for (const l of (await finance.get(`/invoices/${invoice.id}`)).body.lines as Line[])
        if (l.kind === 'stay') lines.push({ ...l, invoiceId: invoice.id });
    return lines;
  };
  async function checkedInStay(bedName: string, clientName: string, arriveOn: string, leaveOn: string) {
    const b = await bed(bedName);
    const c = await client(clientName);
    const s = (await coordinator.post('/stays', stay(b, c, arriveOn, leaveOn))).body;
    const service = await coordinator.post(`/stays/${s.id}/services`, {
      name: 'Respite stay',
      unit: 'night',
      rateMinor: 18_000,
    });
    expect(service.status).toBe(201);
    expect((await coordinator.post(`/stays/${s.id}/check-in`)).status).toBe(200);
    return { clientId: c, stayId: s.id as string, serviceId: service.body.services[0].id as string };
  }

  it('bills the nights slept once, a second run nothing more, and voiding frees them for the next run', async () => {
    const s = await checkedInStay('Bill A', 'Bea', '2026-11-28', '2026-12-04');
    const out = await coordinator.post(`/stays/${s.stayId}/check-out`, { leaveOn: '2026-12-01' });
    expect(out.body).toMatchObject({ state: 'checked_out', nights: 3 });

    const first = await run('2026-11-01', '2026-11-30', s.clientId);
    expect(first.invoiceIds).toHaveLength(1);
    expect(await stayLinesOf(s.clientId)).toEqual([
      expect.objectContaining({
        explanation: 'Respite stay, Room 1 Bill A, 3 nights 28 Nov – 1 Dec',
        rateMinor: 18_000,
        amountMinor: 54_000,
        visitDate: '2026-11-28',
      }),
    ]);
    const invoice = (await finance.get(`/invoices/${first.invoiceIds[0]}`)).body;
    expect(invoice.totalMinor).toBe(54_000 + invoice.taxMinor);

    expect((await run('2026-11-01', '2026-11-30', s.clientId)).invoiceIds).toEqual([]);
    expect(await stayLinesOf(s.clientId)).toHaveLength(1);

    // A billed service stays on the stay until its invoice is voided.
    const remove = await coordinator.delete(`/stays/${s.stayId}/services/${s.serviceId}`);
    expect(remove.status).toBe(409);
    expect(remove.body.detail).toContain('void the invoice');

    expect(
      (await finance.post(`/invoices/${first.invoiceIds[0]}/void`, { reason: 'Wrong rate' })).status,
    ).toBe(200);
    expect(await stayLinesOf(s.clientId)).toEqual([]);
    const again = await run('2026-11-01', '2026-11-30', s.clientId);
    expect(again.invoiceIds).toHaveLength(1);
    expect(await stayLinesOf(s.clientId)).toEqual([
      expect.objectContaining({ explanation: 'Respite stay, Room 1 Bill A, 3 nights 28 Nov – 1 Dec' }),
    ]);
  });

  it('splits a stay crossing the period end, and a run for everyone picks up a client who has only stays', async () => {
    const s = await checkedInStay('Bill B', 'Cato', '2026-11-29', '2026-12-03');
    await run('2026-11-01', '2026-11-30');
    await run('2026-12-01', '2026-12-31');
    const lines = await stayLinesOf(s.clientId);
    expect(lines.map((l) => [l.explanation, l.amountMinor])).toEqual([
      ['Respite stay, Room 1 Bill B, 2 nights 29 Nov – 1 Dec', 36_000],
      ['Respite stay, Room 1 Bill B, 2 nights 1–3 Dec', 36_000],
    ]);
    expect(new Set(lines.map((l) => l.invoiceId)).size).toBe(2);
  });

  it('bills a night once when two runs over the same period race', async () => {
    const s = await checkedInStay('Bill C', 'Dex', '2026-11-25', '2026-12-02');
    const runs = await Promise.all([
      run('2026-11-01', '2026-11-30', s.clientId),
      run('2026-11-15', '2026-11-30', s.clientId),
    ]);
    expect(runs.flatMap((r) => r.invoiceIds)).toHaveLength(1);
    expect((await stayLinesOf(s.clientId)).map((l) => l.amountMinor)).toEqual([6 * 18_000]);
  });
});
