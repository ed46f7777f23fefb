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

// The rest of issue 11: the bell, the per-edit "notify the client" choice, leave announcements and SMS without
// a provider. Real mail: an SMTP listener on a loopback port, each message parsed with mailparser.
let mail: Awaited<ReturnType<typeof startSmtpInbox>>;

// Monday 2 March 2026, 11:00 in Sydney; the clock stays put.
const time = manualClock(Temporal.Instant.from('2026-03-02T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let worker: Agent;
let admin: Agent;

const mailsTo = (address: string, subject: RegExp) => mail.mailsTo(address, subject);

type Outbox = { event: string; status: string; channel: string; lastError: string | null; body: string }[];
const outboxOf = async (query: string) => (await coordinator.get(`/outbox?${query}`)).body.items as Outbox;

/** Everything the dispatcher owes is done: nothing pending that is due now. */
const settled = (query: string) =>
  waitFor('the outbox to settle', async () => {
    const rows = await outboxOf(query);
    return rows.some((r) => r.status === 'sending' || (r.status === 'pending' && r.event !== 'reminder'))
      ? undefined
      : rows;
  });

async function newClient(givenName: string, email: string) {
  const c = await coordinator.post('/clients', {
    givenName,
    familyName: 'Bell',
    email,
    timeZone: 'Australia/Sydney',
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  return c.body.id as string;
}

async function book(clientId: string, bookingDate: string, extra: Record<string, unknown> = {}) {
  const b = await coordinator.post(`/clients/${clientId}/service-orders`, {
    name: 'Home visit',
    bookingDate,
    startTime: '09:00',
    durationMinutes: 60,
    assignee: { type: 'staff', id: org.staffIds.worker },
    ...extra,
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  return b.body.id as string;
}

beforeAll(async () => {
  mail = await startSmtpInbox();
  const smtpUrl = mail.url;
  t = await startTestApp({
    clock: time.clock,
    invoiceWorker: false,
    config: { mail: { smtpUrl, from: 'Bell Care <care@bell.example.org>' } },
  });
  org = await seedOrg(t.db, 'Bell');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  // The administrator also delivers services here, so bookings can move between two people who sign in.
  await sql`UPDATE staff SET delivers_services = true WHERE id = ${org.staffIds.administrator}`.execute(t.db);
});

afterAll(async () => {
  await t?.close();
  await mail?.close();
});

describe('the bell', () => {
  it('tells staff of bookings assigned to them, taken from them, moved and cancelled by others, with read state', async () => {
    const clientId = await newClient('Ada', 'ada@clients.example.org');
    const bookingId = await book(clientId, '2026-03-10');
    const bell = async (agent: Agent) => (await agent.get('/me/notices')).body;
    const first = await bell(worker);
    expect(first.unread).toBe(1);
    expect(first.items[0]).toMatchObject({
      message: 'You have been assigned "Home visit" with Ada Bell on Tue 10 Mar 2026, 9:00 am AEDT.',
      bookingId,
      readAt: null,
    });
    // The coordinator did it: their own bell stays quiet.
    expect((await bell(coordinator)).unread).toBe(0);

    // Reassigned to the administrator: both hear of it, each in their own words.
    const reassigned = await coordinator.patch(`/bookings/${bookingId}`, {
      assignee: { type: 'staff', id: org.staffIds.administrator },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    const afterMove = await bell(worker);
    expect(afterMove.unread).toBe(2);
    expect(afterMove.items[0].message).toBe(
      '"Home visit" with Ada Bell on Tue 10 Mar 2026, 9:00 am AEDT is no longer yours: it is now with Administrator Bell.',
    );
    expect((await bell(admin)).items[0].message).toMatch(
      /^You have been assigned "Home visit" with Ada Bell/,
    );
    // A reassignment alone sends the client nothing.
    await settled(`bookingId=${bookingId}`);
    expect(mailsTo('ada@', /has changed/)).toHaveLength(0);

    // Moved and then cancelled by the coordinator: the administrator's bell says so.
    await coordinator.patch(`/bookings/${bookingId}`, { startTime: '10:30' });
    await coordinator.post(`/bookings/${bookingId}/cancel`, { reason: 'Client unwell' });
    const adminBell = await bell(admin);
    expect(adminBell.items.map((n: { message: string }) => n.message).slice(0, 2)).toEqual([
      '"Home visit" with Ada Bell on Tue 10 Mar 2026, 10:30 am AEDT is cancelled: Client unwell.',
      '"Home visit" with Ada Bell has moved to Tue 10 Mar 2026, 10:30 am AEDT (it was Tue 10 Mar 2026, 9:00 am AEDT).',
    ]);
    expect(adminBell.unread).toBe(3);

    // Mark one read, then all; another person's notice id changes nothing of theirs.
    const one = await admin.post('/me/notices/read', { ids: [adminBell.items[0].id, first.items[0].id] });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.unread).toBe(2);
    expect(one.body.items[0].readAt).toBe(time.clock().toString());
    expect((await bell(worker)).unread).toBe(2);
    const all = await admin.post('/me/notices/read', {});
    expect(all.body.unread).toBe(0);
    expect(all.body.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
  });
});

describe('"notify the client" on edits and cancellation', () => {
  it('starts from the server’s rule, and a choice not to notify sends no change notice or cancellation', async () => {
    const clientId = await newClient('Ben', 'ben@clients.example.org');
    const fresh = await coordinator.get(`/notification-choice?clientId=${clientId}`);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body).toEqual({
      notifyClient: true,
      source: 'default',
      recipients: [{ name: 'Ben', channel: 'email', address: 'ben@clients.example.org' }],
    });
    const bookingId = await book(clientId, '2026-03-12');
    await waitFor('the confirmation', () => mailsTo('ben@', /is booked/)[0]);

    const moved = await coordinator.patch(`/bookings/${bookingId}`, {
      startTime: '11:00',
      notifyClient: false,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await coordinator.get(`/notification-choice?bookingId=${bookingId}`)).body).toMatchObject({
      notifyClient: false,
      source: 'booking',
    });
    const cancelled = await coordinator.post(`/bookings/${bookingId}/cancel`, {
      reason: 'Duplicate',
      notifyClient: false,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const rows = await settled(`bookingId=${bookingId}`);
    expect(rows.map((r) => r.event).sort()).toEqual(['confirmation', 'reminder']);
    expect(rows.find((r) => r.event === 'reminder')?.status).toBe('cancelled');
    expect(mailsTo('ben@', /./)).toHaveLength(1);

    // Ticked again on a cancellation: the client hears of it.
    const other = await book(clientId, '2026-03-13', { notifyClient: false });
    const told = await coordinator.post(`/bookings/${other}/cancel`, {
      reason: 'Staff ill',
      notifyClient: true,
    });
    expect(told.status).toBe(200);
    const mail = await waitFor('the cancellation', () => mailsTo('ben@', /is cancelled/)[0]);
    expect(mail.text).toContain('Reason: Staff ill');

    // A service type's default counts for its bookings' forms.
    const types = (await admin.get('/notification-defaults')).body as { serviceTypeId: string }[];
    if (types.length > 0) {
      const put = await admin.put(`/notification-defaults/${types[0]!.serviceTypeId}`, {
        notifyClient: false,
        reminderMinutes: 120,
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const choice = await coordinator.get(
        `/notification-choice?clientId=${clientId}&serviceTypeId=${types[0]!.serviceTypeId}`,
      );
      expect(choice.body).toMatchObject({ notifyClient: false, source: 'service_type' });
    }
  });
});

describe('client leave', () => {
  it('sends one message listing the visits a leave cancels, and one listing those it gives back', async () => {
    const clientId = await newClient('Cleo', 'cleo@clients.example.org');
    const visits = [await book(clientId, '2026-03-16'), await book(clientId, '2026-03-17')];
    await waitFor('both confirmations', () =>
      mailsTo('cleo@', /is booked/).length === 2 ? true : undefined,
    );

    const leave = await coordinator.post(`/clients/${clientId}/leave`, {
      type: 'hospital',
      startsOn: '2026-03-15',
      endsOn: '2026-03-20',
      note: null,
    });
    expect(leave.status, JSON.stringify(leave.body)).toBe(201);
    expect(leave.body.suspended).toHaveLength(2);
    const summary = await waitFor('the leave message', () => mailsTo('cleo@', /cancelled during/)[0]);
    expect(summary.subject).toBe('2 visits cancelled during your hospital leave');
    expect(summary.text).toContain(
      'While you are on hospital leave (from Sunday 15 March 2026 to Friday 20 March 2026), these visits are cancelled:',
    );
    expect(summary.text).toContain(
      '- Home visit: Monday 16 March 2026, 9:00 am Australia/Sydney time (AEDT)',
    );
    expect(summary.text).toContain(
      '- Home visit: Tuesday 17 March 2026, 9:00 am Australia/Sydney time (AEDT)',
    );
    // No one-per-visit cancellations, and the visits' reminders are dropped.
    expect(mailsTo('cleo@', /is cancelled/)).toHaveLength(0);
    for (const id of visits)
      expect((await outboxOf(`bookingId=${id}`)).find((r) => r.event === 'reminder')?.status).toBe(
        'cancelled',
      );

    // The leave is removed: the visits are back, in one message, with their reminders.
    const removed = await coordinator.delete(`/leave/${leave.body.leave.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.restored).toHaveLength(2);
    const back = await waitFor('the restored message', () => mailsTo('cleo@', /back on/)[0]);
    expect(back.subject).toBe('2 visits are back on after your hospital leave');
    for (const id of visits)
      expect((await outboxOf(`bookingId=${id}`)).find((r) => r.event === 'reminder')?.status).toBe('pending');
    expect(
      (await outboxOf(`clientId=${clientId}`))
        .filter((r) => r.event.startsWith('leave_'))
        .map((r) => r.event),
    ).toEqual(['leave_restored', 'leave_cancellation']);
  });
});

describe('SMS without a provider', () => {
  it('is marked not sent, saying no SMS provider is configured, and never shown as delivered', async () => {
    const clientId = await newClient('Dev', 'dev@clients.example.org');
    await coordinator.patch(`/clients/${clientId}`, { phone: '0412 000 111' });
    const pref = await coordinator.post(`/clients/${clientId}/notification-preferences`, {
      recipient: 'client',
      channel: 'sms',
      phone: '0412 000 111',
      optedIn: true,
    });
    expect(pref.status, JSON.stringify(pref.body)).toBe(201);
    const bookingId = await book(clientId, '2026-03-18');
    const rows = await settled(`bookingId=${bookingId}`);
    const sms = rows.find((r) => r.channel === 'sms' && r.event === 'confirmation');
    expect(sms).toMatchObject({
      status: 'not_sent',
      lastError: 'Not sent: no SMS provider is configured (the text was only written to the log)',
    });
    expect(rows.find((r) => r.channel === 'email' && r.event === 'confirmation')?.status).toBe('sent');
  });
});
