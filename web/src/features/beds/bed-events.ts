import type { Calendar } from '@event-calendar/core';
import { formatInstant } from '../../shared/format';
import { type BedsCalendar, STATE_LABELS, type Stay } from './beds-api';

/** Rows: each site, its rooms under it, each room's beds under that (bed ids are the rows stays sit on). */
export function bedResources(data: BedsCalendar | undefined): Calendar.ResourceInput[] {
  if (!data) return [];
  return data.sites.map((site) => ({
    id: `site:${site.id}`,
    title: site.name,
    children: data.rooms
      .filter((r) => r.siteId === site.id)
      .map((room) => ({
        id: `room:${room.id}`,
        title: room.name,
        children: data.beds
          .filter((b) => b.roomId === room.id)
          .map((bed) => ({
            id: bed.id,
            title: `${bed.name}${bed.status === 'out_of_service' ? ' (out of service)' : ''}`,
          })),
      })),
  }));
}

/**
 * Site and room rows head the beds under them: a bar can be dropped on a bed's row only (the calendar keeps it
 * where it was otherwise, and nothing is sent).
 */
export function ontoBedRow(info: { newResource?: Calendar.Resource | null }): boolean {
  const id = info.newResource ? String(info.newResource.id) : null;
  return id === null || !(id.startsWith('site:') || id.startsWith('room:'));
}

/** What a bar says: whose stay (or why the bed is blocked), its state, and a hold's expiry. */
export function stayTitle(stay: Stay, timeZone: string): string {
  if (stay.kind === 'out_of_service') return `Out of service: ${stay.reason ?? ''}`;
  const who = stay.kind === 'block_booking' ? `Block: ${stay.reason ?? ''}` : (stay.clientName ?? '');
  const hold = stay.hold ? ` until ${formatInstant(stay.hold.expiresAt, timeZone)}` : '';
  return `${who} · ${STATE_LABELS[stay.state]}${hold}`;
}

/** Stays as all-day bars over their nights: from the arrival day up to (not including) the departure day. */
export function stayEvents(data: BedsCalendar | undefined, canWrite: boolean): Calendar.EventInput[] {
  if (!data) return [];
  return data.stays.map((stay) => {
    const site = data.sites.find((s) => s.id === data.beds.find((b) => b.id === stay.bedId)?.siteId);
    const movable = canWrite && stay.state !== 'checked_out' && stay.state !== 'cancelled';
    return {
      id: stay.id,
      resourceIds: [stay.bedId],
      start: stay.arriveOn,
      end: stay.leaveOn,
      allDay: true,
      title: stayTitle(stay, site?.timeZone ?? 'UTC'),
      classNames: [`stay-${stay.state.replace('_', '-')}`, `stay-kind-${stay.kind.replaceAll('_', '-')}`],
      editable: movable,
      startEditable: movable && stay.state !== 'checked_in',
      durationEditable: movable,
    };
  });
}
