import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { availabilityOf } from '../availability/staff-availability.store.js';
import { extraSoftConflicts } from '../bookings/booking-checks.action.js';
import { overrideDecision } from '../bookings/booking-rules.js';
import { endOf, localToInstant } from '../bookings/booking-time.js';
import {
  BookingFullError,
  clientBookingsBetween,
  type SessionExtras,
  writeNewBooking,
} from '../bookings/booking-write.store.js';
import { softConflicts } from '../bookings/soft-conflicts.js';
import type { Actor } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { activateSeries, createSeries } from '../scheduling/series.action.js';
import { addToRoster, setSeriesSession } from '../scheduling/series-session.store.js';
import { conflict, type FieldIssue, notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';
import type { SessionInput, SessionView } from './session.schemas.js';
import {
  checkContract,
  checkServiceTypes,
  checkSubject,
  checkWorker,
  firstOverlap,
  namingOverlap,
  resolveServices,
  throwIssues,
} from './session-checks.action.js';

export type SessionCreated = {
  session: SessionView;
  seriesId: string | null;
  occurrences: {
    localDate: string;
    bookingId: string | null;
    result: 'done' | 'conflict' | 'kept';
    reason?: string;
    conflictingBookingId?: string;
  }[];
};

function duplicates(ids: readonly string[], field: string, issues: FieldIssue[]) {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) issues.push({ field: `${field}.${i}`, reason: 'is named twice' });
    seen.add(id);
  }
}

/**
 * Creates an individual appointment or a group session with all its clients, workers, resources, services and
 * tags in one write (the booking write path's savepoint): a worker or resource booked elsewhere refuses the
 * whole session, naming the booking in the way. With a recurrence, a scheduled service carries the same
 * session (its roster and template) and generates the occurrences.
 */
export async function createSession(
  tx: Tx,
  actor: Actor,
  input: SessionInput,
  now: Temporal.Instant,
): Promise<SessionCreated> {
  const org = actor.organisationId;
  const issues: FieldIssue[] = [];
  if (input.category === 'visit') {
    if (input.clients.length > 1)
      issues.push({
        field: 'clients',
        reason: 'must name one client for an individual appointment; make it a group',
      });
    if (input.capacity !== null) issues.push({ field: 'capacity', reason: 'is only for a group session' });
  } else if (input.capacity === null)
    issues.push({ field: 'capacity', reason: 'is required for a group session' });
  else if (input.clients.length > input.capacity)
    issues.push({
      field: 'clients',
      reason: `names ${input.clients.length} clients, more than the capacity of ${input.capacity}`,
    });
  const clientIds = input.clients.map((c) => c.clientId);
  duplicates(clientIds, 'clients', issues);
  duplicates(
    input.workers.map((w) => w.staffId),
    'workers',
    issues,
  );
  duplicates(
    input.resources.map((r) => r.resourceId),
    'resources',
    issues,
  );
  const lead = await findClientZone(tx, org, input.clients[0]!.clientId);
  if (!lead) throw notFound('Client');
  for (const [i, c] of input.clients.entries()) {
    if (i > 0) await checkSubject(tx, actor, 'client', c.clientId, `clients.${i}.clientId`, issues);
    if (c.contractId !== null)
      await checkContract(tx, actor, c.contractId, [c.clientId], `clients.${i}.contractId`, issues);
  }
  for (const [i, w] of input.workers.entries())
    await checkWorker(tx, actor, w.staffId, `workers.${i}.staffId`, issues);
  for (const [i, r] of input.resources.entries())
    await checkSubject(tx, actor, 'resource', r.resourceId, `resources.${i}.resourceId`, issues);
  await checkServiceTypes(tx, actor, input.serviceTypeIds, issues);
  const services = await resolveServices(tx, actor, input.services, clientIds, issues);
  if (input.recurrence && input.serviceTypeIds.length === 0)
    issues.push({
      field: 'serviceTypeIds',
      reason: 'must name at least one session type for a recurring session',
    });
  throwIssues(issues);

  const extras: SessionExtras = {
    leadContractId: input.clients[0]!.contractId,
    participants: [
      ...input.clients.slice(1).map((c) => ({
        type: 'client' as const,
        subjectId: c.clientId,
        role: null,
        contractId: c.contractId,
      })),
      ...input.workers.slice(1).map((w) => ({
        type: 'staff' as const,
        subjectId: w.staffId,
        role: w.role ?? null,
        contractId: null,
      })),
      ...input.resources.map((r) => ({
        type: 'resource' as const,
        subjectId: r.resourceId,
        role: r.role ?? null,
        contractId: null,
      })),
    ],
    services,
    serviceTypeIds: input.serviceTypeIds,
  };
  const leadStaffId = input.workers[0]?.staffId ?? null;
  const staffIds = input.workers.map((w) => w.staffId);

  if (input.recurrence) return createRecurring(tx, actor, input, extras, leadStaffId, now);

  const startsAt = localToInstant(input, lead.timeZone);
  const endsAt = endOf(startsAt, input.durationMinutes);
  // Soft conflicts (a client booked already, the lead worker away) need a reason, as a single booking does.
  const availability = leadStaffId ? await availabilityOf(tx, org, leadStaffId) : null;
  const warnings: string[] = [];
  for (const clientId of clientIds) {
    const theirs = await clientBookingsBetween(tx, org, clientId, startsAt, endsAt);
    for (const w of softConflicts(
      { start: startsAt, end: endsAt },
      theirs,
      { bookingId: null, seriesId: null },
      clientId === clientIds[0] ? availability : null,
    ))
      if (!warnings.includes(w)) warnings.push(w);
  }
  // Funding (ndis/, through bookings' port): each client's share of the ad hoc services' hourly rates.
  const share = input.services.reduce(
    (a, s) =>
      a + (s.source === 'adhoc' ? Math.round((s.hourlyRateMinor * input.durationMinutes) / 60 / s.ratio) : 0),
    0,
  );
  const draws = clientIds.map((clientId) => ({
    clientId,
    date: input.bookingDate,
    serviceTypeId: input.serviceTypeIds[0] ?? null,
    amountMinor: share,
  }));
  for (const w of await extraSoftConflicts(tx, org, share > 0 ? draws : []))
    if (!warnings.includes(w)) warnings.push(w);
  const decision = overrideDecision(warnings, input.overrideReason);
  if (!decision.go) {
    // A hard overlap is named first: no reason is asked for a session that could not be made anyway.
    await firstOverlap(tx, actor, staffIds, { startsAt, endsAt });
    throw conflict(decision.message, { softConflicts: warnings });
  }
  const booking = bookingOf(
    input,
    actor,
    lead.timeZone,
    startsAt,
    endsAt,
    leadStaffId,
    extras,
    decision.override,
  );
  const resourceIds = input.resources.map((r) => r.resourceId);
  const id = await namingOverlap(
    tx,
    actor,
    { staffIds, resourceIds },
    { startsAt, endsAt },
    null,
    async () => {
      try {
        return await writeNewBooking(tx, org, booking);
      } catch (error) {
        if (error instanceof BookingFullError) throw conflict('This session is full');
        throw error;
      }
    },
  );
  const session = await loadSession(tx, org, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'booking',
    entityId: id,
    after: session,
  });
  return { session, seriesId: null, occurrences: [] };
}

