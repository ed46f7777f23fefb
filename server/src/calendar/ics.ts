import { Temporal } from 'temporal-polyfill';
import { wallClockOf } from '../shared/time/calendar-times.js';
import { epochSecondOf } from '../shared/time/civil-date.js';
import { epochToLocal, isAmbiguousLocal } from '../shared/time/zone-offset.js';

export type FeedEvent = {
  uid: string;
  sequence: number;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  summary: string;
  description: string | null;
  cancelled: boolean;
  /** Cancelled because the client is on leave: the description says "Suspended (leave)", not a cancellation. */
  suspendedByLeave?: boolean;
  updatedAt: Temporal.Instant;
};

/** What a feed's DESCRIPTION says: a visit suspended by the client's leave says so first. */
export function eventDescription(e: Pick<FeedEvent, 'description' | 'suspendedByLeave'>): string | null {
  if (!e.suspendedByLeave) return e.description;
  const why = 'Suspended (leave): the client is on leave, so this visit will not go ahead.';
  return e.description ? `${why}\n\n${e.description}` : why;
}
/** The UID of a booking's VEVENT, in feeds and in e-mailed invitations alike (a calendar matches them on it). */
export const bookingUid = (bookingId: string) => `${bookingId}@carebook`;

/** RFC 5545 §3.3.11 text escaping. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 sequence. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basic = (local: Temporal.PlainDateTime) =>
  local.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
const utc = (i: Temporal.Instant) => i.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

function offset(nanos: number): string {
  const total = Math.round(nanos / 1e9);
  const sign = total < 0 ? '-' : '+';
  const abs = Math.abs(total);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${sign}${hh}${mm}`;
}

/**
 * A VTIMEZONE for `zone` covering [from, to): one STANDARD/DAYLIGHT observance per actual transition, taken
 * from the same time-zone data the server computes with, so the calendar client and Carebook agree.
 */
