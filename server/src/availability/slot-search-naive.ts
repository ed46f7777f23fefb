import { Temporal } from 'temporal-polyfill';
import { type Slot, type SlotSearchInput, searchDays, wallToInstant } from './slot-search.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The minute-by-minute reference for `findSlots`: it marks every minute of the search as free or taken by
 * checking each booking and break in turn, then tries every grid start of every line minute by minute. Slow on
 * purpose and obviously right: it is the oracle of the property tests and the peer of the benchmark. It expects
 * bookings and breaks on whole minutes (as they are stored).
 */
export function naiveSlots(input: SlotSearchInput): Slot[] {
  const duration = Math.trunc(input.durationMinutes);
  const step = Math.trunc(input.stepMinutes);
  if (!(duration >= 1) || !(step >= 1)) return [];
  const days = searchDays(input.now, input.timeZone, input.days);
  if (days.length === 0) return [];
  const origin = wallToInstant(days[0] as Temporal.PlainDate, '00:00', input.timeZone);
  const horizon = wallToInstant(days[days.length - 1] as Temporal.PlainDate, '24:00', input.timeZone);
  const minutes = Math.round(origin.until(horizon).total('minutes'));
  const periods = [
    ...input.busy,
    ...input.breaks
      .filter((b) => b.startsOn <= b.endsOn)
      .map((b) => {
        const part =
          b.fromTime !== null &&
          b.toTime !== null &&
          TIME.test(b.fromTime) &&
          (b.toTime === '24:00' || TIME.test(b.toTime));
        return {
          start: wallToInstant(
            Temporal.PlainDate.from(b.startsOn),
            part ? (b.fromTime as string) : '00:00',
            input.timeZone,
          ),
          end: wallToInstant(
            Temporal.PlainDate.from(b.endsOn),
            part ? (b.toTime as string) : '24:00',
            input.timeZone,
          ),
        };
      }),
  ];
  const free: boolean[] = [];
  for (let m = 0; m < minutes; m++) {
    const a = origin.add({ minutes: m });
    const b = a.add({ minutes: 1 });
    free.push(
      !periods.some(
        (p) => Temporal.Instant.compare(p.start, b) < 0 && Temporal.Instant.compare(a, p.end) < 0,
      ),
    );
  }
  const slots: Slot[] = [];
  for (const day of days) {
    if (input.blockedDays.has(day.toString())) continue;
    for (const line of input.lines) {
      if (line.weekday !== day.dayOfWeek) continue;
      if (!Number.isInteger(line.weekday) || !TIME.test(line.startsAt)) continue;
      if (!(line.endsAt === '24:00' || TIME.test(line.endsAt))) continue;
      if (line.endsAt <= line.startsAt) continue;
      const lineStart = wallToInstant(day, line.startsAt, input.timeZone);
      const lineEnd = wallToInstant(day, line.endsAt, input.timeZone);
      for (let s = lineStart; ; s = s.add({ minutes: step })) {
        const e = s.add({ minutes: duration });
        if (Temporal.Instant.compare(e, lineEnd) > 0) break;
        if (Temporal.Instant.compare(s, input.now) < 0) continue;
        const first = Math.round(origin.until(s).total('minutes'));
        let ok = true;
        for (let m = first; m < first + duration; m++) if (!free[m]) ok = false;
        if (ok && !slots.some((x) => x.scheduleId === line.scheduleId && x.start.equals(s)))
          slots.push({ scheduleId: line.scheduleId, start: s, end: e });
      }
    }
  }
  return slots.sort(
    (a, b) =>
      Temporal.Instant.compare(a.start, b.start) ||
      (a.scheduleId < b.scheduleId ? -1 : a.scheduleId > b.scheduleId ? 1 : 0),
  );
}
