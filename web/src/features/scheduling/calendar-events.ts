import type { Calendar } from '@event-calendar/core';
import type { CalendarItem } from './scheduling-api';

export const UNASSIGNED_RESOURCE = 'unassigned';

const STATUS_LABEL: Record<CalendarItem['status'], string> = {
  booked: 'Booked',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** One API item → an EventCalendar event: wall-clock start/end, status class, service-type accent. */
export function toCalendarEvent(item: CalendarItem, withResource = false): Calendar.EventInput {
  const editable = item.status === 'booked';
  return {
    id: item.id,
    start: item.start,
    end: item.end,
    title: item.name,
    classNames: [
      `status-${item.status}`,
      ...(item.suspendedByLeave ? ['status-suspended'] : []),
      item.kind === 'scheduled' ? 'kind-scheduled' : 'kind-adhoc',
    ],
    styles: item.serviceType ? [`--event-accent: ${item.serviceType.colour}`] : [],
    startEditable: editable,
    durationEditable: false,
    ...(withResource ? { resourceIds: [item.staff?.id ?? UNASSIGNED_RESOURCE] } : {}),
    extendedProps: { item },
  } as Calendar.EventInput;
}

export function itemOf(event: Calendar.Event): CalendarItem {
  return event.extendedProps.item as CalendarItem;
}

/** Event body as DOM nodes (no HTML strings): time, name, then who and what. */
export function eventContent(show: 'client' | 'staff') {
  return (info: Calendar.EventContentInfo): Calendar.Content => {
    const item = itemOf(info.event);
    const who =
      show === 'client' ? item.client.name : (item.staff?.name ?? item.providerName ?? 'Open shift');
    const meta = [
      who,
      item.serviceType?.name,
      item.suspendedByLeave
        ? 'Suspended (leave)'
        : item.status === 'booked'
          ? null
          : STATUS_LABEL[item.status],
      item.isException ? 'edited occurrence' : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const title = document.createElement('span');
    title.className = 'event-title';
    const time = typeof info.timeText === 'string' && info.timeText ? `${info.timeText} ` : '';
    title.textContent = `${time}${item.name}`;
    const metaNode = document.createElement('span');
    metaNode.className = 'event-meta';
    metaNode.textContent = meta;
    const wrapper = document.createElement('div');
    wrapper.className = 'event-content';
    wrapper.append(title, metaNode);
    return { domNodes: [wrapper] };
  };
}

/** What the sessions API adds to a calendar item: every client and worker, and a group's places. */
export type SessionInfo = {
  category: 'visit' | 'group' | 'stay';
  capacity: number | null;
  placesTaken: number;
  clients: { name: string; status: string }[];
  workers: { id: string; name: string }[];
};

export function sessionOf(event: Calendar.Event): SessionInfo | null {
  return (event.extendedProps.session as SessionInfo | undefined) ?? null;
}

/** "Social group · 5/8" for a group; the client's name for an individual appointment. */
export function headlineOf(item: CalendarItem, session: SessionInfo | null): string {
  if (session?.category === 'group')
    return `${item.name} · ${session.placesTaken}${session.capacity ? `/${session.capacity}` : ''}`;
  return item.client.name;
}

/** The clients of a group who still attend, by name ("Ava Smith, Ben Lee +3"). */
export function attendeesOf(session: SessionInfo, max = 2): string {
  const names = session.clients.filter((c) => c.status !== 'cancelled').map((c) => c.name);
  return names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max}` : names.join(', ');
}

/**
 * The sessions calendar's event cards: the time and who (the client, or a group with its attendee count), then
 * what (the booking's name or the group's clients, service type, status). The full text is also the tooltip.
 */
export function sessionEventContent(info: Calendar.EventContentInfo): Calendar.Content {
  if (info.event.display === 'background') {
    const label = document.createElement('span');
    label.className = 'bg-label';
    label.textContent = String(info.event.extendedProps.background ?? info.event.title ?? '');
    return { domNodes: [label] };
  }
  const item = itemOf(info.event);
  const session = sessionOf(info.event);
  const group = session?.category === 'group';
  const time = typeof info.timeText === 'string' && info.timeText ? `${info.timeText} ` : '';
  const meta = [
    group && session ? attendeesOf(session) : item.name,
    item.serviceType?.name,
    item.status === 'booked' ? null : STATUS_LABEL[item.status],
    item.isException ? 'edited occurrence' : null,
  ]
    .filter((part, index, parts) => part && parts.indexOf(part) === index)
    .join(' · ');
  const title = document.createElement('span');
  title.className = 'event-title';
  title.textContent = `${time}${headlineOf(item, session)}`;
  const metaNode = document.createElement('span');
  metaNode.className = 'event-meta';
  metaNode.textContent = meta;
  const wrapper = document.createElement('div');
  wrapper.className = group ? 'event-content event-group' : 'event-content';
  wrapper.title = `${title.textContent}\n${group && session ? attendeesOf(session, 50) : meta}`;
  wrapper.append(title, metaNode);
  return { domNodes: [wrapper] };
}

export const BUTTON_TEXT = {
  today: 'Today',
  dayGridMonth: 'Month',
  timeGridWeek: 'Week',
  timeGridDay: 'Day',
  listWeek: 'List',
  listMonth: 'List',
  resourceTimelineDay: 'Day',
  resourceTimelineWeek: 'Week',
  resourceTimeGridDay: 'Day columns',
};
