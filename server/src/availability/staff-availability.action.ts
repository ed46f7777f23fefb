import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { findStaff } from '../people/staff.store.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import type { WorkingWindow } from './availability.js';
import {
  availabilityOf,
  deleteStaffLeave,
  insertStaffLeave,
  replaceWorkingHours,
  staffLeaveOf,
  workingHoursOf,
} from './staff-availability.store.js';

export async function staffWorkingHours(tx: Tx, actor: Actor, staffId: string) {
  if (!(await availabilityOf(tx, actor.organisationId, staffId))) throw notFound('Staff member');
  return workingHoursOf(tx, actor.organisationId, staffId);
}

/** Replaces the weekly working hours; each window must end after it starts. */
export async function setWorkingHours(tx: Tx, actor: Actor, staffId: string, windows: WorkingWindow[]) {
  const before = await availabilityOf(tx, actor.organisationId, staffId);
  if (!before) throw notFound('Staff member');
  windows.forEach((w, i) => {
    if (w.endsAt <= w.startsAt) throw invalid(`items.${i}.endsAt`, 'must be after startsAt');
  });
  await replaceWorkingHours(tx, actor.organisationId, staffId, windows);
  const items = await workingHoursOf(tx, actor.organisationId, staffId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'staff_working_hours',
    entityId: staffId,
    before: before.workingHours,
    after: items,
  });
  return items;
}

/** Another organisation's staff member (or a made-up id) is "not found", never an empty list. */
export async function listStaffLeave(tx: Tx, actor: Actor, staffId: string) {
  if (!(await findStaff(tx, actor.organisationId, staffId))) throw notFound('Staff member');
  return staffLeaveOf(tx, actor.organisationId, staffId);
}

export async function recordStaffLeave(
  tx: Tx,
  actor: Actor,
  staffId: string,
  input: { startsOn: string; endsOn: string; reason: string | null },
) {
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'must not be before startsOn');
  if (!(await availabilityOf(tx, actor.organisationId, staffId))) throw notFound('Staff member');
  const leave = await insertStaffLeave(tx, actor.organisationId, staffId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'staff_leave',
    entityId: leave.id,
    after: leave,
  });
  return leave;
}

export async function removeStaffLeave(tx: Tx, actor: Actor, id: string) {
  if (!(await deleteStaffLeave(tx, actor.organisationId, id))) throw notFound('Staff leave');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'staff_leave',
    entityId: id,
  });
}
