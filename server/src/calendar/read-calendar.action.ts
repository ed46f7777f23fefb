import { Temporal } from 'temporal-polyfill';
import { type Actor, can } from '../identity/actor.js';
import { organisationTimeZone } from '../identity/organisation.store.js';
import type { Tx } from '../platform/db/database.js';
import { invalid } from '../shared/domain-error.js';
import { calendarTimes } from '../shared/time/calendar-times.js';
import { calendarEvents } from './calendar.store.js';

export type CalendarStatus = 'booked' | 'completed' | 'cancelled';
export type CalendarQuery = {
  from: Temporal.Instant;
  to: Temporal.Instant;
  zone?: string;
  staffIds?: string[];
  unassignedOnly: boolean;
  clientId?: string;
  serviceTypeId?: string;
  statuses?: CalendarStatus[];
};

const MAX_DAYS = 100;
const LIMIT = 5000;

/**
 * Bookings overlapping [from, to) as the calendar shows them, times in the requested zone (the organisation's
 * by default). Visibility: without bookings.read a worker sees only their own appointments, whatever the filter
 * says, and never the unassigned ones.
 */
export async function readCalendar(tx: Tx, actor: Actor, q: CalendarQuery) {
  if (Temporal.Instant.compare(q.to, q.from) <= 0) throw invalid('to', 'must be after from');
  if (q.from.until(q.to).total('hours') > MAX_DAYS * 24)
    throw invalid('to', `must be at most ${MAX_DAYS} days after from`);
  const zone = q.zone ?? (await organisationTimeZone(tx, actor.organisationId));
  const mayReadAll = can(actor, 'bookings.read');
  const rows = await calendarEvents(tx, actor.organisationId, {
    from: q.from,
    to: q.to,
    staffIds: mayReadAll ? q.staffIds : [actor.staffId],
    unassignedOnly: q.unassignedOnly && mayReadAll,
    clientId: q.clientId,
    serviceTypeId: q.serviceTypeId,
    statuses: q.statuses,
    limit: LIMIT + 1,
  });
  return {
    timeZone: zone,
    truncated: rows.length > LIMIT,
    items: rows.slice(0, LIMIT).map((r) => {
      const start = calendarTimes(zone, r.startsEpoch);
      const end = calendarTimes(zone, r.endsEpoch);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        status: r.status,
        suspendedByLeave: r.status === 'cancelled' && r.clientStatus === 'suspended',
        start: start.wallClock,
        end: end.wallClock,
        startsAt: start.withOffset,
        endsAt: end.withOffset,
        client: { id: r.clientId, name: r.clientName, timeZone: r.clientTimeZone },
        staff: r.staffId ? { id: r.staffId, name: r.staffName ?? '' } : null,
        providerName: r.providerName,
        serviceType: r.serviceTypeId
          ? { id: r.serviceTypeId, name: r.serviceTypeName ?? '', colour: r.colour ?? '#0b7a75' }
          : null,
        seriesId: r.seriesId,
        isException: r.isException,
      };
    }),
  };
}
