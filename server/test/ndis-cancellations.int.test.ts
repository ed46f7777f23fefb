import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Wed 27 Jan 2027 10:00 in Sydney; Tue 26 Jan 2027 is Australia Day (a public holiday in NSW).
// Now is 13:00 on the support day, so every notice time below is in the past and sessions can be completed.
const time = manualClock(Temporal.Instant.from('2027-01-27T02:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let coordinator: Agent;
let finance: Agent;
let therapyType: string;

async function newClient(givenName: string, region: string | null = 'NSW') {
  const res = await admin.post('/clients', { givenName, familyName: 'Ndis', timeZone: 'Australia/Sydney' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (region) expect((await finance.put(`/clients/${res.body.id}/region`, { region })).status).toBe(200);
  return res.body.id as string;
}

let workers = 0;
/** Each session has its own worker, so that sessions at the same time never clash. */
async function newWorker() {
  workers++;
  const res = await admin.post('/staff', {
    givenName: `W${workers}`,
    familyName: 'Worker',
    email: `w${workers}@ndis.example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    roleIds: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function session(clientIds: string[], o: Record<string, unknown> = {}) {
  const staffId = await newWorker();
  const res = await coordinator.post('/sessions', {
    category: clientIds.length > 1 ? 'group' : 'visit',
    name: 'Support',
    bookingDate: '2027-01-27',
    startTime: '10:00',
    durationMinutes: 60,
    capacity: clientIds.length > 1 ? 6 : null,
    clients: clientIds.map((clientId) => ({ clientId })),
    workers: [{ staffId }],
    services: [{ source: 'adhoc', name: 'Self-care weekday', hourlyRateMinor: 7000, ratio: 1 }],
    ...o,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.session as {
    id: string;
    clients: { participantId: string }[];
    workers: { participantId: string }[];
  };
}

const cancel = (
  s: { id: string },
  participantId: string,
  body: Record<string, unknown>,
  path = 'cancellation',
) =>
  coordinator.post(`/ndis/sessions/${s.id}/clients/${participantId}/${path}`, {
    cancelledBy: 'client',
    reasonCode: 'health',
    attestedNoOtherWork: true,
    attestedWorkerPaid: true,
    ...body,
  });

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Ndis cancellations');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  therapyType = (await admin.post('/service-types', { name: 'Therapy', colour: '#336699' })).body.id;
});
afterAll(() => t.close());

describe('judging a session client’s cancellation by the rules in force', () => {
  it('support-worker default: 7 days at the same time of day; stored, shown and claimable at 100%', async () => {
    const s = await session([await newClient('Ava')]);
    const p = s.clients[0]!.participantId;
    const preview = await cancel(s, p, { notifiedAt: '2027-01-20T10:30:00+11:00' }, 'cancellation-preview');
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      shortNotice: true,
      claimable: true,
      claimPercent: 100,
      deadline: '2027-01-20T10:00:00+11:00',
      clearDaysGiven: 6,
    });
    // The preview wrote nothing.
    const still = await coordinator.get(`/sessions/${s.id}`);
    expect(still.body.clients[0].status).toBe('booked');

    const res = await cancel(s, p, { notifiedAt: '2027-01-20T10:30:00+11:00' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision.explanation).toBe(
      'told Wed 20 Jan 2027 10:30; support Wed 27 Jan 2027 10:00; 7 days (168 h at the same time of day) needed; 6 whole days given; notice was due before Wed 20 Jan 2027 10:00; short notice → cancellation claim at 100%',
    );
    expect(res.body.decision.ruleSource).toMatch(/2025-26.*support-worker supports/);
    const shown = (await coordinator.get(`/sessions/${s.id}`)).body.clients[0];
    expect(shown.status).toBe('cancelled');
    expect(shown.cancellation.ndis).toMatchObject({
      shortNotice: true,
      claimable: true,
      noShow: false,
      attestedNoOtherWork: true,
      attestedWorkerPaid: true,
      deadline: '2027-01-20T10:00:00+11:00',
      explanation: res.body.decision.explanation,
    });
  });

  it('2 clear business days for therapy, skipping the NSW public holiday of Tue 26 Jan', async () => {
    const rule = await finance.post('/ndis/cancellation-rules', {
      serviceTypeId: therapyType,
      effectiveFrom: '2024-07-01',
      supportClass: 'other',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const s = await session([await newClient('Ben')], { serviceTypeIds: [therapyType] });
    const p = s.clients[0]!.participantId;
    const late = await cancel(s, p, { notifiedAt: '2027-01-25T14:02:00+11:00' }, 'cancellation-preview');
    expect(late.body).toMatchObject({
      shortNotice: true,
      clearDaysGiven: 0,
      deadline: '2027-01-22T00:00:00+11:00',
    });
    expect(late.body.explanation).toBe(
      'told Mon 25 Jan 2027 14:02; support Wed 27 Jan 2027 10:00; 2 clear business days needed (Tue 26 Jan 2027 (Australia Day) was a public holiday in NSW); 0 clear business days given; notice was due by the end of Thu 21 Jan 2027; short notice → cancellation claim at 100%',
    );
    // Friday is a single clear business day (Mon 25); Thursday gives two (Fri 22 and Mon 25).
    expect(
      (await cancel(s, p, { notifiedAt: '2027-01-22T09:00:00+11:00' }, 'cancellation-preview')).body,
    ).toMatchObject({ shortNotice: true, clearDaysGiven: 1 });
    const inTime = await cancel(s, p, { notifiedAt: '2027-01-21T16:00:00+11:00' });
    expect(inTime.status, JSON.stringify(inTime.body)).toBe(200);
    expect(inTime.body.decision).toMatchObject({ shortNotice: false, claimable: false, clearDaysGiven: 2 });
    expect(inTime.body.decision.explanation).toMatch(/in time → not a short-notice cancellation/);
  });

  it('the regional calendar is editable: imported holidays rule, and a removed one no longer counts', async () => {
    const imported = await finance.post('/ndis/public-holidays/import', { region: 'VIC', year: 2027 });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.added).toContainEqual({ date: '2027-01-26', name: 'Australia Day' });
    const again = await finance.post('/ndis/public-holidays/import', { region: 'VIC', year: 2027 });
    expect(again.body).toMatchObject({ added: [], kept: imported.body.added.length });
    const days = await finance.get('/calendar-days?region=VIC&from=2027-01-26&to=2027-01-26');
    const australiaDay = days.body.items.find((d: { kind: string }) => d.kind === 'public_holiday');
    const s = await session([await newClient('Cal', 'VIC')], { serviceTypeIds: [therapyType] });
    const p = s.clients[0]!.participantId;
    const told = { notifiedAt: '2027-01-22T09:00:00+11:00' };
    expect((await cancel(s, p, told, 'cancellation-preview')).body.shortNotice).toBe(true);
    expect((await finance.delete(`/calendar-days/${australiaDay.id}`)).status).toBe(204);
    const after = await cancel(s, p, told, 'cancellation-preview');
    expect(after.body).toMatchObject({ shortNotice: false, clearDaysGiven: 2, holidaysSkipped: [] });
    expect(
      (await finance.post('/ndis/public-holidays/import', { region: 'Narnia', year: 2027 })).status,
    ).toBe(422);
  });

  it('a custom dated rule with the after-hours option judges supports from its date on', async () => {
    const rule = await finance.post('/ndis/cancellation-rules', {
      serviceTypeId: null,
      effectiveFrom: '2027-01-01',
      supportClass: 'custom',
      kind: 'clearDays',
      days: 3,
      reading: 'calendar',
      opensAt: '09:00',
      closesAt: '17:00',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const s = await session([await newClient('Dee')]);
    const p = s.clients[0]!.participantId;
    // Three clear days before Wed 27: Sat–Tue… notice must fall on Sat 23 or earlier: the last business close
    // before that is Fri 22 17:00; Fri 17:30 counts from Mon 09:00 (Tue 26 is a holiday, Mon 25 is not).
    const late = await cancel(s, p, { notifiedAt: '2027-01-22T17:30:00+11:00' }, 'cancellation-preview');
    expect(late.body).toMatchObject({
      shortNotice: true,
      deadline: '2027-01-22T17:00:00+11:00',
      clearDaysGiven: 1,
    });
    expect(late.body.explanation).toContain('outside business hours: counts from Mon 25 Jan 2027 09:00');
    expect(late.body.ruleSource).toBe("the organisation's rule from 2027-01-01");
    const ok = await cancel(s, p, { notifiedAt: '2027-01-22T16:30:00+11:00' }, 'cancellation-preview');
    expect(ok.body.shortNotice).toBe(false);
    // A second rule on the same date for every service is refused.
    const dup = await finance.post('/ndis/cancellation-rules', {
      effectiveFrom: '2027-01-01',
      supportClass: 'other',
    });
    expect(dup.status).toBe(409);
    const bad = await finance.post('/ndis/cancellation-rules', {
      effectiveFrom: '2027-02-01',
      supportClass: 'custom',
      kind: 'clearDays',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['days', 'reading']);
    expect((await finance.delete(`/ndis/cancellation-rules/${rule.body.id}`)).status).toBe(204);
  });

  it('a no-show always counts; without both attestations nothing is claimable', async () => {
    const s = await session([await newClient('Eve'), await newClient('Fay')]);
    const [eve, fay] = s.clients.map((c) => c.participantId) as [string, string];
    const noShow = await cancel(s, eve, {
      notifiedAt: '2027-01-27T10:20:00+11:00',
      noShow: true,
      reasonCode: 'other',
    });
    expect(noShow.status, JSON.stringify(noShow.body)).toBe(200);
    expect(noShow.body.decision).toMatchObject({ shortNotice: true, claimable: true });
    expect(noShow.body.decision.explanation).toMatch(/^no-show/);
    const unpaid = await cancel(s, fay, {
      notifiedAt: '2027-01-26T18:00:00+11:00',
      attestedWorkerPaid: false,
    });
    expect(unpaid.body.decision).toMatchObject({ shortNotice: true, claimable: false });
    expect(unpaid.body.decision.explanation).toMatch(
      /short notice → no cancellation claim: not attested that the worker is paid for the time$/,
    );
    // The whole session is now cancelled (nobody left); the decisions stay with each place.
    expect(unpaid.body.session.status).toBe('cancelled');
    const missing = await coordinator.post(`/ndis/sessions/${s.id}/clients/${eve}/cancellation`, {
      cancelledBy: 'client',
      notifiedAt: '2027-01-26T18:00:00+11:00',
      reasonCode: 'health',
    });
    expect(missing.status).toBe(422);
  });

  it('the database refuses a decision without a cancellation, or a no-show that is not short notice', async () => {
    const s = await session([await newClient('Gus')]);
    const p = s.clients[0]!.participantId;
    await expect(
      sql`UPDATE booking_participants SET short_notice = true, no_show = false, attested_no_other_work = true,
          attested_worker_paid = true, cancellation_decision = '{}' WHERE id = ${p}`.execute(t.db),
    ).rejects.toThrow(/booking_participants_ndis_decision/);
    await cancel(s, p, { notifiedAt: '2027-01-10T10:00:00+11:00' });
    await expect(
      sql`UPDATE booking_participants SET no_show = true, short_notice = false WHERE id = ${p}`.execute(t.db),
    ).rejects.toThrow(/booking_participants_ndis_decision/);
  });
});

describe('the cancellation claim record and the report', () => {
  it('a completed session’s short-notice cancellation is a CANC record with its NDIS reason code', async () => {
    const s = await session([await newClient('Hal'), await newClient('Ida')]);
    const [hal, ida] = s.clients.map((c) => c.participantId) as [string, string];
    await cancel(s, ida, { notifiedAt: '2027-01-25T08:00:00+11:00', reasonCode: 'transport' });
    const done = await coordinator.post(`/sessions/${s.id}/complete`, {
      travelArea: 'metro',
      workers: [
        {
          participantId: s.workers[0]!.participantId,
          actualStart: '2027-01-27T10:00:00+11:00',
          actualEnd: '2027-01-27T11:00:00+11:00',
        },
      ],
      cancelledCharges: [{ participantId: ida, portionBasisPoints: 10000 }],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(hal).toBeDefined();
    // The bulk payment request claims this record as CANC with NSDT (ndis-claims.int.test.ts, end to end).
    const records = await t.db
      .selectFrom('delivered_services as ds')
      .innerJoin('booking_participants as bp', 'bp.id', 'ds.participant_id')
      .where('ds.booking_id', '=', s.id)
      .where('ds.kind', '=', 'cancellation')
      .select([
        'ds.amount_minor as amountMinor',
        'bp.cancellation_code as code',
        'bp.short_notice as shortNotice',
      ])
      .execute();
    expect(records).toEqual([{ amountMinor: 7000, code: 'transport', shortNotice: true }]);
  });

  it('reports a client’s cancellations in a period by outcome, with a pattern alert', async () => {
    const client = await newClient('Jay');
    const dates = ['2027-01-27', '2027-01-28', '2027-01-29', '2027-02-01'];
    const sessions = [];
    for (const bookingDate of dates) sessions.push(await session([client], { bookingDate }));
    // Two short notice (told the day before), one in time (told weeks ahead), one attended.
    await cancel(sessions[0]!, sessions[0]!.clients[0]!.participantId, {
      notifiedAt: '2027-01-25T12:00:00+11:00',
    });
    await cancel(sessions[1]!, sessions[1]!.clients[0]!.participantId, {
      notifiedAt: '2027-01-25T12:00:00+11:00',
    });
    await cancel(sessions[2]!, sessions[2]!.clients[0]!.participantId, {
      notifiedAt: '2027-01-02T12:00:00+11:00',
    });
    const r = await coordinator.get(`/ndis/clients/${client}/cancellations?from=2027-01-01&to=2027-04-01`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.counts).toEqual({ no_show: 0, short_notice: 2, in_time: 1, not_judged: 0 });
    expect(r.body.supportsBooked).toBe(4);
    expect(r.body.alert).toBe(
      "2 short-notice cancellations or no-shows of 4 supports: 50% of this period's supports (a pattern from 20%)",
    );
    const narrow = await coordinator.get(
      `/ndis/clients/${client}/cancellations?from=2027-01-29&to=2027-02-02`,
    );
    expect(narrow.body.counts).toMatchObject({ short_notice: 0, in_time: 1 });
    expect(narrow.body.alert).toBeNull();
    const bad = await coordinator.get(`/ndis/clients/${client}/cancellations?from=2027-02-01&to=2027-01-01`);
    expect(bad.status).toBe(422);
  });
});
