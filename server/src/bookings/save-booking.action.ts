import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { availabilityOf } from '../availability/staff-availability.store.js';
import type { Actor } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, invalid, notFound } from '../shared/domain-error.js';
import type { BookingInput, BookingPatch, BookingView } from './booking.schemas.js';
import {
  findAssignableStaff,
  findBooking,
  findClientContractDates,
  findOverlapping,
  invoiceNumberOf,
  providerExists,
} from './booking.store.js';
import { extraSoftConflicts } from './booking-checks.action.js';
import { announceBookingEvent } from './booking-events.action.js';
import { overrideDecision, refusalFor } from './booking-rules.js';
import { endOf, instantToLocal, localToInstant, minutesBetween } from './booking-time.js';
import { describeBooking } from './booking-view.js';
import {
  clientBookingsBetween,
  ParticipantOverlapError,
  rewriteBooking,
  subjectExists,
  writeNewBooking,
} from './booking-write.store.js';
import { completeVisit, invoicedRefusal } from './complete-visit.action.js';
import { type SoftConflictOverride, setDeliveryContract } from './delivery.store.js';
import { type Assignee as LeadAssignee, tryClaimStaffHours } from './participant.store.js';
import { loadBookingView } from './read-bookings.action.js';
import { softConflicts } from './soft-conflicts.js';

/** What a single write decides: when, who leads it, and any soft conflicts overridden. */
type BookingWrite = {
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  notes: string | null;
} & LeadAssignee & { override?: SoftConflictOverride | null };

type Assignee = BookingInput['assignee'];

async function resolveAssignee(tx: Tx, actor: Actor, assignee: Assignee) {
  if (assignee === null) return { staffId: null, providerId: null };
  if (assignee.type === 'staff') {
    const staff = await findAssignableStaff(tx, actor.organisationId, assignee.id);
    if (!staff) throw invalid('assignee.id', 'is not a staff member of this organisation');
    if (!staff.active || !staff.delivers_services)
      throw invalid('assignee.id', 'is not an active staff member who delivers services');
    return { staffId: staff.id, providerId: null };
  }
  if (!(await providerExists(tx, actor.organisationId, assignee.id)))
    throw invalid('assignee.id', 'is not an external provider of this organisation');
  return { staffId: null, providerId: assignee.id };
}

/** The assignee's other booking that `write`'s time overlaps, if any. */
async function bookingInTheWay(tx: Tx, actor: Actor, write: BookingWrite, selfId: string | null) {
  if (write.staffId === null) return undefined;
  return findOverlapping(tx, actor.organisationId, write.staffId, write.startsAt, write.endsAt, selfId);
}

/**
 * Claims the staff member's hours for this write before any other check, so contenders for the same time
 * learn at once: someone else is booking it right now (409, try again), or a committed booking is in the way
 * (409 naming it; with the hours claimed, no other writer can add one meanwhile).
 */
async function claimStaffTime(tx: Tx, actor: Actor, write: BookingWrite, selfId: string | null) {
  if (write.staffId === null) return;
  if (!(await tryClaimStaffHours(tx, actor.organisationId, write.staffId, write.startsAt, write.endsAt)))
    throw conflict(
      'Someone else is booking this staff member at an overlapping time right now; try again in a moment',
      { beingBooked: true },
    );
  const other = await bookingInTheWay(tx, actor, write, selfId);
  if (other) throw staffBusy(other);
}

/** A 409 that names the booking in the way. */
function staffBusy(other: Awaited<ReturnType<typeof bookingInTheWay>>) {
  return conflict(
    other
      ? `${other.staffName} is already booked for ${describeBooking(other)}`
      : 'The staff member is already booked at that time',
    { conflictingBookingId: other?.id ?? null },
  );
}

/** Turns the constraint's refusal into a 409 that names the booking in the way. */
async function withOverlapCheck<T>(
  tx: Tx,
  actor: Actor,
  write: BookingWrite,
  selfId: string | null,
  run: () => Promise<T>,
) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ParticipantOverlapError) || write.staffId === null) throw error;
    throw staffBusy(await bookingInTheWay(tx, actor, write, selfId));
  }
}

/**
 * Soft conflicts need a reason to go ahead. A refusal still names a hard overlap first, so the user is not
 * asked for a reason for a booking that could not be made anyway.
 */
