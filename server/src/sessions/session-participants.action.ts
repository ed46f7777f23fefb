import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import {
  AlreadyTakingPartError,
  BookingFullError,
  lockBooking,
  writeParticipant,
} from '../bookings/booking-write.store.js';
import { seriesBookingsFrom } from '../bookings/occurrence.store.js';
import { placesTaken } from '../bookings/participant.store.js';
import { removeParticipantRow, replaceWorker } from '../bookings/session-write.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { addToRoster } from '../scheduling/series-session.store.js';
import { conflict, type FieldIssue, notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';
import type { AddClientInput, AddResourceInput, AddWorkerInput, SessionView } from './session.schemas.js';
import {
  checkContract,
  checkSubject,
  checkWorker,
  namingOverlap,
  throwIssues,
} from './session-checks.action.js';
import { clientRows, findParticipant } from './session-read.store.js';

async function audited(tx: Tx, actor: Actor, id: string, before: SessionView) {
  const after = await loadSession(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before,
    after,
  });
  return after;
}

async function bookedSession(tx: Tx, actor: Actor, id: string) {
  const booking = await lockBooking(tx, actor.organisationId, id);
  if (!booking) throw notFound('Session');
  if (booking.status !== 'booked')
    throw conflict(`This session is ${booking.status}; only a booked session changes who takes part`);
  return booking;
}

/**
 * Gives the client a place in one session, under its row lock: a full group (taken ≥ capacity) is refused with
 * 409 before the insert, and the capacity trigger is the backstop. `skipPresent`: a client who already has a
 * row (booked, or cancelled on that date) is left as they are — a "following" add never undoes a cancellation.
 */
async function placeClient(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  input: { clientId: string; contractId: string | null },
  skipPresent: boolean,
): Promise<boolean> {
  const org = actor.organisationId;
  const booking = await bookedSession(tx, actor, bookingId);
  const rows = await clientRows(tx, org, bookingId, input.clientId);
  const active = rows.find((r) => r.status !== 'cancelled');
  if (skipPresent && rows.length > 0) return false;
  if (active) throw conflict('This client already takes part in this session');
  const taken = await placesTaken(tx, org, bookingId);
  if (booking.category !== 'group' && taken > 0)
    throw conflict('An individual appointment is for one client; make it a group session to add more');
  if (booking.capacity !== null && taken >= booking.capacity)
    throw conflict(`This session is full (${taken} of ${booking.capacity} places taken)`, {
      capacity: booking.capacity,
      taken,
      bookingId,
    });
  try {
    await writeParticipant(tx, org, {
      bookingId,
      type: 'client',
      subjectId: input.clientId,
      isLead: false,
      role: null,
      contractId: input.contractId,
    });
  } catch (error) {
    if (error instanceof BookingFullError) throw conflict('This session is full', { bookingId });
    if (error instanceof AlreadyTakingPartError)
      throw conflict('This client already takes part in this session');
    throw error;
  }
  return true;
}

/**
 * Adds a client to a session; with scope "following", also to every later booked session of its series (a
 * full one refuses the whole request, naming its date) and to the series' roster from this session's date.
 */
export async function addClient(
  tx: Tx,
  actor: Actor,
  id: string,
  input: AddClientInput,
): Promise<SessionView> {
  const org = actor.organisationId;
  const before = await loadSession(tx, org, id);
  const issues: FieldIssue[] = [];
  await checkSubject(tx, actor, 'client', input.clientId, 'clientId', issues);
  if (input.contractId !== null)
    await checkContract(tx, actor, input.contractId, [input.clientId], 'contractId', issues);
  throwIssues(issues);
  if (input.scope === 'following' && before.seriesId === null)
    throw conflict('This session is not part of a series; add the client with scope "this"');
  await placeClient(tx, actor, id, input, false);
  const after = await audited(tx, actor, id, before);
  if (input.scope === 'this') return after;

  const seriesId = before.seriesId!;
  const start = Temporal.Instant.from(before.startsAt);
  const later = await seriesBookingsFrom(tx, org, seriesId, start.add({ nanoseconds: 1 }), before.timeZone);
  for (const b of later) {
    if (b.status !== 'booked' || b.bookingId === id) continue;
    const earlier = await loadSession(tx, org, b.bookingId);
    try {
      if (await placeClient(tx, actor, b.bookingId, input, true))
        await audited(tx, actor, b.bookingId, earlier);
    } catch (error) {
      if (error instanceof Error && 'kind' in error && (error as { kind: string }).kind === 'conflict')
        throw conflict(
          `The session on ${b.localDate} is full: the client was not added from ${before.bookingDate}`,
          {
            bookingId: b.bookingId,
            date: b.localDate,
          },
        );
      throw error;
    }
  }
  await addToRoster(tx, org, seriesId, [
    {
      type: 'client',
      subjectId: input.clientId,
      role: null,
      contractId: input.contractId,
      fromDate: before.bookingDate,
    },
  ]);
  return after;
}

