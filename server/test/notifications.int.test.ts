import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app/build-app.js';
import { notificationTransports } from '../src/app/notification-transports.js';
import { dispatchDue } from '../src/notifications/dispatch.action.js';
import { createMailer } from '../src/platform/mail/mailer.js';
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

// What a real mail server receives: an SMTP listener on a loopback port, each message parsed with mailparser.
let mail: Awaited<ReturnType<typeof startSmtpInbox>>;
let smtpUrl: string;

const time = manualClock(Temporal.Instant.from('2026-03-02T00:00:00Z'));
let t: TestApp;
let app: App;
let org: SeededOrg;
let coordinator: Agent;
let clientId: string;

const mailsTo = (address: string, subject: RegExp) => mail.mailsTo(address, subject);

/** The message's invitation, parsed with ical.js as a calendar client would. */
function invitationOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part, 'a text/calendar part').toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    tzid: event.getFirstProperty('dtstart')!.getParameter('tzid'),
    partMethod: (part!.headers.get('content-type') as { params?: { method?: string } }).params?.method,
  };
}

beforeAll(async () => {
  mail = await startSmtpInbox();
  smtpUrl = mail.url;
  t = await startTestApp({
    clock: time.clock,
    invoiceWorker: false,
    config: { mail: { smtpUrl, from: 'Harbour Care <care@harbour.example.org>' } },
  });
  app = t.app;
  org = await seedOrg(t.db, 'Harbour');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  const client = await coordinator.post('/clients', {
    givenName: 'Grace',
    familyName: 'Harris',
    email: 'grace@clients.example.org',
    timeZone: 'Australia/Sydney',
  });
  expect(client.status, JSON.stringify(client.body)).toBe(201);
  clientId = client.body.id;
});

afterAll(async () => {
  await app?.close();
  await t?.close();
  await mail?.close();
});