async function decideOverride(
  tx: Tx,
  actor: Actor,
  clientId: string,
  write: BookingWrite,
  selfId: string | null,
  reason: string | undefined,
  contractId: string | null,
) {
  const period = { start: write.startsAt, end: write.endsAt };
  const [clientBookings, availability] = await Promise.all([
    clientBookingsBetween(tx, actor.organisationId, clientId, write.startsAt, write.endsAt),
    write.staffId ? availabilityOf(tx, actor.organisationId, write.staffId) : Promise.resolve(null),
  ]);
  const warnings = softConflicts(period, clientBookings, { bookingId: selfId, seriesId: null }, availability);
  // Funding and price limits (ndis/, through bookings' port): the visit is priced by its contract.
  const extra = await extraSoftConflicts(tx, actor.organisationId, [
    {
      clientId,
      date: instantToLocal(write.startsAt, write.timeZone).bookingDate,
      serviceTypeId: null,
      amountMinor: null,
      visit: {
        bookingId: selfId,
        startsAt: write.startsAt,
        endsAt: write.endsAt,
        contractId,
        staffId: write.staffId,
      },
    },
  ]);
  for (const w of extra) if (!warnings.includes(w)) warnings.push(w);
  const decision = overrideDecision(warnings, reason);
  if (decision.go) return decision.override;
  const other = await bookingInTheWay(tx, actor, write, selfId);
  if (other) throw staffBusy(other);
  throw conflict(decision.message, { softConflicts: warnings });
}

/**
 * Creates an ad-hoc booking; `delivered` records it completed at its planned times (`now` guards that).
 * `otherClients` (a couple, family or group appointment) join the lead client in the same write, which makes
 * it a group booking with no capacity; `field` names them in a refusal.
 */
export async function createAdhocBooking(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: BookingInput,
  now?: Temporal.Instant,
  otherClients: { ids: readonly string[]; field: string } = { ids: [], field: 'participants' },
): Promise<BookingView> {
  const client = await findClientZone(tx, actor.organisationId, clientId);
  if (!client) throw notFound('Client');
  for (const [i, other] of otherClients.ids.entries()) {
    if (other === clientId || otherClients.ids.indexOf(other) !== i)
      throw invalid(`${otherClients.field}.${i}`, 'names a client who already takes part');
    if (!(await subjectExists(tx, actor.organisationId, 'client', other)))
      throw invalid(`${otherClients.field}.${i}`, 'is not a client of this organisation');
  }
  const group = otherClients.ids.length > 0;
  const startsAt = localToInstant(input, client.timeZone);
  const write: BookingWrite = {
    name: input.name,
    startsAt,
    endsAt: endOf(startsAt, input.durationMinutes),
    timeZone: client.timeZone,
    ...(await resolveAssignee(tx, actor, input.assignee)),
    notes: input.notes ?? null,
  };
  await claimStaffTime(tx, actor, write, null);
  await checkContract(tx, actor, clientId, input.contractId, input);
  write.override = await decideOverride(
    tx,
    actor,
    clientId,
    write,
    null,
    input.overrideReason,
    input.contractId ?? null,
  );
  const id = await withOverlapCheck(tx, actor, write, null, () =>
    writeNewBooking(tx, actor.organisationId, {
      kind: 'adhoc',
      category: group ? 'group' : 'visit',
      capacity: null,
      name: write.name,
      startsAt: write.startsAt,
      endsAt: write.endsAt,
      timeZone: write.timeZone,
      notes: write.notes,
      status: 'booked',
      cancellationReason: null,
      seriesId: null,
      originalStart: null,
      serviceTypeId: null,
      createdByUserId: actor.userId,
      clientId,
      assignee: { staffId: write.staffId, providerId: write.providerId },
      override: write.override ?? null,
      ...(group
        ? {
            session: {
              leadContractId: null,
              participants: otherClients.ids.map((id) => ({
                type: 'client' as const,
                subjectId: id,
                role: null,
                contractId: null,
              })),
              services: [],
              serviceTypeIds: [],
            },
          }
        : {}),
    }),
  );
  if (input.contractId) await setDeliveryContract(tx, actor.organisationId, id, clientId, input.contractId);
  const after = await loadBookingView(tx, actor.organisationId, id);
  await recordAudit(tx, { ...auditBy(actor), action: 'create', entityType: 'booking', entityId: id, after });
  await announceBookingEvent(tx, actor.organisationId, {
    kind: 'created',
    bookingId: id,
    source: 'single',
    notifyClient: input.notifyClient,
    actorStaffId: actor.staffId,
  });
  if (input.delivered) {
    if (now === undefined) throw new Error('createAdhocBooking: delivered needs now');
    return completeVisit(tx, actor, id, {}, now);
  }
  return after;
}

/**
 * Changes a booking. `now` (the caller's clock) guards completion: a visit cannot be completed before it
 * starts. Completing with what happened (actual times, mileage, a note) is completeVisit's.
 */
