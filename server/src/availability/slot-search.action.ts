import { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { publicHolidays } from '../shared/public-holidays.js';
import { findSlots, localOf, searchDays, wallToInstant } from './slot-search.js';
import { schedulesOf, slotSearchData, staffScheduleContext } from './work-schedule.store.js';
import { workSchedules } from './work-schedules.action.js';

export type SlotQuery = {
  durationMinutes: number;
  days: number;
  stepMinutes: number;
  clientId?: string | undefined;
};

/**
 * The times an associate is "Available" from now for `days` days: their active schedules' lines minus their
 * bookings, breaks, leave and the public holidays of their region; each shown in their zone and the client's.
 */
export async function availableSlots(
  tx: Tx,
  actor: Actor,
  staffId: string,
  q: SlotQuery,
  now: Temporal.Instant,
) {
  await workSchedules(tx, actor, staffId); // the same visibility as the schedules themselves
  const staff = await staffScheduleContext(tx, actor.organisationId, staffId);
  if (!staff) throw notFound('Staff member');
  const client = q.clientId ? await findClientZone(tx, actor.organisationId, q.clientId) : undefined;
  if (q.clientId && !client) throw notFound('Client');
  const days = searchDays(now, staff.timeZone, q.days);
  const first = (days[0] as Temporal.PlainDate).toString();
  const last = (days[days.length - 1] as Temporal.PlainDate).toString();
  const horizon = wallToInstant(Temporal.PlainDate.from(last), '24:00', staff.timeZone);
  const data = await slotSearchData(tx, actor.organisationId, staffId, now, horizon, first);
  const holidays = publicHolidays(staff.holidayRegion, first, last);
  const blockedDays = new Set(holidays.map((h) => h.date));
  for (const l of data.leave)
    for (
      let d = Temporal.PlainDate.from(l.startsOn > first ? l.startsOn : first);
      d.toString() <= l.endsOn && d.toString() <= last;
      d = d.add({ days: 1 })
    )
      blockedDays.add(d.toString());
  const slots = findSlots({
    timeZone: staff.timeZone,
    now,
    days: q.days,
    durationMinutes: q.durationMinutes,
    stepMinutes: q.stepMinutes,
    lines: data.lines,
    busy: data.busy,
    breaks: data.breaks,
    blockedDays,
  });
  const schedules = new Map((await schedulesOf(tx, actor.organisationId, staffId)).map((s) => [s.id, s]));
  const clientZone = client?.timeZone ?? null;
  return {
    staffTimeZone: staff.timeZone,
    clientTimeZone: clientZone,
    holidayRegion: staff.holidayRegion,
    from: first,
    to: last,
    holidays,
    items: slots.map((s) => {
      const schedule = schedules.get(s.scheduleId);
      return {
        scheduleId: s.scheduleId,
        scheduleName: schedule?.name ?? '',
        scheduleType: schedule?.type ?? 'adhoc',
        payRateMinor: schedule?.payRateMinor ?? null,
        startsAt: s.start.toString(),
        endsAt: s.end.toString(),
        staffLocal: localOf(s.start, staff.timeZone),
        clientLocal: clientZone ? localOf(s.start, clientZone) : null,
      };
    }),
  };
}
