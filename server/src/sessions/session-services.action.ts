import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { lockBooking } from '../bookings/booking-write.store.js';
import { writeSessionServices, writeSessionServiceTypes } from '../bookings/session-write.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, type FieldIssue, notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';
import type { ServiceInput, SessionView } from './session.schemas.js';
import { checkServiceTypes, resolveServices, throwIssues } from './session-guards.js';

async function editable(tx: Tx, actor: Actor, id: string) {
  const booking = await lockBooking(tx, actor.organisationId, id);
  if (!booking) throw notFound('Session');
  if (booking.status !== 'booked')
    throw conflict(`This session is ${booking.status}; reset it first to change it`);
  return loadSession(tx, actor.organisationId, id);
}

/** Replaces the services of a booked session; a contract service must be a contract of one of its clients. */
export async function setServices(
  tx: Tx,
  actor: Actor,
  id: string,
  services: ServiceInput[],
): Promise<SessionView> {
  const before = await editable(tx, actor, id);
  const issues: FieldIssue[] = [];
  const clientIds = before.clients.map((c) => c.clientId);
  const resolved = await resolveServices(tx, actor, services, clientIds, issues);
  throwIssues(issues);
  await writeSessionServices(tx, actor.organisationId, id, resolved);
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

/** Replaces the session type tags of a booked session. */
export async function setServiceTypes(
  tx: Tx,
  actor: Actor,
  id: string,
  serviceTypeIds: string[],
): Promise<SessionView> {
  const before = await editable(tx, actor, id);
  const issues: FieldIssue[] = [];
  await checkServiceTypes(tx, actor, serviceTypeIds, issues);
  throwIssues(issues);
  await writeSessionServiceTypes(tx, actor.organisationId, id, serviceTypeIds);
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