export async function changeBooking(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: BookingPatch,
  now?: Temporal.Instant,
): Promise<BookingView> {
  const current = await findBooking(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Booking');
  const onlyNotes = Object.keys(patch).every((k) => k === 'notes');
  const invoice = onlyNotes ? undefined : await invoiceNumberOf(tx, actor.organisationId, id);
  if (invoice) throw invoicedRefusal(invoice);
  const status = patch.status ?? current.status;
  const change = status === current.status ? 'edit' : status === 'completed' ? 'complete' : 'reopen';
  const refusal = refusalFor(current.status, change);
  if (refusal) throw new DomainError('conflict', refusal);

  const client = await findClientZone(tx, actor.organisationId, current.clientId);
  const zone = client?.timeZone ?? current.timeZone;
  const local = instantToLocal(current.startsAt, zone);
  const timeChanged = patch.bookingDate !== undefined || patch.startTime !== undefined;
  const startsAt = timeChanged
    ? localToInstant(
        {
          bookingDate: patch.bookingDate ?? local.bookingDate,
          startTime: patch.startTime ?? local.startTime,
        },
        zone,
      )
    : current.startsAt;
  const duration = patch.durationMinutes ?? minutesBetween(current.startsAt, current.endsAt);
  const assignee =
    patch.assignee !== undefined
      ? await resolveAssignee(tx, actor, patch.assignee)
      : { staffId: current.staffId, providerId: current.providerId };
  const write: BookingWrite = {
    name: patch.name ?? current.name,
    startsAt,
    endsAt: endOf(startsAt, duration),
    timeZone: zone,
    ...assignee,
    notes: patch.notes !== undefined ? patch.notes : current.notes,
  };
  if (change === 'complete' && now !== undefined && Temporal.Instant.compare(now, write.startsAt) < 0) {
    const start = instantToLocal(write.startsAt, zone);
    throw conflict(
      `This visit starts on ${start.bookingDate} at ${start.startTime} (${zone}); it can be completed once it has started`,
    );
  }
  if (patch.contractId !== undefined)
    await checkContract(tx, actor, current.clientId, patch.contractId, instantToLocal(write.startsAt, zone));
  const rescheduled =
    !write.startsAt.equals(current.startsAt) ||
    !write.endsAt.equals(current.endsAt) ||
    write.staffId !== current.staffId ||
    write.providerId !== current.providerId;
  if (rescheduled && status === 'booked') await claimStaffTime(tx, actor, write, id);
  if (rescheduled && status === 'booked')
    write.override = await decideOverride(
      tx,
      actor,
      current.clientId,
      write,
      id,
      patch.overrideReason,
      patch.contractId !== undefined ? patch.contractId : current.contractId,
    );
  const before = await loadBookingView(tx, actor.organisationId, id);
  await withOverlapCheck(tx, actor, write, id, () =>
    rewriteBooking(tx, actor.organisationId, id, {
      name: write.name,
      startsAt: write.startsAt,
      endsAt: write.endsAt,
      timeZone: write.timeZone,
      notes: write.notes,
      assignee: { staffId: write.staffId, providerId: write.providerId },
      ...(write.override !== undefined ? { override: write.override } : {}),
      ...(status !== current.status ? { status } : {}),
      cancellationReason: null,
      // "This occurrence" edits of a series are exceptions: series edits keep them.
      ...(current.seriesId !== null ? { isException: true } : {}),
    }),
  );
  if (patch.contractId !== undefined)
    await setDeliveryContract(tx, actor.organisationId, id, current.clientId, patch.contractId);
  const after = await loadBookingView(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  const moved = !write.startsAt.equals(current.startsAt) || !write.endsAt.equals(current.endsAt);
  const reassigned = write.staffId !== current.staffId;
  if (moved || reassigned || patch.notifyClient !== undefined)
    await announceBookingEvent(tx, actor.organisationId, {
      kind: 'changed',
      bookingId: id,
      source: 'single',
      notifyClient: patch.notifyClient,
      previousStartsAt: moved ? current.startsAt : undefined,
      previousStaffId: reassigned ? current.staffId : undefined,
      actorStaffId: actor.staffId,
      actor,
    });
  return after;
}

/**
 * The client contract a visit is charged on must be one of the client's and cover the visit's local date
 * (a visit outside a contract's dates is never priced by it).
 */
async function checkContract(
  tx: Tx,
  actor: Actor,
  clientId: string,
  contractId: string | null | undefined,
  local: { bookingDate: string },
) {
  if (contractId === null || contractId === undefined) return;
  const contract = await findClientContractDates(tx, actor.organisationId, clientId, contractId);
  if (!contract) throw invalid('contractId', 'is not a contract of this client');
  const date = local.bookingDate;
  if (date < contract.startDate || (contract.endDate !== null && date > contract.endDate))
    throw invalid(
      'contractId',
      `does not cover the visit's date ${date}: "${contract.name}" runs ${contract.startDate} to ${contract.endDate ?? 'open-ended'}`,
    );
}
