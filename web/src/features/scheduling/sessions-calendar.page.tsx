import { DayGrid, Interaction, ResourceTimeline } from '@event-calendar/core';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth, useMe } from '../../auth/auth-context';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { BookingDrawer } from '../bookings/booking-drawer';
import { bookingKeys } from '../bookings/bookings-queries';
import { ConflictAlert } from '../bookings/conflict-alert';
import { type NewSessionDefaults, NewSessionModal } from '../sessions/new-session-modal';
import { SessionDrawer } from '../sessions/session-drawer';
import { BUTTON_TEXT, sessionEventContent, UNASSIGNED_RESOURCE } from './calendar-events';
import { CalendarFilters, type CalendarFilterValues } from './calendar-filters';
import { dayScrollTime } from './calendar-scroll';
import { wallClockOf } from './calendar-time';
import { EventCalendar } from './event-calendar';
import { MoveBookingModal } from './move-booking-modal';
import { PROVIDER_RESOURCE, useBookingDrop } from './use-booking-drop';
import { useSessionsCalendarData, type VisibleRange } from './use-sessions-calendar-data';

const PLUGINS = [ResourceTimeline, DayGrid, Interaction];
type View = 'resourceTimelineDay' | 'resourceTimelineWeek' | 'dayGridMonth';
const VIEWS: View[] = ['resourceTimelineDay', 'resourceTimelineWeek', 'dayGridMonth'];

/** A selection on the calendar → what a new session starts with (a day-wide week slot keeps 09:00–10:00). */
function selectionDefaults(
  start: Date,
  end: Date,
  resourceId: string | undefined,
  zone: string,
): NewSessionDefaults {
  const from = wallClockOf(start);
  const to = wallClockOf(end);
  const dayWide = from.slice(11) === '00:00' && to.slice(11) === '00:00';
  const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  return {
    bookingDate: from.slice(0, 10),
    startTime: dayWide ? '09:00' : from.slice(11),
    durationMinutes: dayWide ? 60 : Math.max(15, minutes),
    staffId:
      resourceId && resourceId !== UNASSIGNED_RESOURCE && resourceId !== PROVIDER_RESOURCE
        ? resourceId
        : null,
    zone,
  };
}

/**
 * The sessions calendar: every booking and group session by worker. Day: a timeline from the current time or
 * the first booking; week: a worker × day grid of event cards; month: a grid of days. Drag a booking to move or
 * reassign it (asked first; a one-off move can be undone).
 */
export function SessionsCalendarPage() {
  // Any query still loading (bookings, sessions, staff, leave, holidays) may redraw the events: say so.
  const fetching = useIsFetching();
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
  const [range, setRange] = useState<VisibleRange | null>(null);
  const [creating, setCreating] = useState<NewSessionDefaults | null>(null);
  const { calendar, summaries, items, sessionInfo, resources, events } = useSessionsCalendarData(
    filters,
    range,
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
        description="Every booking and group session by worker. Drag a booking to another time or row to move or reassign it; select a time on a worker's row to book."
        actions={
          canWrite ? (
            <Button
              onClick={() =>
                setCreating({ bookingDate: range ? wallClockOf(range.start).slice(0, 10) : null, zone })
              }
            >
              New session
            </Button>
          ) : null
        }
      />
      <CalendarFilters value={filters} onChange={setFilters} />
      {calendar.isError ? (
        <ProblemAlert error={calendar.error} title="The calendar couldn't be loaded" />
      ) : null}
      {summaries.isError ? (
        <ProblemAlert error={summaries.error} title="Group sessions couldn't be shown on these dates" />
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
        busy={fetching > 0}
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
          selectable: canWrite,
          select: (info) => {
            setCreating(
              selectionDefaults(info.start, info.end, info.resource?.id as string | undefined, zone),
            );
          },
          eventDurationEditable: false,
          resources,
          events,
          eventContent: sessionEventContent,
          datesSet: (info) => setRange({ start: info.start, end: info.end, view: info.view.type }),
          eventClick: (info) => {
            if (info.event.display === 'background') return;
            openBooking(info.event.id as string);
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
      {openBookingId && sessionInfo.get(openBookingId)?.category === 'group' ? (
        <SessionDrawer sessionId={openBookingId} onClose={() => openBooking(null)} />
      ) : (
        <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
      )}
      {creating ? (
        <NewSessionModal
          defaults={creating}
          onClose={() => setCreating(null)}
          onCreated={(sessionId) => {
            setCreating(null);
            openBooking(sessionId);
          }}
        />
      ) : null}
    </Stack>
  );
}
