import type { Calendar } from '@event-calendar/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Temporal } from 'temporal-polyfill';
import { api } from '../../api/api-client';
import type { ResponseBody } from '../../api/types';

type CalendarDay = ResponseBody<'/api/v1/calendar-days', 'get'>['items'][number];
type StaffLeave = ResponseBody<'/api/v1/staff/{id}/leave', 'get'>['items'][number];

/** The day after a local date: background events end exclusively. */
const nextDay = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

/**
 * Public holidays (every row) and staff leave (the staff member's row) as background events for the visible
 * dates. Leave is read per staff member shown (the API has no organisation-wide leave list), and only by
 * someone allowed to read it; a failure leaves the background empty rather than the calendar broken.
 */
export function useCalendarBackground(
  range: { from: string; to: string } | null,
  staffIds: string[],
  canReadLeave: boolean,
): Calendar.EventInput[] {
  const holidays = useQuery({
    queryKey: ['calendar-days', range?.from, range?.to],
    queryFn: () => api.get<{ items: CalendarDay[] }>('/calendar-days', { from: range!.from, to: range!.to }),
    enabled: range !== null,
    staleTime: 10 * 60_000,
  });
  const leave = useQueries({
    queries: (canReadLeave ? staffIds : []).map((staffId) => ({
      queryKey: ['staff-leave', staffId],
      queryFn: () => api.get<{ items: StaffLeave[] }>(`/staff/${encodeURIComponent(staffId)}/leave`),
      staleTime: 5 * 60_000,
    })),
  });

  const events: Calendar.EventInput[] = [];
  const seen = new Set<string>();
  for (const day of holidays.data?.items ?? []) {
    // One band per date, whichever regions name it.
    if (day.kind !== 'public_holiday' || seen.has(day.date)) continue;
    seen.add(day.date);
    events.push({
      id: `holiday-${day.date}`,
      start: day.date,
      end: nextDay(day.date),
      allDay: true,
      display: 'background',
      title: day.name,
      classNames: ['bg-holiday'],
      extendedProps: { background: `Public holiday: ${day.name}` },
    } as Calendar.EventInput);
  }
  leave.forEach((result, index) => {
    const staffId = staffIds[index]!;
    for (const item of result.data?.items ?? []) {
      if (range && (item.endsOn < range.from || item.startsOn > range.to)) continue;
      events.push({
        id: `leave-${item.id}`,
        start: item.startsOn,
        end: nextDay(item.endsOn),
        allDay: true,
        display: 'background',
        resourceIds: [staffId],
        title: 'On leave',
        classNames: ['bg-leave'],
        extendedProps: { background: `On leave${item.reason ? `: ${item.reason}` : ''}` },
      } as Calendar.EventInput);
    }
  });
  return events;
}
