import type { Temporal } from 'temporal-polyfill';
import { findAssignableStaff, findOverlapping, findResourceOverlapping } from '../bookings/booking.store.js';
import { describeBooking } from '../bookings/booking-view.js';
import { ParticipantOverlapError, subjectExists } from '../bookings/booking-write.store.js';
import { findResource } from '../bookings/resource.store.js';
import type { NewService } from '../bookings/session-parts.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { serviceTypeExists } from '../scheduling/schedule.store.js';
import { conflict, DomainError, type FieldIssue } from '../shared/domain-error.js';
import type { ServiceInput } from './session.schemas.js';
import { contractClient } from './session-read.store.js';

/** Checks shared by the session actions: every reference exists, and refusals name what is in the way. */

export function throwIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new DomainError('invalid', 'The session is not valid', issues);
}

export async function checkWorker(
  tx: Tx,
  actor: Actor,
  staffId: string,
  field: string,
  issues: FieldIssue[],
) {
  const staff = await findAssignableStaff(tx, actor.organisationId, staffId);
  if (!staff) issues.push({ field, reason: 'is not a staff member of this organisation' });
  else if (!staff.active || !staff.delivers_services)
    issues.push({ field, reason: 'is not an active staff member who delivers services' });
}

export async function checkSubject(
  tx: Tx,
  actor: Actor,
  type: 'client' | 'resource',
  id: string,
  field: string,
  issues: FieldIssue[],
) {
  if (!(await subjectExists(tx, actor.organisationId, type, id)))
    issues.push({
      field,
      reason:
        type === 'resource'
          ? 'is not an active resource of this organisation'
          : `is not a ${type} of this organisation`,
    });
}

/** The contract must be one of `clientIds`' contracts; returns its client. */
export async function checkContract(
  tx: Tx,
  actor: Actor,
  contractId: string,
  clientIds: readonly string[],
  field: string,
  issues: FieldIssue[],
): Promise<string | null> {
  const owner = await contractClient(tx, actor.organisationId, contractId);
  if (!owner || !clientIds.includes(owner)) {
    issues.push({
      field,
      reason:
        clientIds.length === 1
          ? "is not a contract of the session's client"
          : 'is not a contract of a client of the session',
    });
    return null;
  }
  return owner;
}

export async function checkServiceTypes(tx: Tx, actor: Actor, ids: readonly string[], issues: FieldIssue[]) {
  for (const [i, id] of ids.entries())
    if (!(await serviceTypeExists(tx, actor.organisationId, id)))
      issues.push({
        field: `serviceTypeIds.${i}`,
        reason: 'is not an active service type of this organisation',
      });
}

/** Services as stored: contract services name their client; one is primary (the first marked, or the first). */
export async function resolveServices(
  tx: Tx,
  actor: Actor,
  services: readonly ServiceInput[],
  clientIds: readonly string[],
  issues: FieldIssue[],
  at = 'services',
): Promise<NewService[]> {
  const primaryIndex = Math.max(
    0,
    services.findIndex((s) => s.primary === true),
  );
  const out: NewService[] = [];
  for (const [i, s] of services.entries()) {
    const clientId =
      s.source === 'contract'
        ? await checkContract(tx, actor, s.contractId, clientIds, `${at}.${i}.contractId`, issues)
        : null;
    out.push({
      source: s.source,
      clientId,
      contractId: s.source === 'contract' ? s.contractId : null,
      name: s.name,
      supportItem: s.supportItem ?? null,
      ratio: s.ratio,
      hourlyRateMinor: s.source === 'adhoc' ? s.hourlyRateMinor : null,
      primary: i === primaryIndex,
    });
  }
  return out;
}

/** A 409 naming the first booking one of the workers already has in the period, if any. */
export async function firstOverlap(
  tx: Tx,
  actor: Actor,
  staffIds: readonly string[],
  period: { startsAt: Temporal.Instant; endsAt: Temporal.Instant },
  selfId: string | null = null,
): Promise<void> {
  for (const staffId of staffIds) {
    const other = await findOverlapping(
      tx,
      actor.organisationId,
      staffId,
      period.startsAt,
      period.endsAt,
      selfId,
    );
    if (other)
      throw conflict(`A worker is already booked for ${describeBooking(other)}`, {
        conflictingBookingId: other.id,
      });
  }
}

/** Turns the exclusion constraint's refusal into a 409 naming the booking in the way (and the resource). */
export async function namingOverlap<T>(
  tx: Tx,
  actor: Actor,
  subjects: { staffIds: readonly string[]; resourceIds?: readonly string[] },
  period: { startsAt: Temporal.Instant; endsAt: Temporal.Instant },
  selfId: string | null,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ParticipantOverlapError)) throw error;
    if (error.subject === 'staff') await firstOverlap(tx, actor, subjects.staffIds, period, selfId);
    if (error.subject === 'resource')
      for (const resourceId of subjects.resourceIds ?? []) {
        const other = await findResourceOverlapping(
          tx,
          actor.organisationId,
          resourceId,
          period.startsAt,
          period.endsAt,
          selfId,
        );
        const resource = other ? await findResource(tx, actor.organisationId, resourceId) : undefined;
        if (other)
          throw conflict(
            `${resource?.name ?? 'The resource'} is already booked for ${describeBooking(other)}`,
            {
              conflictingBookingId: other.id,
              resourceId,
            },
          );
      }
    throw conflict(
      `The ${error.subject === 'staff' ? 'worker' : 'resource'} is already booked at that time`,
      {
        conflictingBookingId: null,
      },
    );
  }
}
