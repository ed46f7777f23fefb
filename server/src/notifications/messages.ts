import { Temporal } from 'temporal-polyfill';
import type { BookingNoticeEvent } from './notification.types.js';

export type MessageBooking = {
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  staffName: string | null;
  clientName: string;
  organisationName: string;
  cancellationReason: string | null;
};

export type MessageRecipient = { name: string; isClient: boolean; timeZone: string };

/**
 * A time as the recipient reads it, with the zone named ("Tuesday 3 March 2026, 9:00 am Australia/Sydney
 * time (AEDT)"): a client and a contact in another state must not guess whose 9 am it is.
 */
export function wallTime(instant: Temporal.Instant, zone: string): string {
  const zdt = instant.toZonedDateTimeISO(zone);
  const day = zdt.toLocaleString('en-AU', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = zdt.toLocaleString('en-AU', { hour: 'numeric', minute: '2-digit', hour12: true });
  const short = zdt
    .toLocaleString('en-AU', { timeZoneName: 'short' })
    .split(' ')
    .pop()
    ?.replace(/[^A-Za-z0-9+:-]/g, '');
  return `${day}, ${time.replace(/\s/g, ' ')} ${zone} time${short ? ` (${short})` : ''}`;
}

const LEAD: Record<BookingNoticeEvent, string> = {
  confirmation: 'is booked',
  change: 'has changed',
  cancellation: 'is cancelled',
  reminder: 'is coming up',
};

/** Subject and plain-text body of one message, every time in the recipient's zone with the zone named. */
export function composeMessage(
  event: BookingNoticeEvent,
  booking: MessageBooking,
  recipient: MessageRecipient,
  previousStart?: Temporal.Instant,
): { subject: string; body: string } {
  const zone = recipient.timeZone;
  const who = recipient.isClient ? 'Your' : `${booking.clientName}’s`;
  const when = wallTime(booking.startsAt, zone);
  const subject = `${who} ${booking.name} ${LEAD[event]}: ${when}`;
  const lines = [`Hello ${recipient.name},`, ''];
  if (event === 'confirmation') lines.push(`${who} ${booking.name} is booked for ${when}.`);
  if (event === 'change') {
    lines.push(`${who} ${booking.name} has changed. It is now on ${when}.`);
    if (previousStart) lines.push(`It was on ${wallTime(previousStart, zone)}.`);
  }
  if (event === 'cancellation') {
    lines.push(`${who} ${booking.name} on ${when} is cancelled.`);
    if (booking.cancellationReason) lines.push(`Reason: ${booking.cancellationReason}`);
  }
  if (event === 'reminder') lines.push(`A reminder: ${who.toLowerCase()} ${booking.name} is on ${when}.`);
  if (event !== 'cancellation') {
    lines.push(`It ends at ${wallTime(booking.endsAt, zone)}.`);
    if (booking.staffName) lines.push(`With: ${booking.staffName}`);
  }
  lines.push(
    '',
    event === 'cancellation'
      ? 'The attached calendar update removes it from your calendar.'
      : 'The attached invitation adds it to your calendar (or updates it there).',
    '',
    booking.organisationName,
  );
  return { subject, body: lines.join('\n') };
}

export type QuietHours = { start: string; end: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a message may go out given the recipient's quiet hours (wall clock in their zone; may wrap midnight).
 * Outside them: `at` itself. Inside: a message about something that happened is held until they end; a
 * reminder is brought forward to when they began, so it still arrives ahead of the booking. Never earlier than
 * `notBefore` (a reminder cannot be sent in the past: then it waits for the quiet hours to end).
 */
export function outsideQuietHours(
  at: Temporal.Instant,
  zone: string,
  quiet: QuietHours | null,
  direction: 'hold' | 'bring-forward',
  notBefore?: Temporal.Instant,
): Temporal.Instant {
  if (!quiet) return at;
  const zdt = at.toZonedDateTimeISO(zone);
  const now = zdt.hour * 60 + zdt.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wraps = start > end;
  const inside = wraps ? now >= start || now < end : now >= start && now < end;
  if (!inside) return at;
  const day = zdt.toPlainDate();
  // The quiet period containing `at` began on `day` (or the day before, after midnight) and ends on `day`
  // (or the day after, before midnight).
  const beganOn = wraps && now < end ? day.subtract({ days: 1 }) : day;
  const endsOn = wraps && now >= start ? day.add({ days: 1 }) : day;
  const atWall = (date: Temporal.PlainDate, minutes: number) =>
    date
      .toZonedDateTime({
        timeZone: zone,
        plainTime: Temporal.PlainTime.from({ hour: Math.floor(minutes / 60), minute: minutes % 60 }),
      })
      .toInstant();
  const ended = atWall(endsOn, end);
  if (direction === 'hold') return ended;
  const began = atWall(beganOn, start).subtract({ minutes: 1 });
  return notBefore && Temporal.Instant.compare(began, notBefore) < 0 ? ended : began;
}

export type LeaveMessage = {
  kind: 'leave_cancellation' | 'leave_restored';
  clientName: string;
  organisationName: string;
  leave: { label: string; startsOn: string; endsOn: string | null };
  visits: { name: string; startsAt: Temporal.Instant }[];
};

const longDate = (d: string) =>
  Temporal.PlainDate.from(d).toLocaleString('en-AU', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/**
 * One message about a client's leave, listing every visit it cancelled or gave back (a client going into
 * hospital wants one message, not one per visit), each time in the recipient's zone with the zone named.
 */
export function composeLeaveMessage(m: LeaveMessage, recipient: MessageRecipient) {
  const whose = recipient.isClient ? 'your' : `${m.clientName}’s`;
  const period = m.leave.endsOn
    ? `from ${longDate(m.leave.startsOn)} to ${longDate(m.leave.endsOn)}`
    : `from ${longDate(m.leave.startsOn)} until further notice`;
  const n = m.visits.length;
  const visits = `${n} visit${n === 1 ? '' : 's'}`;
  const subject =
    m.kind === 'leave_cancellation'
      ? `${n === 1 ? 'A visit' : `${visits}`} cancelled during ${whose} ${m.leave.label} leave`
      : `${n === 1 ? 'A visit is' : `${visits} are`} back on after ${whose} ${m.leave.label} leave`;
  const lines = [`Hello ${recipient.name},`, ''];
  lines.push(
    m.kind === 'leave_cancellation'
      ? `While ${recipient.isClient ? 'you are' : `${m.clientName} is`} on ${m.leave.label} leave (${period}), these visits are cancelled:`
      : `${recipient.isClient ? 'Your' : `${m.clientName}’s`} ${m.leave.label} leave has changed, so these visits are on again:`,
    '',
  );
  for (const v of [...m.visits].sort((a, b) => Temporal.Instant.compare(a.startsAt, b.startsAt)))
    lines.push(`- ${v.name}: ${wallTime(v.startsAt, recipient.timeZone)}`);
  lines.push(
    '',
    m.kind === 'leave_cancellation'
      ? 'If you added these visits to a calendar from our invitations, please remove them there; a calendar subscribed to our feed updates itself.'
      : 'A reminder will come before each visit as usual.',
    '',
    m.organisationName,
  );
  return { subject, body: lines.join('\n') };
}