/** Assigns a worker; one booked elsewhere then is refused with 409 naming that booking. */
export async function addWorker(
  tx: Tx,
  actor: Actor,
  id: string,
  input: AddWorkerInput,
): Promise<SessionView> {
  const org = actor.organisationId;
  const booking = await bookedSession(tx, actor, id);
  const issues: FieldIssue[] = [];
  await checkWorker(tx, actor, input.staffId, 'staffId', issues);
  throwIssues(issues);
  const before = await loadSession(tx, org, id);
  const lead = before.workers.find((w) => w.lead && w.status !== 'cancelled');
  if (input.lead && lead) throw conflict(`${lead.name} leads this session; change that worker instead`);
  await namingOverlap(tx, actor, { staffIds: [input.staffId] }, booking, id, async () => {
    try {
      await writeParticipant(tx, org, {
        bookingId: id,
        type: 'staff',
        subjectId: input.staffId,
        isLead: input.lead || !lead,
        role: input.role ?? null,
      });
    } catch (error) {
      if (error instanceof AlreadyTakingPartError)
        throw conflict('This worker already takes part in this session');
      throw error;
    }
  });
  return audited(tx, actor, id, before);
}

/** Books a resource (a room, a vehicle) for the session; one booked elsewhere then is refused naming that booking. */
export async function addResource(
  tx: Tx,
  actor: Actor,
  id: string,
  input: AddResourceInput,
): Promise<SessionView> {
  const org = actor.organisationId;
  const booking = await bookedSession(tx, actor, id);
  const issues: FieldIssue[] = [];
  await checkSubject(tx, actor, 'resource', input.resourceId, 'resourceId', issues);
  throwIssues(issues);
  const before = await loadSession(tx, org, id);
  await namingOverlap(tx, actor, { staffIds: [], resourceIds: [input.resourceId] }, booking, id, async () => {
    try {
      await writeParticipant(tx, org, {
        bookingId: id,
        type: 'resource',
        subjectId: input.resourceId,
        isLead: false,
        role: input.role ?? null,
      });
    } catch (error) {
      if (error instanceof AlreadyTakingPartError)
        throw conflict('This resource is already booked for this session');
      throw error;
    }
  });
  return audited(tx, actor, id, before);
}

/** Another staff member takes a worker's place (and lead); the old row is kept, cancelled, as who it was. */
export async function changeWorker(
  tx: Tx,
  actor: Actor,
  id: string,
  participantId: string,
  staffId: string,
): Promise<SessionView> {
  const org = actor.organisationId;
  const booking = await bookedSession(tx, actor, id);
  const old = await findParticipant(tx, org, id, participantId);
  if (old?.type !== 'staff' || old.status === 'cancelled') throw notFound('Worker');
  if (old.subjectId === staffId) return loadSession(tx, org, id);
  const issues: FieldIssue[] = [];
  await checkWorker(tx, actor, staffId, 'staffId', issues);
  throwIssues(issues);
  const before = await loadSession(tx, org, id);
  await namingOverlap(tx, actor, { staffIds: [staffId] }, booking, id, async () => {
    try {
      await replaceWorker(tx, org, { ...old, staffId: old.subjectId }, staffId);
    } catch (error) {
      if (error instanceof AlreadyTakingPartError)
        throw conflict('This worker already takes part in this session');
      throw error;
    }
  });
  return audited(tx, actor, id, before);
}

/** Takes a participant off a booked session (entered by mistake); the last client stays (delete the session). */
export async function removeParticipant(
  tx: Tx,
  actor: Actor,
  id: string,
  participantId: string,
): Promise<SessionView> {
  const org = actor.organisationId;
  await bookedSession(tx, actor, id);
  const p = await findParticipant(tx, org, id, participantId);
  if (!p) throw notFound('Participant');
  const before = await loadSession(tx, org, id);
  if (p.type === 'client' && before.clients.filter((c) => c.participantId !== participantId).length === 0)
    throw conflict('A session keeps at least one client; delete or cancel the session instead');
  if (p.type === 'client' && p.isLead)
    throw conflict('The lead client cannot be taken off; cancel their attendance instead');
  await removeParticipantRow(tx, org, id, participantId);
  return audited(tx, actor, id, before);
}
