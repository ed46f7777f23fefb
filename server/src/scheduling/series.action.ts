import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { deleteBookings, findAssignableStaff, findClientContractDates } from '../bookings/booking.store.js';
import { reassignSeries, seriesBookingsFrom } from '../bookings/occurrence.store.js';
import type { Actor } from '../identity/actor.js';
import { deleteNoticesOf } from '../notifications/notice.store.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { later } from '../shared/instant.js';
import { RecurrenceError } from './recurrence-error.js';
import type { SeriesChanges, SeriesInput, SeriesView } from './schedule.schemas.js';
import { findSeries, horizonWeeks, insertSeries, serviceTypeExists, updateSeries } from './schedule.store.js';
import type { OccurrenceOutcome, SeriesRecord } from './schedule.types.js';
import {
  dayAfter,
  dayBefore,
  horizonEnd,
  occurrenceTimes,
  seriesRecurrenceText,
  startOfLocalDay,
  validateSeriesRule,
} from './series.js';
import { copySeriesSession } from './series-session.store.js';
import { syncSeries } from './sync-series.action.js';

export function toSeriesView(s: SeriesRecord): SeriesView {
  return {
    id: s.id,
    clientId: s.clientId,
    serviceType: { id: s.serviceTypeId, name: s.serviceTypeName },
    name: s.name,
    timeZone: s.timeZone,
    startDate: s.startDate,
    startTime: s.startTime,
    rrule: s.rrule,
    recurrence: seriesRecurrenceText(s),
    endDate: s.endDate,
    durationMinutes: s.durationMinutes,
    assignee: s.staffId ? { id: s.staffId, name: s.staffName ?? '' } : null,
    contractId: s.contractId,
    notes: s.notes,
    status: s.status,
    splitFromId: s.splitFromId,
    generatedUntil: s.generatedUntil?.toString() ?? null,
    earliestSplitDate: dayAfter(s.startDate),
  };
}

export type ScheduleReport = { series: SeriesView | null; occurrences: OccurrenceOutcome[] };

/** The series as it now stands, audited against `before`, with what happened to each occurrence. */
async function reportAfter(
  tx: Tx,
  actor: Actor,
  id: string,
  before: SeriesView,
  occurrences: OccurrenceOutcome[],
): Promise<ScheduleReport> {
  const after = toSeriesView((await findSeries(tx, actor.organisationId, id))!);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'scheduled_service',
    entityId: id,
    before,
    after,
  });
  return { series: after, occurrences };
}

/**
 * A rule that does not parse, or whose UNTIL is before the start, is invalid input naming `rrule` with the
 * engine's reason; an end date before the start date is invalid input naming `endDate`.
 */
export function checkRule(s: Parameters<typeof validateSeriesRule>[0] & { endDate?: string | null }) {
  if (s.endDate && s.endDate < s.startDate)
    throw invalid('endDate', `is before the start date (${s.startDate}): the series would book nothing`);
  try {
    validateSeriesRule(s);
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalid('rrule', `${error.field}: ${error.reason}`);
    throw error;
  }
}

async function checkRefs(
  tx: Tx,
  actor: Actor,
  refs: { serviceTypeId?: string; staffId?: string | null; contractId?: string | null },
  clientId: string,
) {
  if (
    refs.contractId &&
    !(await findClientContractDates(tx, actor.organisationId, clientId, refs.contractId))
  )
    throw invalid('contractId', 'is not a contract of this client');
  if (refs.serviceTypeId && !(await serviceTypeExists(tx, actor.organisationId, refs.serviceTypeId)))
    throw invalid('serviceTypeId', 'is not an active service type of this organisation');
  if (refs.staffId) {
    const staff = await findAssignableStaff(tx, actor.organisationId, refs.staffId);
    if (!staff?.active || !staff.delivers_services)
      throw invalid('staffId', 'is not an active staff member who delivers services');
  }
}

async function generateAhead(tx: Tx, actor: Actor, series: SeriesRecord, now: Temporal.Instant) {
  const to = horizonEnd(now, await horizonWeeks(tx, actor.organisationId));
  return syncSeries(tx, actor.organisationId, series, now, to, actor.userId);
}

export async function createSeries(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: SeriesInput,
  now: Temporal.Instant,
): Promise<ScheduleReport> {
  const client = await findClientZone(tx, actor.organisationId, clientId);
  if (!client) throw notFound('Client');
  const definition = { ...input, timeZone: client.timeZone };
  checkRule(definition);
  await checkRefs(tx, actor, input, clientId);
  const id = await insertSeries(tx, actor.organisationId, { ...definition, clientId }, actor.userId);
  const series = (await findSeries(tx, actor.organisationId, id))!;
  const occurrences = series.status === 'active' ? await generateAhead(tx, actor, series, now) : [];
  const after = toSeriesView((await findSeries(tx, actor.organisationId, id))!);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'scheduled_service',
    entityId: id,
    after,
  });
  return { series: after, occurrences };
}

