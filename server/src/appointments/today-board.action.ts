import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { localeForCountry } from '../shared/organisation-formats.js';
import {
  appointmentRows,
  overdueAfterDays,
  pendingExtraRequests,
  viewerContext,
} from './appointment.store.js';
import { isLateToStart, isOverdue, stageOf } from './quick-view.js';
import { toView } from './read-appointments.action.js';

const LOOK_BACK_DAYS = 60;
const UNASSIGNED_AHEAD_DAYS = 7;

/**
 * The coordinator's Today board, for the organisation's local day: visits in progress, late to start (not
 * commenced 10 minutes after the start), unassigned in the next 7 days, today's cancelled ones, overdue ones
 * (not completed N days after, the same flag the associate sees) and extra-session requests still pending.
 */
export async function readTodayBoard(tx: Tx, actor: Actor, now: Temporal.Instant) {
  const viewer = await viewerContext(tx, actor.organisationId, actor.staffId);
  const zone = viewer.organisationZone;
  const overdueDays = await overdueAfterDays(tx, actor.organisationId);
  const today = now.toZonedDateTimeISO(zone).startOfDay();
  const dayStart = today.toInstant();
  const dayEnd = today.add({ days: 1 }).toInstant();
  const rows = await appointmentRows(tx, actor.organisationId, {
    from: now.subtract({ hours: 24 * LOOK_BACK_DAYS }),
    to: today.add({ days: UNASSIGNED_AHEAD_DAYS }).toInstant(),
  });
  const locale = localeForCountry(viewer.country);
  const view = (r: (typeof rows)[number]) =>
    toView(r, now, { associateZone: r.staffZone ?? zone, locale, overdueDays });
  const isToday = (r: (typeof rows)[number]) =>
    r.startsAt.epochNanoseconds >= dayStart.epochNanoseconds &&
    r.startsAt.epochNanoseconds < dayEnd.epochNanoseconds;
  const requests = await pendingExtraRequests(tx, actor.organisationId);
  return {
    date: today.toPlainDate().toString(),
    overdueAfterDays: overdueDays,
    inProgress: rows.filter((r) => stageOf(r) === 'in_progress').map(view),
    lateToStart: rows.filter((r) => isToday(r) && isLateToStart(r, now)).map(view),
    unassigned: rows
      .filter(
        (r) =>
          r.staffId === null &&
          r.status === 'booked' &&
          r.startsAt.epochNanoseconds >= dayStart.epochNanoseconds,
      )
      .map(view),
    cancelledToday: rows.filter((r) => isToday(r) && r.status === 'cancelled').map(view),
    overdue: rows.filter((r) => isOverdue(r, now, overdueDays)).map(view),
    pendingExtraSessionRequests: requests,
  };
}
