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

// Tuesday 1 December 2026, 11:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-12-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let worker: Agent;
let clientId: string;
let caseId: string;

const session = (bookingDate: string, extra: Record<string, unknown> = {}) => ({
  name: 'Counselling',
  bookingDate,
  startTime: '10:00',
  durationMinutes: 60,
  ...extra,
});
const counts = async () =>
  (
    await sql<{ bookings: number; entries: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM booking_participants WHERE client_id = ${clientId}) AS bookings,
             (SELECT count(*)::int FROM entitlement_entries WHERE case_id = ${caseId}) AS entries,
             (SELECT count(*)::int FROM audit_events WHERE organisation_id = ${org.id}) AS audits`.execute(
      t.db,
    )
  ).rows[0]!;

/** Moves the clock; sessions idle longer than 30 minutes end, so both people sign in again. */
async function travel(to: string) {
  time.set(Temporal.Instant.from(to));
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
}

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Entitled');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
  clientId = (
    await coordinator.post('/clients', {
      givenName: 'Quinn',
      familyName: 'Ledger',
      timeZone: 'Australia/Sydney',
    })
  ).body.id;
  const opened = await coordinator.post(`/clients/${clientId}/cases`, {
    issue: 'Workplace stress',
    funder: 'Acme EAP',
    allowedSessions: 2,
    countingWindow: 'rolling_12_months',
    openedOn: '2026-12-01',
    funderRegion: 'AU-NSW',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
});
afterAll(() => t.close());

let keptSession: '2026-12-04' | '2026-12-05' | undefined;

describe('session entitlements', () => {
  it('lets exactly one of two concurrent bookings take the last session, and writes nothing for a refusal', async () => {
    const first = await coordinator.post(`/cases/${caseId}/sessions`, session('2026-12-03'));
    expect(first.status).toBe(201);
    expect(first.body.remaining).toBe(1);
    const [a, b] = await Promise.all([
      coordinator.post(`/cases/${caseId}/sessions`, session('2026-12-04')),
      coordinator.post(`/cases/${caseId}/sessions`, session('2026-12-05')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    // Which of the two wins is the race's to decide; the counting window later starts from the winner.
    keptSession = a.status === 201 ? '2026-12-04' : '2026-12-05';
    expect(refused.body.detail ?? refused.body.title).toMatch(
      /No sessions are left on this case \(2 granted, 2 used\)/,
    );
    expect(await counts()).toMatchObject({ bookings: 2, entries: 3 });

    const before = await counts();
    const again = await coordinator.post(`/cases/${caseId}/sessions`, session('2026-12-08'));
    expect(again.status).toBe(409);
    expect(again.body.needsOverrideReason).toBe(true);
    expect(await counts()).toEqual(before);

    const overridden = await coordinator.post(
      `/cases/${caseId}/sessions`,
      session('2026-12-08', { entitlementOverrideReason: 'Client at risk; funder told by phone' }),
    );
    expect(overridden.status).toBe(201);
    expect(overridden.body.remaining).toBe(-1);
  });

  it('gives a session back for a cancellation 24 h or more before, not for a late one, and explains the balance', async () => {
    const summary = await coordinator.get(`/cases/${caseId}`);
    const uses = summary.body.ledger.filter((e: { kind: string }) => e.kind === 'use');
    const bySession = (day: string) =>
      uses.find((u: { sessionOn: string }) => u.sessionOn === day)?.bookingId;
    const early = await coordinator.post(`/cases/${caseId}/sessions/${bySession('2026-12-03')}/end`, {
      outcome: 'cancelled',
      reason: 'Client unwell',
    });
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ sessionUsed: false, lateNotice: false });
    // 11 hours before the session of 8 December (10:00 in Sydney is 23:00 UTC the day before).
    await travel('2026-12-07T12:00:00Z');
    const late = await coordinator.post(`/cases/${caseId}/sessions/${bySession('2026-12-08')}/end`, {
      outcome: 'cancelled',
      reason: 'Client forgot',
    });
    expect(late.body).toMatchObject({ sessionUsed: true, lateNotice: true });
    const twice = await coordinator.post(`/cases/${caseId}/sessions/${bySession('2026-12-03')}/end`, {
      outcome: 'cancelled',
      reason: 'again',
    });
    expect(twice.status).toBe(409);

    const after = await coordinator.get(`/cases/${caseId}`);
    // The cancelled session of 3 December no longer counts: the twelve months run from the first session kept.
    expect(after.body.balance).toMatchObject({
      window:
        keptSession === '2026-12-04'
          ? { from: '2026-12-04', to: '2027-12-03' }
          : { from: '2026-12-05', to: '2027-12-04' },
      granted: 2,
      used: 2,
      reversed: 0,
      remaining: 0,
    });
    expect(
      after.body.ledger.map((e: { kind: string; reason: string; balanceAfter: number }) => [
        e.kind,
        e.balanceAfter,
      ]),
    ).toEqual([
      ['grant', 2],
      ['use', 1],
      ['use', 0],
      ['use', -1],
      ['reversal', 0],
    ]);
    expect(after.body.ledger[0].reason).toBe('2 sessions allotted by Acme EAP for Workplace stress');
    expect(after.body.ledger[3].overrideReason).toBe('Client at risk; funder told by phone');
    expect(after.body.ledger[4].reason).toBe('Cancelled 24 hours or more before: the session is not used');
  });

  it('takes an extra-session request with business-day due dates, blocks booking while it is pending, and grants the outcome', async () => {
    const tooMany = await worker.post(`/cases/${caseId}/extra-session-requests`, {
      sessions: 5,
      justification: 'More',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].field).toBe('sessions');
    // Monday 7 December in Sydney: 7 business days on, with no holiday in between, is Wednesday 16 December.
    const asked = await worker.post(`/cases/${caseId}/extra-session-requests`, {
      sessions: 4,
      justification: 'Progress made; four more sessions to consolidate strategies',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'pending',
      clinicalReview: false,
      requestedOn: '2026-12-07',
      funderDueOn: '2026-12-16',
      dueOn: '2026-12-16',
    });
    const second = await worker.post(`/cases/${caseId}/extra-session-requests`, {
      sessions: 1,
      justification: 'x',
    });
    expect(second.status).toBe(409);

    const before = await counts();
    const blocked = await coordinator.post(
      `/cases/${caseId}/sessions`,
      session('2026-12-10', { entitlementOverrideReason: 'Urgent' }),
    );
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail ?? blocked.body.title).toMatch(/waiting for Acme EAP \(due 2026-12-16\)/);
    expect(await counts()).toEqual(before);

    const forFunder = await coordinator.get(`/extra-session-requests/${asked.body.id}/funder-view`);
    expect(forFunder.status).toBe(200);
    const sent = JSON.stringify(forFunder.body);
    for (const identifying of ['Quinn', 'Ledger', clientId, caseId]) expect(sent).not.toContain(identifying);
    expect(forFunder.body).toMatchObject({ funder: 'Acme EAP', sessionsRequested: 4, sessionsUsed: 2 });

    const decided = await coordinator.post(`/extra-session-requests/${asked.body.id}/decision`, {
      outcome: 'modified',
      sessions: 3,
      note: 'Three approved',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'modified', grantedSessions: 3 });
    const summary = await coordinator.get(`/cases/${caseId}`);
    expect(summary.body.balance.remaining).toBe(3);
    expect(summary.body.ledger.at(-1).reason).toBe('3 of 4 extra sessions requested approved by Acme EAP');
    expect((await coordinator.post(`/cases/${caseId}/sessions`, session('2026-12-10'))).status).toBe(201);
  });

  it('needs clinical review when a request reaches 12 sessions in 12 months: 13 business days, past the Christmas holidays', async () => {
    await travel('2026-12-22T23:00:00Z'); // Wednesday 23 December in Sydney
    const big = await coordinator.post(`/clients/${clientId}/cases`, {
      issue: 'Grief',
      funder: 'Programme B',
      allowedSessions: 10,
      countingWindow: 'per_referral',
      openedOn: '2026-12-01',
      expiresOn: '2027-06-30',
      funderRegion: 'AU-NSW',
    });
    expect(big.status).toBe(201);
    const asked = await worker.post(`/cases/${big.body.id}/extra-session-requests`, {
      sessions: 2,
      justification: 'Complex grief',
    });
    expect(asked.body).toMatchObject({
      clinicalReview: true,
      totalInTwelveMonths: 12,
      requestedOn: '2026-12-23',
      // NSW: 25, 26 and 28 December and 1 January are public holidays.
      funderDueOn: '2027-01-06',
      dueOn: '2027-01-14',
    });
    const missing = await coordinator.post(`/clients/${clientId}/cases`, {
      issue: 'Grief',
      funder: 'Programme B',
      allowedSessions: 10,
      countingWindow: 'per_referral',
      openedOn: '2026-12-01',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('expiresOn');
  });
});