/** A draft generates nothing; activating it generates its bookings over the horizon. */
export async function activateSeries(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<ScheduleReport> {
  const series = await findSeries(tx, actor.organisationId, id, true);
  if (!series) throw notFound('Scheduled service');
  if (series.status !== 'draft') throw conflict(`This scheduled service is already ${series.status}`);
  await updateSeries(tx, actor.organisationId, id, { status: 'active' });
  const occurrences = await generateAhead(tx, actor, { ...series, status: 'active' }, now);
  return reportAfter(tx, actor, id, toSeriesView(series), occurrences);
}

/**
 * "series": the whole series changes from now on. "following": the series is split at `fromDate`; the later
 * part becomes a new series with the changes. Individually edited and delivered bookings are kept and reported.
 */
export async function editSeries(
  tx: Tx,
  actor: Actor,
  id: string,
  edit: { scope: 'series' | 'following'; fromDate?: string; changes: SeriesChanges },
  now: Temporal.Instant,
): Promise<ScheduleReport> {
  const current = await findSeries(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Scheduled service');
  if (current.status === 'ended') throw conflict('This scheduled service has ended');
  await checkRefs(tx, actor, edit.changes, current.clientId);
  const before = toSeriesView(current);

  if (edit.scope === 'series') {
    checkRule({ ...current, ...edit.changes });
    await updateSeries(tx, actor.organisationId, id, edit.changes);
    const series = (await findSeries(tx, actor.organisationId, id))!;
    const occurrences = series.status === 'active' ? await generateAhead(tx, actor, series, now) : [];
    return reportAfter(tx, actor, id, before, occurrences);
  }

  if (!edit.fromDate) throw invalid('fromDate', 'is required for scope "following"');
  if (edit.fromDate <= current.startDate)
    throw invalid('fromDate', 'must be after the first day; edit the whole series instead');
  if (current.endDate && edit.fromDate > current.endDate)
    throw invalid('fromDate', 'is after the series ends');
  const laterDefinition = { ...current, ...edit.changes, startDate: edit.fromDate };
  checkRule(laterDefinition);
  const laterId = await insertSeries(
    tx,
    actor.organisationId,
    { ...laterDefinition, splitFromId: id },
    actor.userId,
  );
  await copySeriesSession(tx, actor.organisationId, id, laterId);
  // The later bookings move to the new series first, so the sync updates them in place (feeds keep their UIDs).
  const fromStart = startOfLocalDay(edit.fromDate, current.timeZone);
  const moving = await seriesBookingsFrom(tx, actor.organisationId, id, fromStart, current.timeZone);
  await reassignSeries(
    tx,
    actor.organisationId,
    moving.map((b) => b.bookingId),
    laterId,
  );
  await updateSeries(tx, actor.organisationId, id, { endDate: dayBefore(edit.fromDate) });
  const laterSeries = (await findSeries(tx, actor.organisationId, laterId))!;
  const from = later(now, fromStart);
  const occurrences =
    laterSeries.status === 'active'
      ? await syncSeries(
          tx,
          actor.organisationId,
          laterSeries,
          from,
          horizonEnd(now, await horizonWeeks(tx, actor.organisationId)),
          actor.userId,
        )
      : [];
  const after = toSeriesView((await findSeries(tx, actor.organisationId, laterId))!);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'scheduled_service',
    entityId: id,
    before,
    after: { splitInto: laterId },
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'scheduled_service',
    entityId: laterId,
    after,
  });
  return { series: after, occurrences };
}

/**
 * Ends the series after `endDate` (or, with `remove`, from now): future bookings still booked are removed;
 * delivered and cancelled ones are never touched. A series with nothing delivered and removed entirely is deleted.
 */
export async function endSeries(
  tx: Tx,
  actor: Actor,
  id: string,
  endDate: string | null,
  now: Temporal.Instant,
): Promise<ScheduleReport> {
  const current = await findSeries(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Scheduled service');
  const before = toSeriesView(current);
  const cutoff = endDate ? startOfLocalDay(dayAfter(endDate), current.timeZone) : now;
  const from = later(now, cutoff);
  const future = await seriesBookingsFrom(tx, actor.organisationId, id, from, current.timeZone);
  // Delivered and cancelled occurrences stay: a cancellation carries who cancelled, when the provider was told
  // and any charge (a group's cancelled clients too), which billing and the NDIS rules read.
  const kept = (b: (typeof future)[number]) => b.status === 'completed' || b.status === 'cancelled';
  const removed = future.filter((b) => !kept(b)).map((b) => b.bookingId);
  await deleteNoticesOf(tx, actor.organisationId, removed);
  await deleteBookings(tx, actor.organisationId, removed);
  const occurrences: OccurrenceOutcome[] = future.map((b) => ({
    ...occurrenceTimes(b, current.timeZone),
    action: kept(b) ? 'keep' : 'delete',
    bookingId: b.bookingId,
    result: kept(b) ? 'kept' : 'done',
    ...(kept(b) ? { reason: b.status === 'completed' ? 'delivered' : 'cancelled' } : {}),
  }));
  const lastDay = endDate ?? dayBefore(now.toZonedDateTimeISO(current.timeZone).toPlainDate().toString());
  const endsBeforeStart = lastDay < current.startDate;
  await updateSeries(tx, actor.organisationId, id, {
    endDate: endsBeforeStart ? current.startDate : lastDay,
    status:
      endDate && endDate >= now.toZonedDateTimeISO(current.timeZone).toPlainDate().toString()
        ? current.status
        : 'ended',
  });
  return reportAfter(tx, actor, id, before, occurrences);
}
