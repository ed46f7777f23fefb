import { Temporal } from 'temporal-polyfill';
import { wallToInstant } from '../availability/slot-search.js';
import type { Approach, Attendance } from './rebooking-tables.types.js';

/**
 * The rebooking wizard's rules, pure: whether the approach fits the time (manual: the future; retrospective: a
 * session already begun, entered within the organisation's window), which work schedule line covers the time,
 * the daylight-saving warning, and a Jitsi meeting link. "Now", zones and randomness come in as arguments.
 */

export const DEFAULT_RETROSPECTIVE_DAYS = 30;

export function approachProblem(a: {
  approach: Approach;
  startsAt: Temporal.Instant;
  now: Temporal.Instant;
  clientZone: string;
  retrospectiveDays: number;
}): string | null {
  const started = Temporal.Instant.compare(a.startsAt, a.now) <= 0;
  if (a.approach === 'manual')
    return started
      ? 'A manual booking is for a future time: choose "retrospective" for a session that already happened'
      : null;
  if (!started)
    return 'A retrospective entry is for a session that already happened: choose "manual" instead';
  const today = a.now.toZonedDateTimeISO(a.clientZone).toPlainDate();
  const day = a.startsAt.toZonedDateTimeISO(a.clientZone).toPlainDate();
  const age = day.until(today, { largestUnit: 'days' }).days;
  if (age > a.retrospectiveDays)
    return `A session can be entered retrospectively up to ${a.retrospectiveDays} days after it; this one was ${age} days ago`;
  return null;
}

/**
 * Who else attends: an individual session has nobody else, a couple session one other person, a family or
 * group session at least one.
 */
export function attendanceProblem(attendance: Attendance, others: number): string | null {
  if (attendance === 'individual')
    return others === 0
      ? null
      : 'an individual session has no other participants: choose couple, family or group';
  if (attendance === 'couple')
    return others === 1 ? null : `a couple session has one other participant, not ${others}`;
  return others >= 1 ? null : `a ${attendance} session needs at least one other participant`;
}

export type Line = { weekday: number; startsAt: string; endsAt: string };

/** The line whose occurrence (wall clock in the associate's zone) holds the whole session, if any. */
export function lineCovering<L extends Line>(
  lines: readonly L[],
  startsAt: Temporal.Instant,
  endsAt: Temporal.Instant,
  staffZone: string,
): L | undefined {
  const day = startsAt.toZonedDateTimeISO(staffZone).toPlainDate();
  return lines.find(
    (l) =>
      l.weekday === day.dayOfWeek &&
      Temporal.Instant.compare(wallToInstant(day, l.startsAt, staffZone), startsAt) <= 0 &&
      Temporal.Instant.compare(endsAt, wallToInstant(day, l.endsAt, staffZone)) <= 0,
  );
}

/** A Jitsi room nobody can guess: 128 random bits, hex. Jitsi needs no account to open it. */
export function jitsiLink(random: Uint8Array): string {
  if (random.length < 16) throw new Error('jitsiLink: needs at least 16 random bytes');
  const hex = Array.from(random.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `https://meet.jit.si/carebook-${hex}`;
}

export type ZoneChange = {
  who: 'client' | 'associate';
  zone: string;
  /** The local date in that zone when its clocks change. */
  changesOn: string;
  direction: 'forward' | 'back';
};
export type DstWarning = {
  since: 'now' | 'previous_session';
  changes: ZoneChange[];
  /** The session's start in the client's zone (fixed: sessions are booked in the client's time). */
  clientTime: string;
  /** The associate's time now, and what it would have been at `since`'s offsets. */
  associateTime: string;
  associateTimeBefore: string;
  message: string;
};

const longDate = (d: string) =>
  Temporal.PlainDate.from(d).toLocaleString('en-AU', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
const hhmm = (z: Temporal.ZonedDateTime) => z.toPlainTime().toString({ smallestUnit: 'minute' });

/** The first change of clocks in `zone` after `from` and no later than `until`. */
function changeBetween(zone: string, from: Temporal.Instant, until: Temporal.Instant) {
  const next = from.toZonedDateTimeISO(zone).getTimeZoneTransition('next');
  if (!next || Temporal.Instant.compare(next.toInstant(), until) > 0) return null;
  const before = next.toInstant().subtract({ nanoseconds: 1 }).toZonedDateTimeISO(zone);
  return {
    changesOn: next.toPlainDate().toString(),
    direction: next.offsetNanoseconds > before.offsetNanoseconds ? ('forward' as const) : ('back' as const),
  };
}

/**
 * Warns when either party's zone changes daylight saving between `since` (now, or the previous session) and the
 * session: the session keeps its time in the client's zone, so where the two zones' difference changes the
 * associate's time moves ("this will be 13:00 for you, not 12:00"); where it does not, both are told to check
 * their calendars. No warning when neither zone changes.
 */
export function dstWarnings(a: {
  startsAt: Temporal.Instant;
  now: Temporal.Instant;
  previousStartsAt: Temporal.Instant | null;
  clientZone: string;
  staffZone: string;
}): DstWarning[] {
  const refs: [DstWarning['since'], Temporal.Instant][] = [['now', a.now]];
  if (a.previousStartsAt && Temporal.Instant.compare(a.previousStartsAt, a.startsAt) < 0)
    refs.push(['previous_session', a.previousStartsAt]);
  const zones: [ZoneChange['who'], string][] =
    a.clientZone === a.staffZone
      ? [['client', a.clientZone]]
      : [
          ['client', a.clientZone],
          ['associate', a.staffZone],
        ];
  const out: DstWarning[] = [];
  for (const [since, ref] of refs) {
    if (Temporal.Instant.compare(ref, a.startsAt) >= 0) continue;
    const changes: ZoneChange[] = [];
    for (const [who, zone] of zones) {
      const c = changeBetween(zone, ref, a.startsAt);
      if (c) changes.push({ who, zone, ...c });
    }
    if (changes.length === 0) continue;
    const client = a.startsAt.toZonedDateTimeISO(a.clientZone);
    const staff = a.startsAt.toZonedDateTimeISO(a.staffZone);
    // The client's wall time read with both zones' offsets at `since`: what the associate would have expected.
    const before = client
      .toPlainDateTime()
      .toZonedDateTime(ref.toZonedDateTimeISO(a.clientZone).offset)
      .toInstant()
      .toZonedDateTimeISO(ref.toZonedDateTimeISO(a.staffZone).offset);
    const associateTime = hhmm(staff);
    const associateTimeBefore = hhmm(before);
    const when = since === 'now' ? 'today' : 'at the previous session';
    const what = changes
      .map((c) => `${c.zone} moves its clocks ${c.direction} on ${longDate(c.changesOn)}`)
      .join(' and ');
    const unchanged = zones.filter(([, z]) => !changes.some((c) => c.zone === z)).map(([, z]) => z);
    const tail = unchanged.length ? ` and ${unchanged.join(', ')} does not` : '';
    const message =
      associateTime !== associateTimeBefore
        ? `This will be ${associateTime} for you (${a.staffZone}), not ${associateTimeBefore} as ${when}: ${what}${tail}. The client's time stays ${hhmm(client)} (${a.clientZone}).`
        : `${what}${tail} before this session: it stays ${hhmm(client)} for the client and ${associateTime} for you, but check both calendars show it so.`;
    out.push({ since, changes, clientTime: hhmm(client), associateTime, associateTimeBefore, message });
  }
  return out;
}
