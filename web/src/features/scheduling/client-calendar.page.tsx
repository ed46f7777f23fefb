import { DayGrid, List, TimeGrid } from '@event-calendar/core';
import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { useIsFetching } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAuth, useMe } from '../../auth/auth-context';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { BookingDrawer } from '../bookings/booking-drawer';
import { useProfileClient } from '../clients/client-profile.layout';
import { NewSessionModal } from '../sessions/new-session-modal';
import { SessionDrawer } from '../sessions/session-drawer';
import { useSessionSummaries } from '../sessions/sessions-queries';
import { BUTTON_TEXT, eventContent, toCalendarEvent } from './calendar-events';
import { rangeScrollTime } from './calendar-scroll';
import { rangeToInstants, splitZoned } from './calendar-time';
import { groupEvents } from './client-calendar-groups';
import { EventCalendar } from './event-calendar';
import type { CalendarQuery } from './scheduling-api';
import { useCalendar } from './scheduling-queries';

const PLUGINS = [DayGrid, TimeGrid, List];

/** Client Profile › Calendar: ad-hoc and scheduled bookings in the client's zone. */
export function ClientCalendarPage() {
  const fetching = useIsFetching();
  const client = useProfileClient();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const { can } = useAuth();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [creating, setCreating] = useState(false);
  const query: CalendarQuery | null = range ? { ...range, zone: client.timeZone, clientId: client.id } : null;
  const calendar = useCalendar(query);
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

  // Groups the client attends without being their lead client come from the sessions list.
  const dates = range
    ? { from: splitZoned(range.from, client.timeZone).date, to: splitZoned(range.to, client.timeZone).date }
    : null;
  const sessions = useSessionSummaries(dates ? { ...dates, clientId: client.id } : null);
  const groups = useMemo(() => new Map((sessions.data ?? []).map((s) => [s.id, s])), [sessions.data]);
  const events = useMemo(() => {
    const items = calendar.data?.items ?? [];
    const shown = new Set(items.map((item) => item.id));
    return [
      ...items.map((item) => toCalendarEvent(item)),
      ...groupEvents(sessions.data ?? [], shown, client.id, client.timeZone),
    ];
  }, [calendar.data, sessions.data, client.id, client.timeZone]);
  // Opens at now (this week) or just before the week's first booking, not at a fixed 05:00.
  const scrollTime = dates
    ? rangeScrollTime(
        dates.from,
        dates.to,
        client.timeZone,
        events.map((event) => String(event.start)),
      )
    : '07:00:00';
  const openGroup = openBookingId ? groups.get(openBookingId)?.category === 'group' : false;

  return (
    <section aria-labelledby="client-calendar-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="client-calendar-title">
            Calendar
          </Title>
          <Text size="sm" c="gray.7">
            Scheduled and ad-hoc bookings, and the groups the client attends. Select one to open it.
          </Text>
        </div>
        <Group gap="sm">
          <Badge variant="outline" color="gray.8" tt="none" size="lg" data-testid="calendar-zone">
            Times in {client.timeZone} ({zoneAbbreviation(client.timeZone)})
            {me.timeZone !== client.timeZone ? ` · yours: ${me.timeZone}` : ''}
          </Badge>
          {can('bookings.write') ? (
            <Button size="sm" onClick={() => setCreating(true)}>
              New appointment or group
            </Button>
          ) : null}
        </Group>
      </Group>
      {calendar.isError ? (
        <ProblemAlert error={calendar.error} title="The calendar couldn't be loaded" />
      ) : null}
      {/* The calendar's own grid says neither "loading" nor "nothing here": this line does, for everyone. */}
      <Text size="sm" c="gray.7" role="status" mb="xs" data-testid="client-calendar-status">
        {!range || calendar.isPending
          ? 'Loading bookings…'
          : calendar.isSuccess && events.length === 0
            ? 'No bookings in these dates. Book a service from Service Orders or Scheduled services.'
            : calendar.isSuccess
              ? `${events.length} ${events.length === 1 ? 'booking' : 'bookings'} in these dates`
              : ''}
      </Text>
      <EventCalendar
        busy={fetching > 0}
        plugins={PLUGINS}
        label={`Calendar of ${client.givenName} ${client.familyName}`}
        testId="client-calendar"
        options={{
          view: 'timeGridWeek',
          ...(initialDate ? { date: initialDate } : {}),
          timeZone: 'UTC',
          height: '720px',
          firstDay: 1,
          locale: 'en-AU',
          scrollTime,
          nowIndicator: false,
          headerToolbar: {
            start: 'prev,next today',
            center: 'title',
            end: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek',
          },
          buttonText: (text) => ({ ...text, ...BUTTON_TEXT }),
          eventTimeFormat: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
          slotLabelFormat: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
          dayMaxEvents: true,
          events,
          eventContent: eventContent('staff'),
          datesSet: (info) => setRange(rangeToInstants(info.start, info.end, client.timeZone)),
          eventClick: (info) => openBooking(info.event.id as string),
        }}
      />
      {openGroup ? (
        <SessionDrawer sessionId={openBookingId} onClose={() => openBooking(null)} />
      ) : (
        <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
      )}
      {creating ? (
        <NewSessionModal
          defaults={{
            client: { id: client.id, name: `${client.givenName} ${client.familyName}` },
            zone: client.timeZone,
          }}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            openBooking(id);
          }}
        />
      ) : null}
    </section>
  );
}
