import type { Calendar } from '@event-calendar/core';
import type { SessionSummary } from '../sessions/sessions-api';
import { splitZoned } from './calendar-time';

/**
 * Group sessions the client attends that the bookings calendar did not list (it lists bookings by their lead
 * client), as events in the client's zone; their title says the group and its places.
 */
export function groupEvents(
  sessions: SessionSummary[],
  shown: Set<string>,
  clientId: string,
  zone: string,
): Calendar.EventInput[] {
  return sessions
    .filter((s) => s.category === 'group' && !shown.has(s.id))
    .map((s) => {
      const start = splitZoned(s.startsAt, zone);
      const end = splitZoned(s.endsAt, zone);
      const mine = s.clients.find((c) => c.id === clientId);
      const cancelled = mine?.status === 'cancelled';
      const places = `${s.placesTaken}${s.capacity ? `/${s.capacity}` : ''}`;
      const workers = s.workers.map((w) => w.name).join(', ') || 'Open shift';
      return {
        id: s.id,
        start: `${start.date}T${start.time}`,
        end: `${end.date}T${end.time}`,
        title: `${s.name} · ${places}`,
        classNames: [`status-${cancelled ? 'cancelled' : s.status}`, 'kind-group'],
        startEditable: false,
        durationEditable: false,
        extendedProps: {
          item: {
            id: s.id,
            name: `${s.name} · ${places}`,
            status: cancelled ? 'cancelled' : s.status,
            kind: s.seriesId ? 'scheduled' : 'adhoc',
            client: { id: clientId, name: '', timeZone: zone },
            staff: null,
            providerName: workers,
            serviceType: null,
            seriesId: s.seriesId,
            isException: false,
          },
        },
      } as Calendar.EventInput;
    });
}
