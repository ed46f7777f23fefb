import type { Temporal } from 'temporal-polyfill';

export type NoticeKind = 'assigned' | 'unassigned' | 'moved' | 'cancelled';

export type NoticeBooking = {
  name: string;
  clientName: string | null;
  startsAt: Temporal.Instant;
  previousStartsAt: Temporal.Instant | null;
  /** Who has the booking now (after a reassignment); null: nobody (an open shift). */
  assigneeName: string | null;
  reason: string | null;
};

/** "Tue 10 Mar 2026, 9:00 am AEDT": short, in the staff member's zone, with the zone's abbreviation. */
export function noticeTime(instant: Temporal.Instant, zone: string): string {
  const zdt = instant.toZonedDateTimeISO(zone);
  const day = zdt.toLocaleString('en-AU', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const time = zdt.toLocaleString('en-AU', { hour: 'numeric', minute: '2-digit', hour12: true });
  const short = zdt.toLocaleString('en-AU', { timeZoneName: 'short' }).split(' ').pop();
  return `${day.replace(/,/g, '')}, ${time.replace(/\s/g, ' ')} ${short ?? zone}`;
}

/** The bell's sentence for one booking event, times in the reader's zone. */
export function noticeText(kind: NoticeKind, b: NoticeBooking, zone: string): string {
  const what = `"${b.name}"${b.clientName ? ` with ${b.clientName}` : ''}`;
  const when = noticeTime(b.startsAt, zone);
  switch (kind) {
    case 'assigned':
      return `You have been assigned ${what} on ${when}.`;
    case 'unassigned':
      return `${what} on ${when} is no longer yours: ${b.assigneeName ? `it is now with ${b.assigneeName}` : 'it is an open shift now'}.`;
    case 'moved':
      return `${what} has moved to ${when}${b.previousStartsAt ? ` (it was ${noticeTime(b.previousStartsAt, zone)})` : ''}.`;
    case 'cancelled':
      return `${what} on ${when} is cancelled${b.reason ? `: ${b.reason}` : ''}.`;
  }
}
