import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import {
  deleteLeave,
  findLeave,
  findOverlappingLeave,
  insertLeave,
  LeaveOverlapError,
  listLeave,
  updateLeave,
} from '../availability/client-leave.store.js';
import type { LeaveRecord, LeaveType } from '../availability/client-leave.types.js';
import { leaveCovering, leaveWindow } from '../availability/leave-window.js';
import { announceClientLeave } from '../bookings/booking-events.action.js';
import { restoreAfterLeave, suspendForLeave } from '../bookings/client-leave-bookings.action.js';
import type { Actor } from '../identity/actor.js';
import { insertNotice } from '../notifications/notice.store.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { later } from '../shared/instant.js';

type Moved = { bookingId: string; name: string; startsAt: string };
export type LeaveReport = {
  leave: LeaveRecord | null;
  suspended: Moved[];
  restored: Moved[];
  notRestored: (Moved & { reason: string })[];
};
export type LeaveInput = { type: LeaveType; startsOn: string; endsOn: string | null; note: string | null };

const TYPES: Record<LeaveType, string> = {
  hospital: 'hospital',
  respite: 'respite',
  social_leave: 'social',
  holiday: 'holiday',
  transition_care: 'transition care',
  other: 'other',
};

/** ISO 8601 with the client's offset, like every other time the scheduling API returns. */
const zoned = (i: Temporal.Instant, zone: string) =>
  i.toZonedDateTimeISO(zone).toString({ timeZoneName: 'never' });

function when(startsAt: Temporal.Instant, zone: string) {
  return startsAt
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: 'never', smallestUnit: 'minute' })
    .replace('T', ' ')
    .slice(0, 16);
}

/** Suspends the client's booked services inside the leave (cancelled with reason "Client leave", kept). */
async function suspendInside(
  tx: Tx,
  actor: Actor,
  leave: LeaveRecord,
  clientName: string,
  zone: string,
  now: Temporal.Instant,
) {
  const window = leaveWindow(leave.startsOn, leave.endsOn, zone);
  const places = await suspendForLeave(tx, actor.organisationId, leave, later(window.from, now), window.to);
  const suspended: Moved[] = [];
  for (const b of places) {
    if (b.staffId)
      await insertNotice(tx, actor.organisationId, {
        staffId: b.staffId,
        bookingId: b.bookingId,
        message: `${clientName} is on ${TYPES[leave.type]} leave: "${b.name}" on ${when(b.startsAt, zone)} is suspended.`,
      });
    suspended.push({ bookingId: b.bookingId, name: b.name, startsAt: zoned(b.startsAt, zone) });
  }
  return suspended;
}

/** Restores suspended bookings that are now outside the leave, still in the future and still free of conflicts. */
async function restoreOutside(
  tx: Tx,
  actor: Actor,
  leave: LeaveRecord,
  window: ReturnType<typeof leaveWindow> | null,
  clientName: string,
  zone: string,
  now: Temporal.Instant,
) {
  const restored: Moved[] = [];
  const notRestored: (Moved & { reason: string })[] = [];
  // This leave as it now is, then the client's other leave: a visit another leave covers stays suspended.
  const others = (await listLeave(tx, actor.organisationId, leave.clientId))
    .filter((l) => l.id !== leave.id)
    .map((l) => ({ id: l.id, window: leaveWindow(l.startsOn, l.endsOn, zone) }));
  const windows = window === null ? others : [{ id: leave.id, window }, ...others];
  const coveredBy = (start: Temporal.Instant) => leaveCovering(start, windows);
  for (const r of await restoreAfterLeave(tx, actor.organisationId, leave.id, coveredBy, now)) {
    const b = r.place;
    const item = { bookingId: b.bookingId, name: b.name, startsAt: zoned(b.startsAt, zone) };
    if (r.restored) {
      restored.push(item);
      if (b.staffId)
        await insertNotice(tx, actor.organisationId, {
          staffId: b.staffId,
          bookingId: b.bookingId,
          message: `${clientName} is back: "${b.name}" on ${when(b.startsAt, zone)} is on again.`,
        });
    } else if (r.reason === 'past') notRestored.push({ ...item, reason: 'it is in the past' });
    else if (r.reason === 'other_leave')
      notRestored.push({ ...item, reason: 'another leave of the client covers it' });
    else
      notRestored.push({
        ...item,
        reason: `the staff member has since been booked${r.otherName ? ` for "${r.otherName}"` : ''}`,
      });
  }
  return { restored, notRestored };
}

const DAY = (d: string | null) => d ?? 'until further notice';