export function vtimezone(zone: string, from: Temporal.Instant, to: Temporal.Instant): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let zdt = from.toZonedDateTimeISO(zone);
  const observance = (
    kind: 'STANDARD' | 'DAYLIGHT',
    start: Temporal.PlainDateTime,
    fromOffset: number,
    toOffset: number,
  ) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${basic(start)}`,
      `TZOFFSETFROM:${offset(fromOffset)}`,
      `TZOFFSETTO:${offset(toOffset)}`,
      `END:${kind}`,
    );
  };
  // The first observance is labelled by what the offset in force is: summer time when the next change goes
  // back (or, with no change ahead in the range, the last one went forward).
  const firstNext = zdt.getTimeZoneTransition('next');
  const firstPrevious = zdt.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  const inSummer =
    firstNext && Temporal.Instant.compare(firstNext.toInstant(), to) < 0
      ? firstNext.offsetNanoseconds < zdt.offsetNanoseconds
      : firstPrevious !== null &&
        firstPrevious.subtract({ nanoseconds: 1 }).offsetNanoseconds < zdt.offsetNanoseconds;
  observance(
    inSummer ? 'DAYLIGHT' : 'STANDARD',
    zdt
      .toPlainDateTime()
      .with({ hour: 0, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 }),
    zdt.offsetNanoseconds,
    zdt.offsetNanoseconds,
  );
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || Temporal.Instant.compare(next.toInstant(), to) >= 0) break;
    const before = next.subtract({ nanoseconds: 1 }).offsetNanoseconds;
    const after = next.offsetNanoseconds;
    // DTSTART is the transition's wall time in the offset that was in force before it.
    const start = next.toInstant().toZonedDateTimeISO('UTC').toPlainDateTime().add({ nanoseconds: before });
    observance(
      after > before ? 'DAYLIGHT' : 'STANDARD',
      start.round({ smallestUnit: 'second' }),
      before,
      after,
    );
    zdt = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * A date-time property: local time with TZID, except when that wall-clock time happens twice (the repeated hour
 * of a fall-back night), which readers resolve differently (some take the first pass, some the second): then
 * it is written in UTC, so every reader reads the same instant and an end never reads before its start.
 */
function dateTime(name: string, instant: Temporal.Instant, zone: string): string {
  const epoch = epochSecondOf(instant);
  const local = epochToLocal(zone, epoch);
  if (isAmbiguousLocal(zone, local)) return `${name}:${utc(instant)}`;
  const { wallClock, second } = wallClockOf(local);
  return `${name};TZID=${zone}:${wallClock.replace(/[-:]/g, '')}${String(second).padStart(2, '0')}`;
}

/** A whole iCalendar feed: one VEVENT per booking with a stable UID and a SEQUENCE that grows on each change. */
export function calendarFeed(name: string, events: readonly FeedEvent[], now: Temporal.Instant): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Carebook//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
  ];
  const zones = new Map<string, { from: Temporal.Instant; to: Temporal.Instant }>();
  for (const e of events) {
    const range = zones.get(e.timeZone);
    zones.set(e.timeZone, {
      from: range && Temporal.Instant.compare(range.from, e.startsAt) <= 0 ? range.from : e.startsAt,
      to: range && Temporal.Instant.compare(range.to, e.endsAt) >= 0 ? range.to : e.endsAt,
    });
  }
  for (const [zone, range] of zones)
    lines.push(
      ...vtimezone(zone, range.from.subtract({ hours: 24 * 366 }), range.to.add({ hours: 24 * 366 })),
    );
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utc(now)}`,
      `LAST-MODIFIED:${utc(e.updatedAt)}`,
      `SEQUENCE:${e.sequence}`,
      dateTime('DTSTART', e.startsAt, e.timeZone),
      dateTime('DTEND', e.endsAt, e.timeZone),
      `SUMMARY:${text(e.summary)}`,
      ...(eventDescription(e) ? [`DESCRIPTION:${text(eventDescription(e)!)}`] : []),
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export type Invitation = FeedEvent & {
  method: 'REQUEST' | 'CANCEL';
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
};

/**
 * One e-mailed invitation (RFC 5546 iTIP): METHOD:REQUEST for a new or changed booking, METHOD:CANCEL (with
 * STATUS:CANCELLED) for a cancelled one, the feed's UID and a SEQUENCE above every earlier invitation's, so a
 * calendar that imported the first updates or removes that event instead of adding another.
 */
export function invitation(i: Invitation, now: Temporal.Instant): string {
  const cancel = i.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Carebook//Invitation//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${i.method}`,
    ...vtimezone(i.timeZone, i.startsAt.subtract({ hours: 24 * 366 }), i.endsAt.add({ hours: 24 * 366 })),
    'BEGIN:VEVENT',
    `UID:${i.uid}`,
    `DTSTAMP:${utc(now)}`,
    `LAST-MODIFIED:${utc(i.updatedAt)}`,
    `SEQUENCE:${i.sequence}`,
    dateTime('DTSTART', i.startsAt, i.timeZone),
    dateTime('DTEND', i.endsAt, i.timeZone),
    `SUMMARY:${text(i.summary)}`,
    ...(i.description ? [`DESCRIPTION:${text(i.description)}`] : []),
    `ORGANIZER;CN=${param(i.organizer.name)}:mailto:${i.organizer.email}`,
    `ATTENDEE;CN=${param(i.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${i.attendee.email}`,
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** A parameter value (RFC 5545 §3.2): quoted, with the characters a quoted value cannot hold removed. */
const param = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/**
 * An invitation with the event's LOCATION (a video meeting's link, say) added before its END:VEVENT, folded
 * like every other line; the rest of the invitation is unchanged.
 */
export function withLocation(ics: string, location: string): string {
  return ics.replace('\r\nEND:VEVENT\r\n', `\r\n${fold(`LOCATION:${text(location)}`)}\r\nEND:VEVENT\r\n`);
}
