import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { type Actor, can } from '../identity/actor.js';
import type { Permission } from '../identity/permissions.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError, invalid, notFound } from '../shared/domain-error.js';
import { isHolidayRegion } from '../shared/public-holidays.js';
import {
  type BreakRow,
  breaksOf,
  deleteBreak,
  deleteSchedule,
  findBreakOwner,
  findScheduleOwner,
  insertBreak,
  insertSchedule,
  schedulesOf,
  setHolidayRegion,
  staffScheduleContext,
  updateSchedule,
  type WorkScheduleWrite,
} from './work-schedule.store.js';

/**
 * Schedules and breaks are managed by staff managers, and by associates for themselves (an associate books their
 * own rebookings and adds their own breaks). Someone else's are "not found" to an associate.
 */
async function ownerOrManager(tx: Tx, actor: Actor, staffId: string, forUpdate = false) {
  const staff = await staffScheduleContext(tx, actor.organisationId, staffId, forUpdate);
  if (!staff) throw notFound('Staff member');
  if (
    staffId !== actor.staffId &&
    !['staff.manage', 'bookings.read', 'bookings.write'].some((p) => can(actor, p as Permission))
  )
    throw notFound('Staff member');
  return staff;
}

function writeGuard(actor: Actor, staffId: string) {
  if (staffId !== actor.staffId && !can(actor, 'staff.manage'))
    throw new DomainError('forbidden', "Only a staff manager can change another staff member's schedules");
}

/** Each line must end after it starts, and no two lines of one schedule may overlap. */
function checkLines(lines: WorkScheduleWrite['lines']) {
  lines.forEach((l, i) => {
    if (l.endsAt <= l.startsAt) throw invalid(`lines.${i}.endsAt`, 'must be after the start time');
    lines.forEach((o, j) => {
      if (j < i && o.weekday === l.weekday && o.startsAt < l.endsAt && l.startsAt < o.endsAt)
        throw invalid(`lines.${i}.startsAt`, `overlaps line ${j + 1} on the same day`);
    });
  });
}

export async function workSchedules(tx: Tx, actor: Actor, staffId: string) {
  const staff = await ownerOrManager(tx, actor, staffId);
  return {
    timeZone: staff.timeZone,
    holidayRegion: staff.holidayRegion,
    items: await schedulesOf(tx, actor.organisationId, staffId),
  };
}

export async function createWorkSchedule(tx: Tx, actor: Actor, staffId: string, input: WorkScheduleWrite) {
  await ownerOrManager(tx, actor, staffId, true);
  writeGuard(actor, staffId);
  checkLines(input.lines);
  const id = await insertSchedule(tx, actor.organisationId, staffId, input);
  const after = (await schedulesOf(tx, actor.organisationId, staffId)).find((s) => s.id === id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'work_schedule',
    entityId: id,
    after,
  });
  return after as NonNullable<typeof after>;
}

export async function changeWorkSchedule(tx: Tx, actor: Actor, id: string, input: WorkScheduleWrite) {
  const owner = await findScheduleOwner(tx, actor.organisationId, id, true);
  if (!owner) throw notFound('Work schedule');
  await ownerOrManager(tx, actor, owner.staffId);
  writeGuard(actor, owner.staffId);
  checkLines(input.lines);
  const before = (await schedulesOf(tx, actor.organisationId, owner.staffId)).find((s) => s.id === id);
  await updateSchedule(tx, actor.organisationId, id, input);
  const after = (await schedulesOf(tx, actor.organisationId, owner.staffId)).find((s) => s.id === id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'work_schedule',
    entityId: id,
    before,
    after,
  });
  return after as NonNullable<typeof after>;
}

export async function removeWorkSchedule(tx: Tx, actor: Actor, id: string) {
  const owner = await findScheduleOwner(tx, actor.organisationId, id, true);
  if (!owner) throw notFound('Work schedule');
  await ownerOrManager(tx, actor, owner.staffId);
  writeGuard(actor, owner.staffId);
  const before = (await schedulesOf(tx, actor.organisationId, owner.staffId)).find((s) => s.id === id);
  await deleteSchedule(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'work_schedule',
    entityId: id,
    before,
  });
}

/** The region whose public holidays block the associate's schedules; null blocks none. */
export async function changeHolidayRegion(tx: Tx, actor: Actor, staffId: string, region: string | null) {
  const staff = await ownerOrManager(tx, actor, staffId, true);
  writeGuard(actor, staffId);
  if (region !== null && !isHolidayRegion(region))
    throw invalid('holidayRegion', 'is not a known country or state, e.g. "AU-NSW"');
  await setHolidayRegion(tx, actor.organisationId, staffId, region);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'staff_holiday_region',
    entityId: staffId,
    before: { holidayRegion: staff.holidayRegion },
    after: { holidayRegion: region },
  });
  return { holidayRegion: region };
}

export async function staffBreaks(tx: Tx, actor: Actor, staffId: string) {
  await ownerOrManager(tx, actor, staffId);
  return breaksOf(tx, actor.organisationId, staffId);
}

export async function addStaffBreak(tx: Tx, actor: Actor, staffId: string, input: Omit<BreakRow, 'id'>) {
  await ownerOrManager(tx, actor, staffId, true);
  writeGuard(actor, staffId);
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'must not be before the first day');
  if ((input.fromTime === null) !== (input.toTime === null))
    throw invalid(
      input.fromTime === null ? 'fromTime' : 'toTime',
      'is needed for a part-day break (give both times, or neither)',
    );
  if (
    input.fromTime !== null &&
    input.toTime !== null &&
    input.startsOn === input.endsOn &&
    input.toTime <= input.fromTime
  )
    throw invalid('toTime', 'must be after the start time');
  const row = await insertBreak(tx, actor.organisationId, staffId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'staff_break',
    entityId: row.id,
    after: row,
  });
  return row;
}

export async function removeStaffBreak(tx: Tx, actor: Actor, id: string) {
  const owner = await findBreakOwner(tx, actor.organisationId, id);
  if (!owner) throw notFound('Break');
  await ownerOrManager(tx, actor, owner.staffId);
  writeGuard(actor, owner.staffId);
  await deleteBreak(tx, actor.organisationId, id);
  await recordAudit(tx, { ...auditBy(actor), action: 'delete', entityType: 'staff_break', entityId: id });
}