/** Tells the client (through the bookings port, in this transaction) what the leave write did to their visits. */
async function announce(
  tx: Tx,
  actor: Actor,
  leave: LeaveRecord,
  report: { suspended: Moved[]; restored: Moved[] },
  removed: boolean,
) {
  await announceClientLeave(tx, actor.organisationId, {
    clientId: leave.clientId,
    leave: { label: TYPES[leave.type], startsOn: leave.startsOn, endsOn: leave.endsOn },
    removed,
    suspended: report.suspended.map((m) => m.bookingId),
    restored: report.restored.map((m) => m.bookingId),
    actorStaffId: actor.staffId,
  });
}

/** The 409 for leave that shares a day with another leave of the client, naming that leave. */
async function refuseOverlap(
  tx: Tx,
  actor: Actor,
  clientId: string,
  period: LeaveInput,
  exceptId: string | null,
) {
  const other = await findOverlappingLeave(tx, actor.organisationId, clientId, period, exceptId);
  if (!other) return;
  throw conflict(
    `This leave overlaps the client's ${TYPES[other.type]} leave from ${other.startsOn} to ${DAY(other.endsOn)}; ` +
      'change that leave instead, or pick dates outside it',
    { conflictingLeaveId: other.id },
  );
}

/** Writes leave, turning the database's refusal of an overlap (a concurrent writer) into the same 409. */
async function writeLeave<T>(
  tx: Tx,
  actor: Actor,
  clientId: string,
  period: LeaveInput,
  exceptId: string | null,
  write: () => Promise<T>,
): Promise<T> {
  await refuseOverlap(tx, actor, clientId, period, exceptId);
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof LeaveOverlapError)) throw error;
    await refuseOverlap(tx, actor, clientId, period, exceptId);
    throw conflict("This leave overlaps another leave of the client's");
  }
}

export async function createLeave(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: LeaveInput,
  now: Temporal.Instant,
): Promise<LeaveReport> {
  const client = await findClientZone(tx, actor.organisationId, clientId);
  if (!client) throw notFound('Client');
  if (input.endsOn && input.endsOn < input.startsOn) throw invalid('endsOn', 'must not be before startsOn');
  const id = await writeLeave(tx, actor, clientId, input, null, () =>
    insertLeave(tx, actor.organisationId, { ...input, clientId }, actor.userId),
  );
  const leave = (await findLeave(tx, actor.organisationId, id))!;
  const suspended = await suspendInside(tx, actor, leave, client.name, client.timeZone, now);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'client_leave',
    entityId: id,
    after: { ...leave, suspended: suspended.length },
  });
  await announce(tx, actor, leave, { suspended, restored: [] }, false);
  return { leave, suspended, restored: [], notRestored: [] };
}

/** Shortening restores what falls outside; lengthening suspends what falls inside. */
export async function changeLeave(
  tx: Tx,
  actor: Actor,
  id: string,
  input: LeaveInput,
  now: Temporal.Instant,
): Promise<LeaveReport> {
  const before = await findLeave(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Leave');
  if (input.endsOn && input.endsOn < input.startsOn) throw invalid('endsOn', 'must not be before startsOn');
  const client = (await findClientZone(tx, actor.organisationId, before.clientId))!;
  await writeLeave(tx, actor, before.clientId, input, id, () =>
    updateLeave(tx, actor.organisationId, id, input),
  );
  const leave = (await findLeave(tx, actor.organisationId, id))!;
  const window = leaveWindow(leave.startsOn, leave.endsOn, client.timeZone);
  const { restored, notRestored } = await restoreOutside(
    tx,
    actor,
    leave,
    window,
    client.name,
    client.timeZone,
    now,
  );
  const suspended = await suspendInside(tx, actor, leave, client.name, client.timeZone, now);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client_leave',
    entityId: id,
    before,
    after: leave,
  });
  await announce(tx, actor, leave, { suspended, restored }, false);
  return { leave, suspended, restored, notRestored };
}

export async function removeLeave(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Temporal.Instant,
): Promise<LeaveReport> {
  const before = await findLeave(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Leave');
  const client = (await findClientZone(tx, actor.organisationId, before.clientId))!;
  const { restored, notRestored } = await restoreOutside(
    tx,
    actor,
    before,
    null,
    client.name,
    client.timeZone,
    now,
  );
  await deleteLeave(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'client_leave',
    entityId: id,
    before,
  });
  await announce(tx, actor, before, { suspended: [], restored }, true);
  return { leave: null, suspended: [], restored, notRestored };
}

/** The client's leave, newest first; another organisation's client (or a made-up id) is "not found". */
export async function listClientLeave(tx: Tx, actor: Actor, clientId: string): Promise<LeaveRecord[]> {
  if (!(await findClientZone(tx, actor.organisationId, clientId))) throw notFound('Client');
  return listLeave(tx, actor.organisationId, clientId);
}
