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

// What a case session's changes cost the case: a reschedule less than 24 h before (issue 13 §3), and one
// client's attendance cancelled in a group session. Tuesday 1 December 2026, 11:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-12-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let scheduleId: string;
const clients: Record<'quinn' | 'sam' | 'pat', string> = { quinn: '', sam: '', pat: '' };
let countingCase: string;
let lenientCase: string;

type LedgerRow = { kind: string; reason: string; bookingId: string | null; sessionOn: string | null };
const ledger = async (caseId: string): Promise<LedgerRow[]> =>
  (await coordinator.get(`/cases/${caseId}`)).body.ledger;
const entriesOf = async (caseId: string, bookingId: string) =>
  (await ledger(caseId)).filter((e) => e.bookingId === bookingId).map((e) => `${e.kind}: ${e.reason}`);

/** Moves the clock; sessions idle longer than 30 minutes end, so the coordinator signs in again. */
async function travel(to: string) {
  time.set(Temporal.Instant.from(to));
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
}

async function openCase(clientId: string, funder: string, lateCancellationCounts: boolean) {
  const opened = await coordinator.post(`/clients/${clientId}/cases`, {
    issue: 'Workplace stress',
    funder,
    allowedSessions: 10,
    countingWindow: 'rolling_12_months',
    openedOn: '2026-12-01',
    funderRegion: 'AU-NSW',
    lateCancellationCounts,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return opened.body.id as string;
}

async function bookSession(caseId: string, bookingDate: string) {
  const made = await coordinator.post(`/cases/${caseId}/sessions`, {
    name: 'Counselling',
    bookingDate,
    startTime: '10:00',
    durationMinutes: 60,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.booking.id as string;
}

/** A group session through the wizard: the case's client and the others named, with the worker. */
async function bookGroup(caseId: string, bookingDate: string, others: string[]) {
  const done = await coordinator.post(`/cases/${caseId}/rebooking`, {
    approach: 'manual',
    staffId: org.staffIds.worker,
    workScheduleId: scheduleId,
    bookingDate,
    startTime: '10:00',
    durationMinutes: 60,
    modality: 'in_person',
    notifyClient: false,
    attendance: 'group',
    participantClientIds: others,
    confirmed: true,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  const booking = done.body.booking as {
    id: string;
    participants: { id: string; type: string; subjectId: string }[];
  };
  const placeOf = (clientId: string) =>
    booking.participants.find((p) => p.type === 'client' && p.subjectId === clientId)!.id;
  return { id: booking.id, placeOf };
}

const cancelPlace = (bookingId: string, participantId: string, notifiedAt: string, cancelledBy = 'client') =>
  coordinator.post(`/sessions/${bookingId}/clients/${participantId}/cancel`, {
    cancelledBy,
    notifiedAt,
    reasonCode: 'health',
  });

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Rescheduled');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  for (const [key, givenName] of [
    ['quinn', 'Quinn'],
    ['sam', 'Sam'],
    ['pat', 'Pat'],
  ] as const) {
    const made = await coordinator.post('/clients', {
      givenName,
      familyName: 'Moved',
      timeZone: 'Australia/Sydney',
    });
    clients[key] = made.body.id;
  }
  countingCase = await openCase(clients.quinn, 'Acme EAP', true);
  lenientCase = await openCase(clients.pat, 'Kind Fund', false);
  const worker = await signedIn(t.baseUrl, org.emails.worker);
  const schedule = await worker.post(`/staff/${org.staffIds.worker}/work-schedules`, {
    name: 'Weekdays',
    type: 'adhoc',
    payRateMinor: 9500,
    active: true,
    lines: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '08:00', endsAt: '18:00' })),
  });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
  scheduleId = schedule.body.id;
});
afterAll(() => t.close());

