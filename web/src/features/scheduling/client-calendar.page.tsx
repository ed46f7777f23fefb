import { DayGrid, List, TimeGrid } from '@event-calendar/core';
import { Badge, Group, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../shared/problem-alert';
import { zoneAbbreviation } from '../../shared/time-zones';
import { BookingDrawer } from '../bookings/booking-drawer';
import { useProfileClient } from '../clients/client-profile.layout';
import { BUTTON_TEXT, eventContent, toCalendarEvent } from './calendar-events';
import { rangeToInstants } from './calendar-time';
import { EventCalendar } from './event-calendar';
import type { CalendarQuery } from './scheduling-api';
import { useCalendar } from './scheduling-queries';

const PLUGINS = [DayGrid, TimeGrid, List];

/** Client Profile › Calendar: ad-hoc and scheduled bookings in the client's zone. */
export function ClientCalendarPage() {
  const client = useProfileClient();
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
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

  const events = useMemo(
    () => (calendar.data?.items ?? []).map((item) => toCalendarEvent(item)),
    [calendar.data],
  );

  return (
    <section aria-labelledby="client-calendar-title">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h3" id="client-calendar-title">
            Calendar
          </Title>
          <Text size="sm" c="gray.7">
            Scheduled and ad-hoc bookings. Select a booking to open it.
          </Text>
        </div>
        <Badge variant="outline" color="gray.8" tt="none" size="lg" data-testid="calendar-zone">
          Times in {client.timeZone} ({zoneAbbreviation(client.timeZone)})
        </Badge>
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
          scrollTime: '05:00:00',
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
      <BookingDrawer bookingId={openBookingId} onClose={() => openBooking(null)} />
    </section>
  );
}
