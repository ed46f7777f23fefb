import ICAL from 'ical.js';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpInbox, waitFor } from './support/smtp-inbox.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// The rebooking wizard end to end over HTTP, with a real SMTP listener catching what the outbox sends.
let mail: Awaited<ReturnType<typeof startSmtpInbox>>;

// Tuesday 1 September 2026, 10:00 in Brisbane and Sydney (both UTC+10 until Sydney moves forward on 4 October).
const time = manualClock(Temporal.Instant.from('2026-09-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let worker: Agent;
let clientId: string;
let caseId: string;
let firstBookingId: string;
let scheduleId: string;

const mailTo = (address: string, subject: RegExp) => mail.mailsTo(address, subject)[0];

const counts = async () =>
  (
    await sql<{ bookings: number; entries: number; outbox: number; details: number }>`
      SELECT (SELECT count(*)::int FROM booking_participants WHERE client_id = ${clientId}) AS bookings,
             (SELECT count(*)::int FROM entitlement_entries WHERE case_id = ${caseId}) AS entries,
             (SELECT count(*)::int FROM notification_outbox WHERE client_id = ${clientId}) AS outbox,
             (SELECT count(*)::int FROM case_session_details WHERE case_id = ${caseId}) AS details`.execute(
      t.db,
    )
  ).rows[0]!;

const wizard = (extra: Record<string, unknown> = {}) => ({
  approach: 'manual',
  workScheduleId: scheduleId,
  bookingDate: '2026-10-06',
  startTime: '12:00',
  durationMinutes: 60,
  modality: 'video',
  videoPlatform: 'jitsi',
  notifyClient: true,
  attendance: 'individual',
  confirmed: true,
  ...extra,
});

beforeAll(async () => {
  mail = await startSmtpInbox();
  const smtpUrl = mail.url;
  t = await startTestApp({
    clock: time.clock,
    invoiceWorker: false,
    config: { mail: { smtpUrl, from: 'Bayside Care <care@bayside.example.org>' } },
  });
  org = await seedOrg(t.db, 'Bayside');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
  const client = await coordinator.post('/clients', {
    givenName: 'Robin',
    familyName: 'Quay',
    email: 'robin@clients.example.org',
    timeZone: 'Australia/Brisbane',
  });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  clientId = client.body.id;
  const schedule = await worker.post(`/staff/${org.staffIds.worker}/work-schedules`, {
    name: 'Ad hoc weekdays',
    type: 'adhoc',
    payRateMinor: 9500,
    active: true,
    lines: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '09:00', endsAt: '15:00' })),
  });
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
  scheduleId = schedule.body.id;
  const opened = await coordinator.post(`/clients/${clientId}/cases`, {
    issue: 'Workplace stress',
    funder: 'Acme EAP',
    allowedSessions: 4,
    countingWindow: 'rolling_12_months',
    openedOn: '2026-07-01',
    funderRegion: 'AU-QLD',
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
  // The client's last appointment, on Wednesday 2 September at 10:00 Brisbane.
  const first = await coordinator.post(`/cases/${caseId}/sessions`, {
    name: 'Counselling',
    bookingDate: '2026-09-02',
    startTime: '10:00',
    durationMinutes: 60,
    assignee: { type: 'staff', id: org.staffIds.worker },
  });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  firstBookingId = first.body.booking.id;
});

afterAll(async () => {
  await t?.close();
  await mail?.close();
});

describe('the rebooking wizard', () => {
  it('opens on the last appointment with its case, the schedules and the notification default', async () => {
    const start = await worker.get(`/bookings/${firstBookingId}/rebooking`);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.case.case.id).toBe(caseId);
    expect(start.body.case.balance).toMatchObject({ granted: 4, used: 1, remaining: 3 });
    expect(start.body.client).toMatchObject({ name: 'Robin Quay', timeZone: 'Australia/Brisbane' });
    expect(start.body.associate.timeZone).toBe('Australia/Sydney');
    expect(start.body.schedules.map((s: { name: string }) => s.name)).toEqual(['Ad hoc weekdays']);
    expect(start.body.retrospectiveDays).toBe(30);
    expect(start.body.notify).toMatchObject({
      default: true,
      recipients: [{ channel: 'email', address: 'robin@clients.example.org' }],
    });
  });

  it('reviews the time in both zones on the server, with the daylight-saving warning and the covering line', async () => {
    const preview = await worker.post(`/cases/${caseId}/rebooking/preview`, wizard());
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.client).toMatchObject({ date: '2026-10-06', time: '12:00', offset: '+10:00' });
    expect(preview.body.associate).toMatchObject({ date: '2026-10-06', time: '13:00', offset: '+11:00' });
    expect(preview.body.schedules[0]).toMatchObject({ id: scheduleId, available: true });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.dstWarnings.map((w: { message: string }) => w.message)).toEqual([
      expect.stringContaining('This will be 13:00 for you (Australia/Sydney), not 12:00 as today'),
      expect.stringContaining('not 12:00 as at the previous session'),
    ]);
    // 14:30 Brisbane is 15:30 in Sydney: past the line's 15:00 end.
    const late = await worker.post(`/cases/${caseId}/rebooking/preview`, wizard({ startTime: '14:30' }));
    expect(late.body.schedules[0].available).toBe(false);
    expect(late.body.problems).toEqual([
      { field: 'workScheduleId', reason: expect.stringContaining('has no line covering this time') },
    ]);
    const refused = await worker.post(`/cases/${caseId}/rebooking`, wizard({ startTime: '14:30' }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('workScheduleId');
  });

  it('finalises the booking, its ledger entry and the confirmation in one step; the client gets a working invitation', async () => {
    const before = await counts();
    const done = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ previousBookingId: firstBookingId }),
    );
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body).toMatchObject({
      remaining: 2,
      approach: 'manual',
      modality: 'video',
      videoPlatform: 'jitsi',
      attendance: 'individual',
      notifyClient: true,
      workSchedule: { id: scheduleId, payRateMinor: 9500 },
    });
    expect(done.body.meetingLink).toMatch(/^https:\/\/meet\.jit\.si\/carebook-[0-9a-f]{32}$/);
    expect(done.body.booking.notes).toContain(done.body.meetingLink);
    const after = await counts();
    expect(after.bookings - before.bookings).toBe(1);
    expect(after.entries - before.entries).toBe(1);
    expect(after.details - before.details).toBe(1);
    expect(after.outbox).toBeGreaterThan(before.outbox);

    const mail = await waitFor('the confirmation', () => mailTo('robin@', /is booked: Tuesday 6 October/));
    expect(mail.subject).toContain('Tuesday 6 October 2026, 12:00 pm Australia/Brisbane time');
    expect(mail.text).toContain(`Join the video session (Jitsi Meet): ${done.body.meetingLink}`);
    const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
    expect(part, 'a text/calendar part').toBeDefined();
    const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('location')).toBe(done.body.meetingLink);
    expect(event.getFirstPropertyValue('uid')).toBe(`${done.body.booking.id}@carebook`);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(
      '2026-10-06T02:00:00.000Z',
    );
  });

  it('refuses a time the associate is already booked, and a refusal writes nothing', async () => {
    const before = await counts();
    const clash = await worker.post(`/cases/${caseId}/rebooking`, wizard({ startTime: '12:30' }));
    expect(clash.status).toBe(409);
    expect(await counts()).toEqual(before);
    const unconfirmed = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ bookingDate: '2026-10-07', confirmed: false }),
    );
    expect(unconfirmed.status).toBe(422);
    const noLink = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ bookingDate: '2026-10-07', videoPlatform: 'teams' }),
    );
    expect(noLink.status).toBe(422);
    expect(noLink.body.errors[0].field).toBe('meetingLink');
    expect(await counts()).toEqual(before);
  });

  it('records a retrospective session as delivered within the window, and the window is the organisation’s', async () => {
    const retro = (bookingDate: string) =>
      wizard({
        approach: 'retrospective',
        bookingDate,
        startTime: '10:00',
        modality: 'phone',
        videoPlatform: null,
      });
    const within = await worker.post(`/cases/${caseId}/rebooking`, retro('2026-08-12'));
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    expect(within.body.booking.status).toBe('completed');
    expect(within.body.notifyClient).toBe(false);
    const before = await counts();
    const old = await worker.post(`/cases/${caseId}/rebooking`, retro('2026-07-28'));
    expect(old.status).toBe(422);
    expect(old.body.errors[0].reason).toContain('up to 30 days after it; this one was 35 days ago');
    expect(await counts()).toEqual(before);
    expect((await worker.put('/settings/rebooking', { retrospectiveDays: 60 })).status).toBe(403);
    expect((await coordinator.put('/settings/rebooking', { retrospectiveDays: 60 })).status).toBe(200);
    // One session is left: of two finalised at once, exactly one takes it, and the other writes nothing.
    const beforeRace = await counts();
    const [a, b] = await Promise.all([
      worker.post(`/cases/${caseId}/rebooking`, retro('2026-07-28')),
      worker.post(`/cases/${caseId}/rebooking`, retro('2026-07-29')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 201 ? a : b).body.remaining).toBe(0);
    const afterRace = await counts();
    expect(afterRace.bookings - beforeRace.bookings).toBe(1);
    expect(afterRace.entries - beforeRace.entries).toBe(1);
    expect(afterRace.details - beforeRace.details).toBe(1);
  });

  it('asks for extra sessions when none are left, and tells both parties the outcome through the outbox', async () => {
    const start = await worker.get(`/bookings/${firstBookingId}/rebooking`);
    expect(start.body.case.balance.remaining).toBe(0);
    const preview = await worker.post(
      `/cases/${caseId}/rebooking/preview`,
      wizard({ bookingDate: '2026-10-13' }),
    );
    expect(preview.body.needsExtraSessions).toBe(true);
    const before = await counts();
    const refused = await worker.post(`/cases/${caseId}/rebooking`, wizard({ bookingDate: '2026-10-13' }));
    expect(refused.status).toBe(409);
    expect(await counts()).toEqual(before);

    const request = await worker.post(`/cases/${caseId}/extra-session-requests`, {
      sessions: 3,
      justification: 'Progressing; three more to consolidate',
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const decided = await coordinator.post(`/extra-session-requests/${request.body.id}/decision`, {
      outcome: 'modified',
      sessions: 2,
      note: 'Two now, review after',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const rows = await coordinator.get(`/outbox?clientId=${clientId}`);
    const outcome = rows.body.items.filter((m: { event: string }) => m.event === 'extra_sessions_outcome');
    expect(outcome.map((m: { recipient: string }) => m.recipient).sort()).toEqual(['client', 'staff']);
    const toClient = await waitFor('the client’s outcome', () => mailTo('robin@', /Extra sessions approved/));
    expect(toClient.text).toContain('Acme EAP has approved 2 sessions of the 3 sessions requested');
    expect(toClient.text).not.toContain('Two now');
    const toWorker = await waitFor('the associate’s outcome', () =>
      mailTo(org.emails.worker, /Extra sessions approved/),
    );
    expect(toWorker.text).toContain('Robin Quay’s Workplace stress case');
    expect(toWorker.text).toContain('Note from the funder: Two now, review after');
  });

  it('puts the other participants of a couple session on the booking, in the same step', async () => {
    const partner = await coordinator.post('/clients', {
      givenName: 'Alex',
      familyName: 'Quay',
      timeZone: 'Australia/Brisbane',
    });
    expect(partner.status).toBe(201);
    // The associate finds the partner by name (names only; the case's own client is not offered).
    const found = await worker.get(`/cases/${caseId}/rebooking/participants?q=${encodeURIComponent('Quay')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.items).toEqual([{ id: partner.body.id, name: 'Alex Quay' }]);
    const before = await counts();
    const alone = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ bookingDate: '2026-10-13', attendance: 'couple' }),
    );
    expect(alone.status).toBe(422);
    expect(alone.body.errors[0]).toMatchObject({
      field: 'participantClientIds',
      reason: expect.stringContaining('a couple session has one other participant, not 0'),
    });
    const individual = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ bookingDate: '2026-10-13', participantClientIds: [partner.body.id] }),
    );
    expect(individual.status).toBe(422);
    const stranger = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({
        bookingDate: '2026-10-13',
        attendance: 'couple',
        participantClientIds: [org.staffIds.worker],
      }),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0].field).toBe('participantClientIds.0');
    expect(await counts()).toEqual(before);

    const done = await worker.post(
      `/cases/${caseId}/rebooking`,
      wizard({ bookingDate: '2026-10-13', attendance: 'couple', participantClientIds: [partner.body.id] }),
    );
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.attendance).toBe('couple');
    const clientsOn = (done.body.booking.participants as { type: string; name: string; lead: boolean }[])
      .filter((p) => p.type === 'client')
      .map((p) => [p.name, p.lead]);
    expect(clientsOn).toEqual([
      ['Robin Quay', true],
      ['Alex Quay', false],
    ]);
    // One session of Robin's case, and Robin's confirmation, in the same transaction as the booking.
    const after = await counts();
    expect(after.entries - before.entries).toBe(1);
    expect(after.outbox).toBeGreaterThan(before.outbox);
    const shown = await worker.get(`/bookings/${done.body.booking.id}`);
    expect(shown.body.participants.filter((p: { type: string }) => p.type === 'client')).toHaveLength(2);
  });

  it('closes a case with a reason, audited; a closed case takes no further bookings', async () => {
    expect((await worker.post(`/cases/${caseId}/close`, { reason: 'x' })).status).toBe(403);
    const closed = await coordinator.post(`/cases/${caseId}/close`, {
      reason: 'Goals met; client discharged',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'Goals met; client discharged' });
    expect((await coordinator.post(`/cases/${caseId}/close`, { reason: 'again' })).status).toBe(409);
    const before = await counts();
    const refused = await worker.post(`/cases/${caseId}/rebooking`, wizard({ bookingDate: '2026-10-14' }));
    expect(refused.status).toBe(409);
    expect(refused.body.detail ?? refused.body.title).toMatch(/closed/);
    expect(await counts()).toEqual(before);
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_events
      WHERE entity_type = 'case' AND entity_id = ${caseId} AND action = 'update'`.execute(t.db);
    expect(audit.rows[0]!.n).toBe(1);
  });
});
