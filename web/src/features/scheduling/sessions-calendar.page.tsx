import { type Calendar, DayGrid, Interaction, ResourceTimeline } from '@event-calendar/core';
import { Button, Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { bookingsApi } from '../../api/endpoints';
import { type ApiError, isApiError, softConflictsOf } from '../../api/problem';
import { useAuth, useMe } from '../../auth/auth-context';
import { formatPlainDate, fullName } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { zoneAbbreviation } from '../../shared/time-zones';
import { BookingDrawer } from '../bookings/booking-drawer';
import { bookingKeys } from '../bookings/bookings-queries';
import { ConflictAlert } from '../bookings/conflict-alert';
import { BUTTON_TEXT, eventContent, itemOf, toCalendarEvent, UNASSIGNED_RESOURCE } from './calendar-events';
import { rangeToInstants, toClientLocal, wallClockOf } from './calendar-time';
import { EventCalendar } from './event-calendar';
import { type BookingMove, MoveBookingModal, movePatch } from './move-booking-modal';
import type { CalendarItem, CalendarQuery } from './scheduling-api';
import { useCalendar, useDeliveringStaff, useServiceTypes } from './scheduling-queries';

const PLUGINS = [ResourceTimeline, DayGrid, Interaction];
const PROVIDER_RESOURCE = 'external-provider';
const STATUSES = [
  { value: 'booked', label: 'Booked' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

type PendingMove = { info: Calendar.EventDropInfo; move: BookingMove; warnings: string[] | null };

/** The staff row an event sits in: a staff member, the unassigned row, or external providers. */
function resourceOf(item: CalendarItem): string {
  if (item.staff) return item.staff.id;
  return item.providerName ? PROVIDER_RESOURCE : UNASSIGNED_RESOURCE;
}

/** Bookings calendar: every booking by staff member, for a day, a week or a month; drag to move or reassign. */
export function SessionsCalendarPage() {
  const me = useMe();
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [zone, setZone] = useState(me.organisation.timeZone);
  const [serviceTypeId, setServiceTypeId] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<string[]>(['booked', 'completed']);
  const [range, setRange] = useState<{ start: Date; end: Date } | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const serviceTypes = useServiceTypes();
  const staff = useDeliveringStaff();

  const query: CalendarQuery | null = range
    ? {
        ...rangeToInstants(range.start, range.end, zone),
        zone,
        serviceTypeId: serviceTypeId ?? undefined,
        status: statuses.length ? statuses.join(',') : undefined,
      }
    : null;
  const calendar = useCalendar(query);
  const items = calendar.data?.items ?? [];

  const resources = useMemo(() => {
    const rows = new Map<string, string>();
    for (const member of staff.data?.items ?? []) if (member.active) rows.set(member.id, fullName(member));
    // Without access to the staff list, the rows come from the bookings themselves.
    for (const item of calendar.data?.items ?? []) if (item.staff) rows.set(item.staff.id, item.staff.name);
    const list: Calendar.ResourceInput[] = [
      { id: UNASSIGNED_RESOURCE, title: 'Open shifts' },
      ...[...rows.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, title]) => ({ id, title })),
    ];
    if ((calendar.data?.items ?? []).some((item) => !item.staff && item.providerName))
      list.push({ id: PROVIDER_RESOURCE, title: 'External providers' });
    return list;
  }, [staff.data, calendar.data]);

  const events = useMemo(
    () =>
      items.map((item) => ({
        ...toCalendarEvent(item),
        resourceIds: [resourceOf(item)],
        startEditable: canWrite && item.status === 'booked',
      })),
    [items, canWrite],
  );

  const openBookingId = params.get('booking');
  /** ?date=YYYY-MM-DD opens the calendar on that day (read once, when the calendar is created). */
  const [initialDate] = useState(() => params.get('date'));
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
  const announce = (title: string, message: string) => notifications.show({ color: 'brand', title, message });

  /** A plain booking moves at once; a series occurrence, or a move with soft conflicts, asks first. */
  const onDrop = async (info: Calendar.EventDropInfo) => {
    const item = itemOf(info.event);
    const newResource = info.newResource?.id;
    if (newResource === PROVIDER_RESOURCE) {
      info.revert();
      notifications.show({
        color: 'orange',
        title: 'Not moved',
        message: 'Assign an external provider from the booking itself.',
      });
      return;
    }
    const staffId =
      newResource === undefined ? undefined : newResource === UNASSIGNED_RESOURCE ? null : newResource;
    setConflict(null);
    try {
      // The booking's own zone (the client's) is what PATCH /bookings/:id reads dates and times in.
      const booking = await bookingsApi.get(item.id);
      const local = toClientLocal(wallClockOf(info.event.start), zone, booking.timeZone);
      const move: BookingMove = {
        booking,
        ...local,
        staffId,
        staffLabel: staffId ? (resources.find((r) => r.id === staffId)?.title as string) : null,
      };
      if (item.seriesId) {
        setPending({ info, move, warnings: null });
        return;
      }
      try {
        await bookingsApi.update(item.id, movePatch(move));
        announce(
          'Booking moved',
          `“${item.name}” is now on ${formatPlainDate(local.bookingDate)} at ${local.startTime} ${zoneAbbreviation(booking.timeZone)} (client's time).`,
        );
        await refresh();
      } catch (error) {
        const soft = softConflictsOf(error);
        if (soft) setPending({ info, move, warnings: soft });
        else throw error;
      }
    } catch (error) {
      info.revert();
      if (isApiError(error) && error.status === 409) setConflict(error);
      else
        notifications.show({
          color: 'red',
          title: 'The booking was not moved',
          message: error instanceof Error ? error.message : 'Something went wrong.',
        });
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Bookings calendar"
        description="Every booking by staff member. Drag a booking to another time or row to move or reassign it."
      />
      <Group align="flex-end" gap="md" wrap="wrap">
        <TimeZoneSelect
          label="Time zone shown"
          value={zone}
          onChange={(value) => value && setZone(value)}
          allowDeselect={false}
          w={260}
          description={`${zoneAbbreviation(zone)}${zone === me.organisation.timeZone ? ' · the organisation’s zone' : ''}`}
        />
        <Select
          label="Service type"
          placeholder="All service types"
          clearable
          w={220}
          data={(serviceTypes.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
          value={serviceTypeId}
          onChange={setServiceTypeId}
        />
        <MultiSelect
          label="Status"
          placeholder="All statuses"
          w={320}
          data={STATUSES}
          value={statuses}
          onChange={setStatuses}
        />
      </Group>
      {calendar.isError ? (
        <ProblemAlert error={calendar.error} title="The calendar couldn't be loaded" />
      ) : null}
      {calendar.data?.truncated ? (
        <Text size="sm" c="red.9">
          Too many bookings to show at once: narrow the filters.
        </Text>
      ) : null}
      {conflict ? (
        <div>
          <ConflictAlert error={conflict} />
          <Button size="xs" variant="subtle" mt={4} onClick={() => setConflict(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <EventCalendar
        plugins={PLUGINS}
        label="Bookings calendar"
        testId="sessions-calendar"
        className="sessions-calendar"
        options={{
          view: 'resourceTimelineDay',
          ...(initialDate ? { date: initialDate } : {}),
          timeZone: 'UTC',
          height: 'auto',
          firstDay: 1,
          locale: 'en-AU',
          scrollTime: '05:00:00',
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
            resourceTimelineWeek: { slotDuration: '02:00:00', slotWidth: 36, snapDuration: '00:15:00' },
          },
          editable: canWrite,
          eventDurationEditable: false,
          resources,
          events,
          eventContent: eventContent('client'),
          datesSet: (info) => setRange({ start: info.start, end: info.end }),
          eventClick: (info) => openBooking(info.event.id as string),
          eventDrop: (info) => void onDrop(info),
        }}
      />
      <Text size="xs" c="gray.7">
        Colours: blue booked, green completed, grey cancelled; the left edge shows the service type.
      </Text>

      {pending ? (
        <MoveBookingModal
          move={pending.move}
          initialWarnings={pending.warnings}
          onClose={() => {
            pending.info.revert();
            setPending(null);
          }}
          onMoved={(title, message) => {
            setPending(null);
            announce(title, message);
            void refresh();
          }}
        />
      ) : null}
      <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
    </Stack>
  );
}
