import type { Temporal } from 'temporal-polyfill';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { localeForCountry } from '../shared/organisation-formats.js';
import {
  type AppointmentRow,
  addendaOf,
  appointmentRows,
  findRecord,
  overdueAfterDays,
  takesPart,
  viewerContext,
} from './appointment.store.js';
import type { AppointmentView } from './appointments.schemas.js';
import {
  actionsFor,
  chargeableCancellation,
  daysSince,
  isOverdue,
  MODALITY_DEFAULT,
  sectionsOf,
  stageOf,
  zonedTime,
} from './quick-view.js';

/** How far back Quick View looks for appointments still to finish (older ones are long overdue anyway). */
const LOOK_BACK_DAYS = 60;
const LOOK_AHEAD_DAYS = 7;

export function toView(
  r: AppointmentRow,
  now: Temporal.Instant,
  ctx: { associateZone: string; locale: string; overdueDays: number },
): AppointmentView {
  return {
    bookingId: r.bookingId,
    name: r.name,
    clientId: r.clientId,
    clientName: r.clientName,
    caseId: r.caseId,
    staffId: r.staffId,
    staffName: r.staffName,
    modality: r.modality ?? MODALITY_DEFAULT,
    startsAt: r.startsAt.toString(),
    endsAt: r.endsAt.toString(),
    status: r.status,
    stage: stageOf(r),
    associateTime: zonedTime(r.startsAt, ctx.associateZone, ctx.locale),
    clientTime: r.clientZone ? zonedTime(r.startsAt, r.clientZone, ctx.locale) : null,
    commencedAt: r.commencedAt?.toString() ?? null,
    completedAt: r.completedAt?.toString() ?? null,
    signedOffAt: r.signedOffAt?.toString() ?? null,
    closedAs: r.closedAs,
    cancellationReason: r.cancellationReason,
    overdue: isOverdue(r, now, ctx.overdueDays),
    daysSinceEnd: daysSince(r.endsAt, now),
    actions: actionsFor(r, now),
    chargeableCancellation: chargeableCancellation(r, now),
  };
}

/** The associate's Quick View: their appointments in three sections, overdue ones flagged. */
export async function readQuickView(tx: Tx, actor: Actor, now: Temporal.Instant) {
  const viewer = await viewerContext(tx, actor.organisationId, actor.staffId);
  const overdueDays = await overdueAfterDays(tx, actor.organisationId);
  const rows = await appointmentRows(tx, actor.organisationId, {
    staffId: actor.staffId,
    from: now.subtract({ hours: 24 * LOOK_BACK_DAYS }),
    to: now.add({ hours: 24 * LOOK_AHEAD_DAYS }),
  });
  const ctx = { associateZone: viewer.timeZone, locale: localeForCountry(viewer.country), overdueDays };
  const s = sectionsOf(rows, now);
  const view = (list: AppointmentRow[]) => list.map((r) => toView(r, now, ctx));
  return {
    overdueAfterDays: overdueDays,
    notStarted: view(s.notStarted),
    inProgress: view(s.inProgress),
    recentlyCompleted: view(s.recentlyCompleted),
  };
}

/**
 * One appointment for whoever works it (a staff member taking part) or may see every booking; anything else
 * looks absent. Returns the row and its record.
 */
export async function loadAppointment(tx: Tx, actor: Actor, bookingId: string) {
  const [row] = await appointmentRows(tx, actor.organisationId, { bookingId });
  if (!row) throw notFound('Appointment');
  const mine = await takesPart(tx, actor.organisationId, bookingId, actor.staffId);
  if (!mine && !can(actor, 'bookings.read')) throw notFound('Appointment');
  return { row, mine };
}

export async function readAppointment(tx: Tx, actor: Actor, bookingId: string, now: Temporal.Instant) {
  const { row } = await loadAppointment(tx, actor, bookingId);
  const viewer = await viewerContext(tx, actor.organisationId, actor.staffId);
  const overdueDays = await overdueAfterDays(tx, actor.organisationId);
  const record = await findRecord(tx, actor.organisationId, bookingId);
  const addenda = await addendaOf(tx, actor.organisationId, bookingId);
  return {
    ...toView(row, now, {
      associateZone: row.staffZone ?? viewer.timeZone,
      locale: localeForCountry(viewer.country),
      overdueDays,
    }),
    notes: record?.notes ?? null,
    notesFile:
      record?.notesFileName && record.notesFileType
        ? { name: record.notesFileName, type: record.notesFileType, bytes: record.notesFileBytes ?? 0 }
        : null,
    outcome: record?.outcome ?? null,
    addenda: addenda.map((a) => ({ ...a, createdAt: a.createdAt.toString() })),
  };
}