describe('a client of the organisation hears of their booking', () => {
  it('is confirmed, told of a move with an updated invitation, reminded once across a restart, and cancelled', async () => {
    // Booked for Tuesday 10 March 2026, 09:00 in Sydney (AEDT, UTC+11) = 22:00 UTC on the 9th.
    const created = await coordinator.post(`/clients/${clientId}/service-orders`, {
      name: 'Home visit',
      bookingDate: '2026-03-10',
      startTime: '09:00',
      durationMinutes: 60,
      assignee: { type: 'staff', id: org.staffIds.worker },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const bookingId = created.body.id;

    const confirmation = await waitFor('the confirmation', () => mailsTo('grace@', /is booked/)[0]);
    expect(confirmation.subject).toContain('Tuesday 10 March 2026, 9:00 am Australia/Sydney time');
    expect(confirmation.text).toContain('Australia/Sydney time (AEDT)');
    const first = invitationOf(confirmation);
    expect(first).toMatchObject({
      method: 'REQUEST',
      uid: `${bookingId}@carebook`,
      status: 'CONFIRMED',
      tzid: 'Australia/Sydney',
      start: '2026-03-09T22:00:00.000Z',
    });
    expect(first.partMethod).toMatch(/^request$/i);
    // The same UID as the booking's iCalendar feed, so the calendar that imported it matches the two.
    expect(confirmation.messageId).toContain('confirmation');

    // Moved to Wednesday 11 March, 10:00 Sydney = 23:00 UTC on the 10th.
    const moved = await coordinator.patch(`/bookings/${bookingId}`, {
      bookingDate: '2026-03-11',
      startTime: '10:00',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const change = await waitFor('the change notice', () => mailsTo('grace@', /has changed/)[0]);
    expect(change.text).toContain('Wednesday 11 March 2026, 10:00 am Australia/Sydney time');
    expect(change.text).toContain('It was on Tuesday 10 March 2026, 9:00 am');
    const second = invitationOf(change);
    expect(second).toMatchObject({ method: 'REQUEST', uid: first.uid, start: '2026-03-10T23:00:00.000Z' });
    expect(second.sequence).toBeGreaterThan(first.sequence);

    // The reminder moved with the booking: 24 hours before the new start, in UTC; the old one is cancelled.
    const outbox = (await coordinator.get(`/outbox?bookingId=${bookingId}`)).body.items as {
      event: string;
      status: string;
      scheduledAt: string;
      attempts: number;
    }[];
    const reminders = outbox.filter((m) => m.event === 'reminder');
    expect(reminders.map((r) => [Temporal.Instant.from(r.scheduledAt).toString(), r.status]).sort()).toEqual([
      ['2026-03-08T22:00:00Z', 'cancelled'],
      ['2026-03-09T23:00:00Z', 'pending'],
    ]);
    expect(
      outbox.filter((m) => m.event !== 'reminder').every((m) => m.status === 'sent' && m.attempts === 1),
    ).toBe(true);

    // A minute before it is due, nothing is sent.
    const transports = notificationTransports(createMailer(smtpUrl, 'care@harbour.example.org'), {
      senderId: 'Harbour',
      log: () => {},
    });
    time.set(Temporal.Instant.from('2026-03-09T22:59:00Z'));
    expect(await dispatchDue(t.db, time.clock(), transports)).toMatchObject({ sent: 0 });

    // The server stops; while it is down the reminder falls due; the restarted server sends it, once.
    await app.close();
    time.set(Temporal.Instant.from('2026-03-09T23:00:30Z'));
    app = await buildApp({
      db: t.db,
      config: t.app.config,
      clock: time.clock,
      databaseUrl: t.databaseUrl,
      invoiceWorker: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    coordinator = await signedIn(
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      org.emails.coordinator,
    );
    const reminder = await waitFor('the reminder', () => mailsTo('grace@', /is coming up/)[0]);
    expect(reminder.text).toContain('Wednesday 11 March 2026, 10:00 am Australia/Sydney time');
    // Further dispatches, concurrent ones included, send nothing more.
    await app.jobs!.wake('notifications:dispatch');
    const again = await Promise.all([
      dispatchDue(t.db, time.clock(), transports),
      dispatchDue(t.db, time.clock(), transports),
    ]);
    expect(again.map((r) => r.sent)).toEqual([0, 0]);
    await waitFor('the reminder row to be sent', async () => {
      const rows = (await coordinator.get(`/outbox?bookingId=${bookingId}`)).body.items as typeof outbox;
      return rows.find((r) => r.event === 'reminder' && r.status === 'sent');
    });

    // Cancelled: METHOD:CANCEL, the same UID, a higher SEQUENCE, so the imported event is removed.
    const cancelled = await coordinator.post(`/bookings/${bookingId}/cancel`, {
      reason: 'Client in hospital',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const cancellation = await waitFor('the cancellation', () => mailsTo('grace@', /is cancelled/)[0]);
    expect(cancellation.text).toContain('Reason: Client in hospital');
    const third = invitationOf(cancellation);
    expect(third).toMatchObject({ method: 'CANCEL', uid: first.uid, status: 'CANCELLED' });
    expect(third.partMethod).toMatch(/^cancel$/i);
    expect(third.sequence).toBeGreaterThan(second.sequence);

    expect(mailsTo('grace@', /is coming up/)).toHaveLength(1);
    expect(mailsTo('grace@', /./)).toHaveLength(4);
  });

  it('follows preferences: a contact in their own zone, SMS after opt-in and outside quiet hours, and the per-booking choice', async () => {
    // The clock is now 10:00:30 in Sydney on Tuesday 10 March 2026 (23:00:30Z on the 9th).
    const tom = await coordinator.post('/clients', {
      givenName: 'Tom',
      familyName: 'Nguyen',
      email: 'tom@clients.example.org',
      phone: '0412 345 678',
      timeZone: 'Australia/Sydney',
    });
    const prefs = `/clients/${tom.body.id}/notification-preferences`;
    const refused = await coordinator.post(prefs, {
      recipient: 'contact',
      channel: 'email',
      email: 'x@y.org',
      optedIn: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({ field: 'contactName', reason: 'is required for a contact' });
    const contact = await coordinator.post(prefs, {
      recipient: 'contact',
      contactName: 'Linh Nguyen',
      channel: 'email',
      email: 'linh@family.example.org',
      timeZone: 'Australia/Perth',
      optedIn: true,
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    expect(contact.body.optedInAt).toBe('2026-03-09T23:00:30Z');
    const sms = await coordinator.post(prefs, {
      recipient: 'client',
      channel: 'sms',
      optedIn: true,
      quietStart: '09:00',
      quietEnd: '11:00',
    });
    expect(sms.status, JSON.stringify(sms.body)).toBe(201);

    // "Notify the client" unticked: nothing is written for this booking.
    const quiet = await coordinator.post(`/clients/${tom.body.id}/service-orders`, {
      name: 'Shopping',
      bookingDate: '2026-03-20',
      startTime: '09:00',
      durationMinutes: 60,
      notifyClient: false,
    });
    expect(quiet.status, JSON.stringify(quiet.body)).toBe(201);
    expect((await coordinator.get(`/outbox?bookingId=${quiet.body.id}`)).body.items).toEqual([]);

    const told = await coordinator.post(`/clients/${tom.body.id}/service-orders`, {
      name: 'Physio',
      bookingDate: '2026-03-20',
      startTime: '14:00',
      durationMinutes: 60,
    });
    expect(told.status, JSON.stringify(told.body)).toBe(201);
    const toContact = await waitFor('the contact’s confirmation', () => mailsTo('linh@', /is booked/)[0]);
    // Her own zone: 14:00 in Sydney is 11:00 in Perth.
    expect(toContact.subject).toBe(
      'Tom Nguyen’s Physio is booked: Friday 20 March 2026, 11:00 am Australia/Perth time (AWST)',
    );
    expect(invitationOf(toContact)).toMatchObject({
      method: 'REQUEST',
      uid: `${told.body.id}@carebook`,
      tzid: 'Australia/Perth',
    });
    await waitFor('the client’s confirmation', () => mailsTo('tom@', /is booked/)[0]);
    const rows = (await coordinator.get(`/outbox?bookingId=${told.body.id}`)).body.items as {
      event: string;
      channel: string;
      status: string;
      scheduledAt: string;
      ics: string | null;
    }[];
    // The SMS waits for the end of the client's quiet hours, 11:00 Sydney = 00:00Z; it carries no invitation.
    const text = rows.find((r) => r.channel === 'sms' && r.event === 'confirmation');
    expect(text).toMatchObject({ status: 'pending', scheduledAt: '2026-03-10T00:00:00Z', ics: null });
    // One reminder per recipient and channel, 24 hours before in UTC.
    expect(
      rows
        .filter((r) => r.event === 'reminder')
        .map((r) => [r.channel, r.scheduledAt])
        .sort(),
    ).toEqual([
      ['email', '2026-03-19T03:00:00Z'],
      ['email', '2026-03-19T03:00:00Z'],
      ['sms', '2026-03-19T03:00:00Z'],
    ]);
  });
});
