import './beds-calendar.css';
import { type Calendar, Interaction, ResourceTimeline } from '@event-calendar/core';
import { Button, Group, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { useIsFetching } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useAuth } from '../../auth/auth-context';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { wallClockOf } from '../scheduling/calendar-time';
import { EventCalendar } from '../scheduling/event-calendar';
import { bedResources, ontoBedRow, stayEvents } from './bed-events';
import { staysApi, useBedsCalendar, useStayMutation } from './beds-api';
import { OccupancyReport } from './occupancy-report';
import { OccupancyStrip } from './occupancy-strip';
import { StayDrawer } from './stay-drawer';
import { VacancySearch } from './vacancy-search';

const PLUGINS = [ResourceTimeline, Interaction];
type Span = 'week' | 'fortnight' | 'month';
const DURATIONS: Record<Span, Calendar.DurationInput> = {
  week: { days: 7 },
  fortnight: { days: 14 },
  month: { months: 1 },
};
const SLOT_WIDTH: Record<Span, number> = { week: 120, fortnight: 72, month: 44 };

type DragInfo = { event: Calendar.Event; newResource?: Calendar.Resource | null; revert: () => void };

/**
 * The beds calendar: beds by site and room, one column a day, stays as bars coloured by state (holds show
 * their expiry, out-of-service blocks are hatched), occupancy per night below. Drag a bar to move it to other
 * dates or another bed, or stretch it to extend or shorten the stay; the server checks it as a new booking.
 */
export function BedsCalendarPage() {
  const { can } = useAuth();
  const canWrite = can('bookings.write');
  const fetching = useIsFetching();
  const [span, setSpan] = useState<Span>('fortnight');
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [openStayId, setOpenStayId] = useState<string | null>(null);
  const calendar = useBedsCalendar(range);
  const resources = useMemo(() => bedResources(calendar.data), [calendar.data]);
  const events = useMemo(() => stayEvents(calendar.data, canWrite), [calendar.data, canWrite]);
  const change = useStayMutation((v: { id: string; body: Parameters<typeof staysApi.change>[1] }) =>
    staysApi.change(v.id, v.body),
  );

  const onDrag = (info: DragInfo, moved: boolean) => {
    const start = info.event.start ? wallClockOf(info.event.start).slice(0, 10) : undefined;
    const end = info.event.end ? wallClockOf(info.event.end).slice(0, 10) : undefined;
    const body = {
      ...(moved && start ? { arriveOn: start } : {}),
      ...(end ? { leaveOn: end } : {}),
      ...(info.newResource ? { bedId: String(info.newResource.id) } : {}),
    };
    change.mutate({ id: String(info.event.id), body }, { onError: () => info.revert() });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Beds"
        description="Every bed by site and room. Drag a stay to move it, or stretch it to change its nights; find a free bed under Vacancies."
      />
      <Tabs defaultValue="calendar" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="calendar">Calendar</Tabs.Tab>
          <Tabs.Tab value="vacancies">Vacancies</Tabs.Tab>
          <Tabs.Tab value="occupancy">Occupancy</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendar" pt="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <SegmentedControl
                aria-label="Days shown"
                value={span}
                onChange={(v) => setSpan(v as Span)}
                data={[
                  { value: 'week', label: 'Week' },
                  { value: 'fortnight', label: 'Fortnight' },
                  { value: 'month', label: 'Month' },
                ]}
              />
              <Text size="xs" c="gray.7">
                Colours: amber on hold, blue booked, green checked in, grey checked out, dashed enquiry,
                hatched out of service.
              </Text>
            </Group>
            {calendar.isError ? (
              <ProblemAlert error={calendar.error} title="The beds couldn't be loaded" />
            ) : null}
            {change.isError ? (
              <div>
                <ProblemAlert error={change.error} title="The stay was not changed" />
                <Button size="xs" variant="subtle" mt={4} onClick={() => change.reset()}>
                  Dismiss
                </Button>
              </div>
            ) : null}
            <EventCalendar
              busy={fetching > 0}
              plugins={PLUGINS}
              label="Beds calendar"
              testId="beds-calendar"
              className="beds-calendar"
              options={{
                view: 'resourceTimelineWeek',
                duration: DURATIONS[span],
                timeZone: 'UTC',
                height: 'auto',
                firstDay: 1,
                locale: 'en-AU',
                slotDuration: { days: 1 },
                slotWidth: SLOT_WIDTH[span],
                snapDuration: { days: 1 },
                slotLabelFormat: { weekday: 'short', day: 'numeric' },
                headerToolbar: { start: 'prev,next today', center: 'title', end: '' },
                resources,
                events,
                editable: canWrite,
                eventDurationEditable: canWrite,
                dragConstraint: ontoBedRow,
                datesSet: (info) =>
                  setRange({
                    from: wallClockOf(info.start).slice(0, 10),
                    to: wallClockOf(info.end).slice(0, 10),
                  }),
                eventClick: (info) => setOpenStayId(String(info.event.id)),
                eventDrop: (info) => onDrag(info as unknown as DragInfo, true),
                eventResize: (info) => onDrag(info as unknown as DragInfo, false),
              }}
            />
            <OccupancyStrip data={calendar.data} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="vacancies" pt="md">
          <VacancySearch onBooked={setOpenStayId} />
        </Tabs.Panel>
        <Tabs.Panel value="occupancy" pt="md">
          <OccupancyReport />
        </Tabs.Panel>
      </Tabs>
      <StayDrawer stayId={openStayId} onClose={() => setOpenStayId(null)} />
    </Stack>
  );
}