function bookingOf(
  input: SessionInput,
  actor: Actor,
  timeZone: string,
  startsAt: Temporal.Instant,
  endsAt: Temporal.Instant,
  leadStaffId: string | null,
  session: SessionExtras,
  override: { reason: string; warnings: string[] } | null,
) {
  return {
    kind: 'adhoc' as const,
    category: input.category,
    capacity: input.capacity,
    name: input.name,
    startsAt,
    endsAt,
    timeZone,
    notes: input.notes,
    status: 'booked' as const,
    cancellationReason: null,
    seriesId: null,
    originalStart: null,
    serviceTypeId: input.serviceTypeIds[0] ?? null,
    createdByUserId: actor.userId,
    clientId: input.clients[0]!.clientId,
    assignee: { staffId: leadStaffId, providerId: null },
    override,
    session,
  };
}

/** A recurring session: a scheduled service with the session's roster and template, activated at once. */
async function createRecurring(
  tx: Tx,
  actor: Actor,
  input: SessionInput,
  extras: SessionExtras,
  leadStaffId: string | null,
  now: Temporal.Instant,
): Promise<SessionCreated> {
  const org = actor.organisationId;
  const created = await createSeries(
    tx,
    actor,
    input.clients[0]!.clientId,
    {
      serviceTypeId: input.serviceTypeIds[0]!,
      name: input.name,
      startDate: input.bookingDate,
      startTime: input.startTime,
      rrule: input.recurrence!.rrule,
      endDate: input.recurrence!.endDate,
      durationMinutes: input.durationMinutes,
      staffId: leadStaffId,
      notes: input.notes,
      // The series names the contract its lead client is charged on (billing's contract dates).
      contractId: extras.leadContractId,
      status: 'draft',
    },
    now,
  );
  const seriesId = created.series!.id;
  await setSeriesSession(tx, org, seriesId, {
    category: input.category,
    capacity: input.capacity,
    template: {
      leadContractId: extras.leadContractId,
      services: extras.services,
      serviceTypeIds: extras.serviceTypeIds,
    },
  });
  await addToRoster(
    tx,
    org,
    seriesId,
    extras.participants.map((p) => ({ ...p, fromDate: input.bookingDate })),
  );
  const report = await activateSeries(tx, actor, seriesId, now);
  const first = report.occurrences.find((o) => o.result === 'done' && o.bookingId !== null);
  if (!first)
    throw conflict('No session of this recurrence could be booked', {
      occurrences: report.occurrences.map((o) => ({ localDate: o.localDate, reason: o.reason ?? null })),
    });
  return {
    session: await loadSession(tx, org, first.bookingId!),
    seriesId,
    occurrences: report.occurrences.map((o) => ({
      localDate: o.localDate,
      bookingId: o.bookingId,
      result: o.result,
      ...(o.reason ? { reason: o.reason } : {}),
      ...(o.conflictingBookingId ? { conflictingBookingId: o.conflictingBookingId } : {}),
    })),
  };
}
