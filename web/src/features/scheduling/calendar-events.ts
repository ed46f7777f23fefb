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
