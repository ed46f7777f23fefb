import type { Calendar } from '@event-calendar/core';
import { useMemo } from 'react';
import { useAuth } from '../../auth/auth-context';
import { fullName } from '../../shared/format';
import type { SessionSummary } from '../sessions/sessions-api';
import { useSessionSummaries } from '../sessions/sessions-queries';
import { useCalendarBackground } from './calendar-background';
import { type SessionInfo, toCalendarEvent, UNASSIGNED_RESOURCE } from './calendar-events';
import type { CalendarFilterValues } from './calendar-filters';
import { rangeToInstants, wallClockOf } from './calendar-time';
import type { CalendarItem, CalendarQuery } from './scheduling-api';
import { useCalendar, useDeliveringStaff } from './scheduling-queries';
import { PROVIDER_RESOURCE } from './use-booking-drop';

export type VisibleRange = { start: Date; end: Date; view: string };

/** The rows an event sits in: each of its workers, the unassigned row, or external providers. */
function resourcesOf(item: CalendarItem, session: SessionInfo | undefined): string[] {
  if (session && session.workers.length > 1) return session.workers.map((worker) => worker.id);
  if (item.staff) return [item.staff.id];
  return [item.providerName ? PROVIDER_RESOURCE : UNASSIGNED_RESOURCE];
}

function matchesKind(
  item: CalendarItem,
  session: SessionInfo | undefined,
  kind: CalendarFilterValues['kind'],
) {
  if (kind === 'group') return session?.category === 'group';
  if (kind === 'individual') return session?.category !== 'group';
  if (kind === 'adhoc') return item.kind === 'adhoc';
  if (kind === 'scheduled') return item.kind === 'scheduled';
  return true;
}

function infoOf(summary: SessionSummary): SessionInfo {
  return {
    category: summary.category,
    capacity: summary.capacity,
    placesTaken: summary.placesTaken,
    clients: summary.clients,
    workers: summary.workers.filter((worker) => worker.status !== 'cancelled'),
  };
}

/**
 * Everything the sessions calendar shows for a range: bookings (times in the zone shown), joined with the
 * sessions list for each one's clients, workers and places; the worker rows; and the background events.
 */
export function useSessionsCalendarData(filters: CalendarFilterValues, range: VisibleRange | null) {
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const staff = useDeliveringStaff();
  const zone = filters.zone;
  const query: CalendarQuery | null = range
    ? {
        ...rangeToInstants(range.start, range.end, zone),
        zone,
        staffId: filters.staffIds.length ? filters.staffIds.join(',') : undefined,
        clientId: filters.clientId ?? undefined,
        serviceTypeId: filters.serviceTypeId ?? undefined,
        status: filters.statuses.length ? filters.statuses.join(',') : undefined,
      }
    : null;
  const calendar = useCalendar(query);
  const dates = range
    ? { from: wallClockOf(range.start).slice(0, 10), to: wallClockOf(range.end).slice(0, 10) }
    : null;
  // The sessions list is inclusive of its last date; the calendar's end is exclusive.
  const summaries = useSessionSummaries(dates ? { from: dates.from, to: dates.to } : null);
  const sessionInfo = useMemo(
    () => new Map((summaries.data ?? []).map((summary) => [summary.id, infoOf(summary)])),
    [summaries.data],
  );
  const items = useMemo(
    () =>
      (calendar.data?.items ?? []).filter((item) =>
        matchesKind(item, sessionInfo.get(item.id), filters.kind),
      ),
    [calendar.data, sessionInfo, filters.kind],
  );

  const resources = useMemo(() => {
    const rows = new Map<string, string>();
    const chosen = new Set(filters.staffIds);
    for (const member of staff.data?.items ?? [])
      if (member.active && (chosen.size === 0 || chosen.has(member.id)))
        rows.set(member.id, fullName(member));
    // Without access to the staff list, the rows come from the bookings themselves.
    for (const item of items) if (item.staff) rows.set(item.staff.id, item.staff.name);
    for (const item of items)
      for (const worker of sessionInfo.get(item.id)?.workers ?? []) rows.set(worker.id, worker.name);
    const list: Calendar.ResourceInput[] = [
      ...(chosen.size === 0 ? [{ id: UNASSIGNED_RESOURCE, title: 'Open shifts' }] : []),
      ...[...rows.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, title]) => ({ id, title })),
    ];
    if (items.some((item) => !item.staff && item.providerName))
      list.push({ id: PROVIDER_RESOURCE, title: 'External providers' });
    return list;
  }, [staff.data, items, sessionInfo, filters.staffIds]);

  const background = useCalendarBackground(
    dates,
    resources
      .map((r) => r.id as string)
      .filter((id) => id !== UNASSIGNED_RESOURCE && id !== PROVIDER_RESOURCE),
    can('bookings.read') || can('staff.manage'),
  );

  const events = useMemo(
    () => [
      ...items.map((item) => {
        const session = sessionInfo.get(item.id);
        return {
          ...toCalendarEvent(item),
          resourceIds: resourcesOf(item, session),
          // A session held by several workers is reassigned from its drawer, not by dragging one of its rows.
          startEditable: canWrite && item.status === 'booked' && (session?.workers.length ?? 0) <= 1,
          extendedProps: { item, session },
        };
      }),
      ...background,
    ],
    [items, sessionInfo, canWrite, background],
  );

  return { calendar, summaries, items, sessionInfo, resources, events };
}
