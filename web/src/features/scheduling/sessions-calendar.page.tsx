import { type Calendar, DayGrid, Interaction, ResourceTimeline } from '@event-calendar/core';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth, useMe } from '../../auth/auth-context';
import { fullName } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { BookingDrawer } from '../bookings/booking-drawer';
import { bookingKeys } from '../bookings/bookings-queries';
import { ConflictAlert } from '../bookings/conflict-alert';
import { useCalendarBackground } from './calendar-background';
import {
  BUTTON_TEXT,
  type SessionInfo,
  sessionEventContent,
  toCalendarEvent,
  UNASSIGNED_RESOURCE,
} from './calendar-events';
import { CalendarFilters, type CalendarFilterValues } from './calendar-filters';
import { dayScrollTime } from './calendar-scroll';
import { rangeToInstants, wallClockOf } from './calendar-time';
import { EventCalendar } from './event-calendar';
import { MoveBookingModal } from './move-booking-modal';
import type { CalendarItem, CalendarQuery } from './scheduling-api';
import { useCalendar, useDeliveringStaff } from './scheduling-queries';
import { PROVIDER_RESOURCE, useBookingDrop } from './use-booking-drop';

const PLUGINS = [ResourceTimeline, DayGrid, Interaction];
type View = 'resourceTimelineDay' | 'resourceTimelineWeek' | 'dayGridMonth';
const VIEWS: View[] = ['resourceTimelineDay', 'resourceTimelineWeek', 'dayGridMonth'];

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

/**
 * The sessions calendar: every booking and group session by worker. Day: a timeline from the current time or
 * the first booking; week: a worker × day grid of event cards; month: a grid of days. Drag a booking to move or
 * reassign it (asked first; a one-off move can be undone).
 */
export function SessionsCalendarPage() {
  const me = useMe();
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<CalendarFilterValues>({
    zone: me.timeZone,
    staffIds: [],
    clientId: null,
    clientName: null,
    serviceTypeId: null,
    statuses: ['booked', 'completed'],
    kind: null,
  });
  const zone = filters.zone;
  const [range, setRange] = useState<{ start: Date; end: Date; view: string } | null>(null);
  const staff = useDeliveringStaff();

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
  const sessionInfo = useMemo(() => new Map<string, SessionInfo>(), []);
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
    const list: Calendar.ResourceInput[] = [
      ...(chosen.size === 0 ? [{ id: UNASSIGNED_RESOURCE, title: 'Open shifts' }] : []),
      ...[...rows.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, title]) => ({ id, title })),
    ];
    if (items.some((item) => !item.staff && item.providerName))
      list.push({ id: PROVIDER_RESOURCE, title: 'External providers' });
    return list;
  }, [staff.data, items, filters.staffIds]);

  const visibleDates = range
    ? { from: wallClockOf(range.start).slice(0, 10), to: wallClockOf(range.end).slice(0, 10) }
    : null;
  const background = useCalendarBackground(
    visibleDates,
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

  const openBookingId = params.get('booking');
  /** ?date=YYYY-MM-DD opens the calendar on that day, ?view=week|month in that view (read once). */
  const [initial] = useState(() => ({
    date: params.get('date'),
    view: VIEWS.find((v) => v.toLowerCase().includes(params.get('view') ?? '-')) ?? 'resourceTimelineDay',
  }));
  const openBooking = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('booking', id);
        else next.delete('booking');
        return next;
      },
      { replace: !id },
    );

  const refresh = () => queryClient.invalidateQueries({ queryKey: bookingKeys.all });
  const drop = useBookingDrop({
    zone,
    staffLabel: (id) => (resources.find((r) => r.id === id)?.title as string | undefined) ?? null,
    refresh,
  });
  const scrollTime =
    range?.view === 'resourceTimelineDay'
      ? dayScrollTime(wallClockOf(range.start).slice(0, 10), zone, items)
      : '07:00:00';

  return (
    <Stack gap="md">
      <PageHeader
        title="Bookings calendar"
        description="Every booking and group session by worker. Drag a booking to another time or row to move or reassign it."
      />
      <CalendarFilters value={filters} onChange={setFilters} />
      {calendar.isError ? (
        <ProblemAlert error={calendar.error} title="The calendar couldn't be loaded" />
      ) : null}
      {calendar.data?.truncated ? (
        <Text size="sm" c="red.9">
          Too many bookings to show at once: narrow the filters.
        </Text>
      ) : null}
      {drop.conflict ? (
        <div>
          <ConflictAlert error={drop.conflict} />
          <Button size="xs" variant="subtle" mt={4} onClick={drop.clearConflict}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <EventCalendar
        plugins={PLUGINS}
        label="Bookings calendar"
        testId="sessions-calendar"
        className={`sessions-calendar view-${range?.view ?? initial.view}`}
        options={{
          view: initial.view,
          ...(initial.date ? { date: initial.date } : {}),
          timeZone: 'UTC',
          height: 'auto',
          firstDay: 1,
          locale: 'en-AU',
          scrollTime,
          slotDuration: '00:30:00',
          slotWidth: 48,
          snapDuration: '00:15:00',
          nowIndicator: false,
          headerToolbar: {
            start: 'prev,next today',
            center: 'title',
            end: 'resourceTimelineDay,resourceTimelineWeek,dayGridMonth',
          },
          buttonText: (text) => ({ ...text, ...BUTTON_TEXT }),
          eventTimeFormat: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
          slotLabelFormat: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
          dayMaxEvents: true,
          views: {
            // One column per day, the day's bookings stacked as cards in each worker's row.
            resourceTimelineWeek: {
              slotDuration: { days: 1 },
              slotWidth: 128,
              snapDuration: { days: 1 },
              slotLabelFormat: { weekday: 'short', day: 'numeric', month: 'numeric' },
            },
          },
          editable: canWrite,
          eventDurationEditable: false,
          resources,
          events,
          eventContent: sessionEventContent,
          datesSet: (info) => setRange({ start: info.start, end: info.end, view: info.view.type }),
          eventClick: (info) => {
            if (info.event.display !== 'background') openBooking(info.event.id as string);
          },
          eventDrop: (info) => void drop.onDrop(info),
        }}
      />
      <Group gap="lg">
        <Text size="xs" c="gray.7">
          Colours: blue booked, green completed, grey cancelled; the left edge shows the service type. A group
          shows its clients booked and its places (5/8). Shaded days: public holidays (all rows) and leave
          (the worker's row).
        </Text>
      </Group>

      {drop.pending ? (
        <MoveBookingModal move={drop.pending.move} onClose={drop.cancelMove} onMoved={drop.moved} />
      ) : null}
      <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
    </Stack>
  );
}
