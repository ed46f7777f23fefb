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

// Tuesday 1 December 2026: 11:00 in Sydney (the associate, AEDT), 10:00 in Brisbane (the client, AEST).
const time = manualClock(Temporal.Instant.from('2026-12-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let worker: Agent;
let other: Agent;
let caseId: string;
const ids: Record<'now' | 'missed' | 'later' | 'old' | 'charged', string> = {} as never;

const counts = async () =>
  (
    await sql<Record<string, number>>`
      SELECT (SELECT count(*)::int FROM appointment_records WHERE organisation_id = ${org.id}) AS records,
             (SELECT count(*)::int FROM appointment_addenda WHERE organisation_id = ${org.id}) AS addenda,
             (SELECT count(*)::int FROM entitlement_entries WHERE case_id = ${caseId}) AS entries,
             (SELECT count(*)::int FROM bookings WHERE organisation_id = ${org.id} AND status = 'cancelled') AS cancelled,
             (SELECT count(*)::int FROM audit_events WHERE organisation_id = ${org.id}) AS audits`.execute(
      t.db,
    )
  ).rows[0]!;

async function travel(to: string) {
  time.set(Temporal.Instant.from(to));
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
}

const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Quick');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
  other = await signedIn(t.baseUrl, org.emails.finance);
  const client = await coordinator.post('/clients', {
    givenName: 'Robin',
    familyName: 'Quay',
    timeZone: 'Australia/Brisbane',
  });
  const opened = await coordinator.post(`/clients/${client.body.id}/cases`, {
    issue: 'Workplace stress',
    funder: 'Acme EAP',
    allowedSessions: 10,
    countingWindow: 'per_year',
    openedOn: '2026-11-01',
    funderRegion: 'AU-QLD',
    noShowCounts: false,
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  const book = async (bookingDate: string, startTime: string) => {
    const r = await coordinator.post(`/cases/${caseId}/sessions`, {
      name: 'Counselling',
      bookingDate,
      startTime,
      durationMinutes: 60,
      assignee: { type: 'staff', id: org.staffIds.worker },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.booking.id as string;
  };
  ids.now = await book('2026-12-01', '10:00');
  ids.missed = await book('2026-12-01', '09:00');
  ids.later = await book('2026-12-06', '10:00');
  ids.old = await book('2026-11-20', '10:00');
  ids.charged = await book('2026-12-02', '09:00');
});
afterAll(() => t.close());

describe('Quick View', () => {
  it("lists the associate's day in three sections, with the time in both zones", async () => {
    const qv = await worker.get('/quick-view');
    expect(qv.status).toBe(200);
    const row = qv.body.notStarted.find((r: { bookingId: string }) => r.bookingId === ids.now);
    expect(row).toMatchObject({
      clientName: 'Robin Quay',
      modality: 'in_person',
      caseId,
      associateTime: { date: '2026-12-01', time: '11:00', abbreviation: 'AEDT' },
      clientTime: { date: '2026-12-01', time: '10:00', abbreviation: 'AEST' },
      overdue: false,
    });
    expect(row.actions).toEqual(expect.arrayContaining(['commence', 'cancel', 'no_show', 'rebook']));
    // Five days ahead is not yet commencable; the appointment of 20 November is 11 days old and overdue.
    const later = qv.body.notStarted.find((r: { bookingId: string }) => r.bookingId === ids.later);
    expect(later.actions).not.toContain('commence');
    const old = qv.body.notStarted.find((r: { bookingId: string }) => r.bookingId === ids.old);
    expect(old).toMatchObject({ overdue: true, daysSinceEnd: 10 });
    expect(qv.body.inProgress).toEqual([]);
    // Someone without appointments of their own may not; a coordinator not taking part may not commence it.
    expect((await other.post(`/appointments/${ids.now}/commence`, {})).status).toBe(403);
    const byCoordinator = await coordinator.post(`/appointments/${ids.now}/commence`, {});
    expect(byCoordinator.status).toBe(409);
    expect(byCoordinator.body.detail ?? byCoordinator.body.title).toMatch(/Only the associate taking part/);
  });

  it('refuses out-of-order steps and bad notes, writing nothing', async () => {
    const before = await counts();
    const early = await worker.post(`/appointments/${ids.now}/complete`, {
      notes: 'Too soon',
      outcome: 'continuing',
    });
    expect(early.status).toBe(409);
    expect(early.body.detail ?? early.body.title).toMatch(/Only a commenced appointment/);
    expect((await worker.post(`/appointments/${ids.now}/sign-off`)).status).toBe(409);
    expect((await worker.post(`/appointments/${ids.now}/addenda`, { text: 'x' })).status).toBe(409);
    expect((await worker.post(`/appointments/${ids.later}/commence`, {})).status).toBe(409);
    const charged = await worker.post(`/appointments/${ids.later}/end`, {
      kind: 'cancelled_charged',
      reason: 'Client busy',
    });
    expect(charged.status).toBe(422);
    expect(charged.body.errors[0].field).toBe('kind');
    expect(await counts()).toEqual(before);
  });

  it('commences, completes with notes and a Word file, signs off, and takes addenda in order, never edits', async () => {
    const commenced = await worker.post(`/appointments/${ids.now}/commence`, { modality: 'video' });
    expect(commenced.status).toBe(200);
    expect(commenced.body).toMatchObject({
      stage: 'in_progress',
      modality: 'video',
      commencedAt: '2026-12-01T00:00:00Z',
    });
    expect(commenced.body.actions).toEqual(['complete', 'rebook']);
    expect((await worker.post(`/appointments/${ids.now}/commence`, {})).status).toBe(409);

    await travel('2026-12-01T00:55:00Z');
    const before = await counts();
    const missing = await worker.post(`/appointments/${ids.now}/complete`, { outcome: 'continuing' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('notes');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]).toString('base64');
    const fake = await worker.post(`/appointments/${ids.now}/complete`, {
      notesFile: { name: 'notes.pdf', type: 'application/pdf', contentBase64: png },
      outcome: 'continuing',
    });
    expect(fake.status).toBe(422);
    expect(fake.body.errors[0]).toMatchObject({ field: 'notesFile' });
    expect(fake.body.errors[0].reason).toMatch(/not a real \.pdf file/);
    const exe = await worker.post(`/appointments/${ids.now}/complete`, {
      notesFile: { name: 'notes.exe', type: 'application/octet-stream', contentBase64: png },
      outcome: 'continuing',
    });
    expect(exe.body.errors[0].reason).toMatch(/must be a PDF or Word document/);
    expect(await counts()).toEqual(before);

    const done = await worker.post(`/appointments/${ids.now}/complete`, {
      notes: 'Discussed sleep and workload; agreed two strategies.',
      notesFile: {
        name: 'session-1.docx',
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        contentBase64: docx.toString('base64'),
      },
      outcome: 'continuing',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      stage: 'in_progress',
      outcome: 'continuing',
      notesFile: { name: 'session-1.docx', bytes: docx.length },
    });
    expect(done.body.actions).toContain('sign_off');
    const file = await fetch(`${t.baseUrl}/api/v1/appointments/${ids.now}/notes-file`, {
      headers: { cookie: worker.cookie },
    });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(docx);
    // The booking's actual times: from the commencement, the planned hour (it ran 55 minutes to now).
    const booking = await coordinator.get(`/bookings/${ids.now}`);
    expect(booking.body.completion).toMatchObject({
      actualStart: '2026-12-01T10:00:00+10:00',
      actualEnd: '2026-12-01T10:55:00+10:00',
    });

    const signed = await worker.post(`/appointments/${ids.now}/sign-off`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ stage: 'completed', signedOffAt: '2026-12-01T00:55:00Z' });
    expect(signed.body.actions).toEqual(['addendum', 'rebook']);

    const frozen = await counts();
    const edit = await worker.post(`/appointments/${ids.now}/complete`, {
      notes: 'Changed',
      outcome: 'concluded',
    });
    expect(edit.status).toBe(409);
    expect(await counts()).toEqual(frozen);
    // The database itself refuses a change to a signed-off record, even from its owner role.
    await expect(
      sql`UPDATE appointment_records SET notes = 'tampered' WHERE booking_id = ${ids.now}`.execute(t.db),
    ).rejects.toThrow(/signed-off appointment record cannot be changed/);
    await expect(
      sql`INSERT INTO appointment_addenda (organisation_id, booking_id, text, created_by_user_id)
          VALUES (${org.id}, ${ids.later}, 'sneaky', ${org.id})`.execute(t.db),
    ).rejects.toThrow(/only to a signed-off appointment/);

    await worker.post(`/appointments/${ids.now}/addenda`, { text: 'Client also mentioned a new manager.' });
    await travel('2026-12-01T01:30:00Z');
    const second = await worker.post(`/appointments/${ids.now}/addenda`, {
      text: 'Correction: two, not three, strategies.',
    });
    expect(second.status).toBe(201);
    expect(second.body.notes).toBe('Discussed sleep and workload; agreed two strategies.');
    expect(second.body.addenda.map((a: { text: string }) => a.text)).toEqual([
      'Client also mentioned a new manager.',
      'Correction: two, not three, strategies.',
    ]);
    await expect(
      sql`DELETE FROM appointment_addenda WHERE booking_id = ${ids.now}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    const qv = await worker.get('/quick-view');
    expect(qv.body.recentlyCompleted.map((r: { bookingId: string }) => r.bookingId)).toContain(ids.now);
  });

  it("settles case sessions by the case's rules: a no-show, a charged and a free cancellation, and the ordinary cancel route", async () => {
    const noShow = await worker.post(`/appointments/${ids.missed}/end`, {
      kind: 'no_show',
      reason: 'Did not join',
    });
    expect(noShow.status).toBe(200);
    expect(noShow.body).toMatchObject({ closedAs: 'no_show', sessionUsed: false, stage: 'completed' });
    // 2 December 09:00 in Brisbane is less than 24 hours away: with charge, the session is used.
    const charged = await worker.post(`/appointments/${ids.charged}/end`, {
      kind: 'cancelled_charged',
      reason: 'Client cancelled late',
    });
    expect(charged.body).toMatchObject({ closedAs: 'cancelled_charged', sessionUsed: true });
    // A coordinator cancels the session of 6 December through the ordinary booking route: given back.
    const ordinary = await coordinator.post(`/bookings/${ids.later}/cancel`, { reason: 'Client moved away' });
    expect(ordinary.status).toBe(200);
    const summary = await coordinator.get(`/cases/${caseId}`);
    const reversals = summary.body.ledger.filter((e: { kind: string }) => e.kind === 'reversal');
    expect(reversals.map((e: { bookingId: string; reason: string }) => [e.bookingId, e.reason])).toEqual([
      [ids.missed, 'No-show; Acme EAP does not count no-shows'],
      [ids.later, 'Cancelled 24 hours or more before: the session is not used'],
    ]);
    expect(summary.body.balance).toMatchObject({ granted: 10, used: 5, reversed: 2, remaining: 7 });
  });

  it('flags an appointment not completed 7 days after to the associate and on the Today board; the organisation sets N', async () => {
    const board = await coordinator.get('/today');
    expect(board.status).toBe(200);
    expect(board.body.overdue.map((r: { bookingId: string }) => r.bookingId)).toEqual([ids.old]);
    expect(board.body.cancelledToday.map((r: { bookingId: string }) => r.bookingId)).toEqual([ids.missed]);
    expect(board.body.overdueAfterDays).toBe(7);
    expect((await worker.put('/appointment-settings', { overdueAfterDays: 14 })).status).toBe(403);
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    expect((await admin.put('/appointment-settings', { overdueAfterDays: 91 })).status).toBe(422);
    expect((await admin.put('/appointment-settings', { overdueAfterDays: 14 })).status).toBe(200);
    const qv = await worker.get('/quick-view');
    expect(qv.body.notStarted.find((r: { bookingId: string }) => r.bookingId === ids.old).overdue).toBe(
      false,
    );
    expect((await coordinator.get('/today')).body.overdue).toEqual([]);
    expect((await worker.get('/today')).status).toBe(403);
  });
});