describe('a reschedule less than 24 h before', () => {
  it('uses a session of a case whose funder counts it, with the old time in the reason, on the minute after the boundary only', async () => {
    // Friday 4 December, 10:00 Sydney (23:00 UTC on the 3rd).
    const bookingId = await bookSession(countingCase, '2026-12-04');
    // Exactly 24 h before: not late. Moved to 11:00 the same day.
    await travel('2026-12-02T23:00:00Z');
    const onTime = await coordinator.patch(`/bookings/${bookingId}`, { startTime: '11:00' });
    expect(onTime.status, JSON.stringify(onTime.body)).toBe(200);
    expect(await entriesOf(countingCase, bookingId)).toEqual(['use: Session on 2026-12-04 at 10:00 booked']);

    // 23 h 59 min before 11:00: late. Moved to Monday 7 December.
    await travel('2026-12-03T00:01:00Z');
    const late = await coordinator.patch(`/bookings/${bookingId}`, { bookingDate: '2026-12-07' });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    const rows = (await ledger(countingCase)).filter((e) => e.bookingId === bookingId);
    expect(rows.map((e) => [e.kind, e.reason, e.sessionOn])).toEqual([
      ['use', 'Session on 2026-12-04 at 10:00 booked', '2026-12-04'],
      [
        'use',
        'Rescheduled less than 24 h before (was Fri 4 Dec 11:00); Acme EAP counts late reschedules',
        '2026-12-04',
      ],
    ]);
    const summary = await coordinator.get(`/cases/${countingCase}`);
    expect(summary.body.balance).toMatchObject({ granted: 10, used: 2, remaining: 8 });
    // The move is audited with the ledger entry, in the same transaction as the booking's change.
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_events
      WHERE entity_type = 'entitlement_entry' AND after->>'rescheduledFrom' = '2026-12-04T00:00:00Z'`.execute(
      t.db,
    );
    expect(audited.rows[0]!.n).toBe(1);

    // A change that does not move it (the notes) costs nothing; cancelling it early gives back its own session.
    expect((await coordinator.patch(`/bookings/${bookingId}`, { notes: 'Bring the worksheet' })).status).toBe(
      200,
    );
    const cancelled = await coordinator.post(`/bookings/${bookingId}/cancel`, { reason: 'Client away' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const after = await coordinator.get(`/cases/${countingCase}`);
    expect(after.body.balance).toMatchObject({ used: 2, reversed: 1, remaining: 9 });
  });

  it('costs nothing when the funder does not count late reschedules', async () => {
    await travel('2026-12-01T00:00:00Z');
    const bookingId = await bookSession(lenientCase, '2026-12-04');
    await travel('2026-12-03T12:00:00Z');
    const late = await coordinator.patch(`/bookings/${bookingId}`, { startTime: '14:00' });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(await entriesOf(lenientCase, bookingId)).toEqual(['use: Session on 2026-12-04 at 10:00 booked']);
  });

  it('writes no ledger entry when the late move itself is refused', async () => {
    await travel('2026-12-01T00:00:00Z');
    const bookingId = await bookSession(countingCase, '2026-12-10');
    await bookSession(countingCase, '2026-12-11');
    await travel('2026-12-09T12:00:00Z');
    const before = await ledger(countingCase);
    // Onto the client's other session: a soft conflict that needs a reason to go ahead.
    const refused = await coordinator.patch(`/bookings/${bookingId}`, { bookingDate: '2026-12-11' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(await ledger(countingCase)).toEqual(before);
  });
});

describe("one client's attendance cancelled in a group session", () => {
  it("settles that client's case by the late-cancellation rule, measured from when the provider was told", async () => {
    await travel('2026-12-01T00:00:00Z');
    const late = await bookGroup(countingCase, '2026-12-15', [clients.sam]);
    const early = await bookGroup(countingCase, '2026-12-16', [clients.sam]);
    const others = await bookGroup(countingCase, '2026-12-17', [clients.sam]);
    // Monday 14 December 13:00 Sydney; told at 12:00, 22 h before the session of the 15th.
    await travel('2026-12-14T02:00:00Z');
    const cancelled = await cancelPlace(late.id, late.placeOf(clients.quinn), '2026-12-14T01:00:00Z');
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('booked');
    expect(await entriesOf(countingCase, late.id)).toEqual(['use: Session on 2026-12-15 at 10:00 booked']);

    // Told 46 h before the session of the 16th: given back.
    const notice = await cancelPlace(early.id, early.placeOf(clients.quinn), '2026-12-14T01:00:00Z');
    expect(notice.status).toBe(200);
    expect(await entriesOf(countingCase, early.id)).toEqual([
      'use: Session on 2026-12-16 at 10:00 booked',
      'reversal: Cancelled 24 hours or more before: the session is not used',
    ]);

    // Sam's place is no session of Quinn's case: Quinn's ledger is unchanged.
    const sams = await cancelPlace(others.id, others.placeOf(clients.sam), '2026-12-14T01:00:00Z');
    expect(sams.status).toBe(200);
    expect(await entriesOf(countingCase, others.id)).toEqual(['use: Session on 2026-12-17 at 10:00 booked']);

    // Cancelled late by the provider: the client keeps the session.
    const byProvider = await cancelPlace(
      others.id,
      others.placeOf(clients.quinn),
      '2026-12-14T01:00:00Z',
      'provider',
    );
    expect(byProvider.status).toBe(200);
    // Nobody is left, so the session itself is cancelled.
    expect(byProvider.body.status).toBe('cancelled');
    expect(await entriesOf(countingCase, others.id)).toEqual([
      'use: Session on 2026-12-17 at 10:00 booked',
      'reversal: Cancelled without charge: the session is not used',
    ]);
  });

  it('gives a late cancellation back when the funder does not count late cancellations', async () => {
    await travel('2026-12-01T00:00:00Z');
    const group = await bookGroup(lenientCase, '2026-12-18', [clients.sam]);
    // Told 22 h before.
    await travel('2026-12-17T02:00:00Z');
    const cancelled = await cancelPlace(group.id, group.placeOf(clients.pat), '2026-12-17T01:00:00Z');
    expect(cancelled.status).toBe(200);
    expect(await entriesOf(lenientCase, group.id)).toEqual([
      'use: Session on 2026-12-18 at 10:00 booked',
      'reversal: Cancelled less than 24 hours before; Kind Fund does not count late cancellations',
    ]);
  });

  it('gives the session back to the case when the provider cancels the whole session', async () => {
    await travel('2026-12-01T00:00:00Z');
    const group = await bookGroup(countingCase, '2026-12-22', [clients.sam]);
    await travel('2026-12-21T12:00:00Z');
    const cancelled = await coordinator.post(`/sessions/${group.id}/cancel`, { reason: 'Associate unwell' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await entriesOf(countingCase, group.id)).toEqual([
      'use: Session on 2026-12-22 at 10:00 booked',
      'reversal: Cancelled without charge: the session is not used',
    ]);
  });
});
