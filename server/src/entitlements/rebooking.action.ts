import { randomBytes } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { localOf } from '../availability/slot-search.js';
import { schedulesOf, staffScheduleContext } from '../availability/work-schedule.store.js';
import { endOf, localToInstant } from '../bookings/booking-time.js';
import { visibleBooking } from '../bookings/read-bookings.action.js';
import { type Actor, can } from '../identity/actor.js';
import { addMeetingLinkToConfirmation } from '../notifications/case-outbox.action.js';
import { recipientsOf } from '../notifications/enqueue.action.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, GENERIC_INVALID, invalid, notFound } from '../shared/domain-error.js';
import { casesOfClient, requestsOf } from './case.store.js';
import { bookCaseSession } from './case-sessions.action.js';
import { balanceOn, caseSummary, loadCase } from './cases.action.js';
import {
  caseOfBooking,
  insertSessionDetails,
  previousSessionStart,
  retrospectiveDaysOf,
  saveRetrospectiveDays,
} from './rebooking.store.js';
import {
  approachProblem,
  attendanceProblem,
  DEFAULT_RETROSPECTIVE_DAYS,
  dstWarnings,
  jitsiLink,
  lineCovering,
} from './rebooking-rules.js';
import type { Approach, Attendance, Modality, VideoPlatform } from './rebooking-tables.types.js';

export async function retrospectiveDays(tx: Tx, actor: Actor) {
  return (await retrospectiveDaysOf(tx, actor.organisationId)) ?? DEFAULT_RETROSPECTIVE_DAYS;
}

export async function changeRetrospectiveDays(tx: Tx, actor: Actor, days: number, now: Temporal.Instant) {
  const before = await retrospectiveDays(tx, actor);
  await saveRetrospectiveDays(tx, actor.organisationId, days, now.toString());
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'rebooking_settings',
    entityId: actor.organisationId,
    before: { retrospectiveDays: before },
    after: { retrospectiveDays: days },
  });
  return { retrospectiveDays: days };
}

/** An associate books only with themselves; a coordinator (bookings.write) with anyone. */
function associateOf(actor: Actor, staffId: string | null) {
  const id = staffId ?? actor.staffId;
  if (!can(actor, 'bookings.write') && id !== actor.staffId)
    throw invalid('staffId', 'must be yourself: you can book sessions only with yourself');
  return id;
}

async function staffContext(tx: Tx, actor: Actor, staffId: string) {
  const staff = await staffScheduleContext(tx, actor.organisationId, staffId);
  if (!staff) throw notFound('Staff member');
  return { id: staff.id, name: `${staff.given_name} ${staff.family_name}`, timeZone: staff.timeZone };
}

/**
 * What the wizard opens with, from the client's last appointment: that booking, the client and the associate
 * with their zones, the case it used a session of (else the client's open case) with its session summary, the
 * associate's active schedules, the retrospective window, and whether to notify the client by default (who
 * would hear, by the notification preferences).
 */
export async function rebookingStart(tx: Tx, actor: Actor, bookingId: string, now: Temporal.Instant) {
  const booking = await visibleBooking(tx, actor, bookingId);
  const org = actor.organisationId;
  const open = (await casesOfClient(tx, org, booking.clientId)).filter((c) => c.status === 'open');
  const caseId = (await caseOfBooking(tx, org, bookingId)) ?? open[0]?.id ?? null;
  const summary = caseId ? await caseSummary(tx, actor, caseId, now) : null;
  const staffId = booking.assignee?.type === 'staff' ? booking.assignee.id : actor.staffId;
  const associate = await staffContext(tx, actor, staffId);
  const schedules = (await schedulesOf(tx, org, staffId)).filter((s) => s.active);
  const who = await recipientsOf(tx, org, booking.clientId);
  const recipients = (who?.recipients ?? []).map((r) => ({
    name: r.name,
    channel: r.channel,
    address: r.address,
    kind: r.kind,
  }));
  return {
    booking: {
      id: booking.id,
      name: booking.name,
      startsAt: booking.startsAt,
      durationMinutes: booking.durationMinutes,
      status: booking.status,
    },
    client: { id: booking.clientId, name: who?.clientName ?? '', timeZone: booking.timeZone },
    associate,
    case: summary,
    openCases: open.map((c) => ({ id: c.id, issue: c.issue, funder: c.funder })),
    schedules,
    retrospectiveDays: await retrospectiveDays(tx, actor),
    notify: { default: recipients.length > 0, recipients },
  };
}

export type RebookingTime = {
  approach: Approach;
  staffId?: string | null | undefined;
  workScheduleId?: string | null | undefined;
  bookingDate: string;
  startTime: string;
  durationMinutes: number;
};

/**
 * The wizard's review, computed on the server: the time in both zones, whether the approach fits it, which of
 * the associate's schedules has a line covering it ("Available"), the balance of the window it counts in, and
 * the daylight-saving warnings since now and since the previous session. `problems` are what Finalise refuses.
 */
export async function previewRebooking(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: RebookingTime,
  now: Temporal.Instant,
) {
  const { c, client } = await loadCase(tx, actor, caseId);
  const staffId = associateOf(actor, input.staffId ?? null);
  const staff = await staffContext(tx, actor, staffId);
  const startsAt = localToInstant(input, client.timeZone);
  const endsAt = endOf(startsAt, input.durationMinutes);
  const days = await retrospectiveDays(tx, actor);
  const problems: { field: string; reason: string }[] = [];
  const approach = approachProblem({
    approach: input.approach,
    startsAt,
    now,
    clientZone: client.timeZone,
    retrospectiveDays: days,
  });
  if (approach) problems.push({ field: 'bookingDate', reason: approach });
  const schedules = (await schedulesOf(tx, actor.organisationId, staffId))
    .filter((s) => s.active)
    .map((s) => {
      const line = lineCovering(s.lines, startsAt, endsAt, staff.timeZone);
      return {
        id: s.id,
        name: s.name,
        type: s.type,
        payRateMinor: s.payRateMinor,
        available: line !== undefined,
        line: line ?? null,
      };
    });
  const chosen = input.workScheduleId ? schedules.find((s) => s.id === input.workScheduleId) : undefined;
  if (input.workScheduleId && !chosen)
    problems.push({ field: 'workScheduleId', reason: "is not one of the associate's active work schedules" });
  if (chosen && !chosen.available)
    problems.push({
      field: 'workScheduleId',
      reason: `"${chosen.name}" has no line covering this time in ${staff.timeZone}: choose a schedule shown as Available, or another time`,
    });
  if (c.status !== 'open')
    problems.push({ field: 'caseId', reason: 'is closed: open a new case to book more sessions' });
  const { balance, refusal } = await balanceOn(tx, actor, c, input.bookingDate);
  if (refusal) problems.push({ field: 'bookingDate', reason: `cannot be booked on this case: ${refusal}` });
  const pending = (await requestsOf(tx, actor.organisationId, c.id)).find((r) => r.status === 'pending');
  const previous = await previousSessionStart(tx, actor.organisationId, c.id, startsAt);
  return {
    startsAt: startsAt.toString(),
    endsAt: endsAt.toString(),
    client: { name: client.name, timeZone: client.timeZone, ...localOf(startsAt, client.timeZone) },
    associate: { name: staff.name, timeZone: staff.timeZone, ...localOf(startsAt, staff.timeZone) },
    previousSessionAt: previous?.toString() ?? null,
    retrospectiveDays: days,
    schedules,
    balance,
    needsExtraSessions: balance !== null && balance.remaining <= 0,
    pendingRequestDueOn: pending?.dueOn ?? null,
    dstWarnings: dstWarnings({
      startsAt,
      now,
      previousStartsAt: previous,
      clientZone: client.timeZone,
      staffZone: staff.timeZone,
    }),
    problems,
  };
}

export type RebookingInput = RebookingTime & {
  name?: string | undefined;
  modality: Modality;
  videoPlatform?: VideoPlatform | null | undefined;
  meetingLink?: string | null | undefined;
  notifyClient: boolean;
  attendance: Attendance;
  participantClientIds?: readonly string[] | undefined;
  confirmed: boolean;
  previousBookingId?: string | null | undefined;
  entitlementOverrideReason?: string | undefined;
};

const PLATFORM: Record<VideoPlatform, string> = {
  jitsi: 'Jitsi Meet',
  teams: 'Microsoft Teams',
  zoom: 'Zoom',
  other: 'Video',
};
const MODALITY: Record<Modality, string> = { in_person: 'In person', phone: 'Phone', video: 'Video' };

function meetingOf(input: RebookingInput, random: () => Uint8Array) {
  if (input.modality !== 'video') {
    if (input.videoPlatform || input.meetingLink)
      throw invalid(
        'meetingLink',
        `is only for video sessions, not ${MODALITY[input.modality].toLowerCase()}`,
      );
    return { platform: null, link: null };
  }
  if (!input.videoPlatform) throw invalid('videoPlatform', 'is needed for a video session');
  const link = input.meetingLink?.trim() || null;
  if (link && !/^https:\/\/\S+$/.test(link))
    throw invalid('meetingLink', 'must be a web address starting with https://');
  if (link) return { platform: input.videoPlatform, link };
  if (input.videoPlatform === 'jitsi') return { platform: 'jitsi' as const, link: jitsiLink(random()) };
  throw invalid(
    'meetingLink',
    `is needed for ${PLATFORM[input.videoPlatform]}: paste the meeting's link (only Jitsi links are generated)`,
  );
}

/**
 * Finalise: the booking (with the associate, through bookings' write path), the ledger's "use" entry, the
 * wizard's choices and the client's confirmation in the outbox (written by the booking-event port, with its
 * calendar invitation) in the caller's ONE transaction; any refusal writes nothing. A retrospective session is
 * recorded as delivered and notifies nobody (it is over).
 */
export async function finaliseRebooking(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: RebookingInput,
  now: Temporal.Instant,
  random: () => Uint8Array = () => randomBytes(16),
) {
  if (!input.confirmed)
    throw invalid('confirmed', 'must be ticked: the appointment is confirmed with the client');
  const preview = await previewRebooking(tx, actor, caseId, input, now);
  const first = preview.problems[0];
  if (first) {
    if (first.field === 'caseId') throw conflict(`This case ${first.reason}`);
    throw new DomainError(
      'invalid',
      GENERIC_INVALID,
      preview.problems.filter((p) => p.field !== 'caseId'),
    );
  }
  if (!input.workScheduleId)
    throw invalid('workScheduleId', 'is required: choose the schedule line the session is on');
  const others = input.participantClientIds ?? [];
  const attendance = attendanceProblem(input.attendance, others.length);
  if (attendance) throw invalid('participantClientIds', attendance);
  const meeting = meetingOf(input, random);
  const { c } = await loadCase(tx, actor, caseId);
  const staffId = associateOf(actor, input.staffId ?? null);
  const notify = input.approach === 'manual' && input.notifyClient;
  const how = meeting.link ? `${PLATFORM[meeting.platform!]}: ${meeting.link}` : MODALITY[input.modality];
  const result = await bookCaseSession(
    tx,
    actor,
    caseId,
    {
      name: input.name?.trim() || `Session: ${c.issue}`,
      bookingDate: input.bookingDate,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      assignee: { type: 'staff', id: staffId },
      notes: `${how} · ${input.attendance[0]!.toUpperCase()}${input.attendance.slice(1)}`,
      notifyClient: notify,
      ...(input.approach === 'retrospective' ? { delivered: true } : {}),
      entitlementOverrideReason: input.entitlementOverrideReason,
      otherClientIds: others,
    },
    now,
  );
  const schedule = preview.schedules.find((s) => s.id === input.workScheduleId)!;
  const details = {
    bookingId: result.booking.id,
    caseId,
    approach: input.approach,
    workScheduleId: schedule.id,
    payRateMinor: schedule.payRateMinor,
    modality: input.modality,
    videoPlatform: meeting.platform,
    meetingLink: meeting.link,
    attendance: input.attendance,
    notifyClient: notify,
    previousBookingId: input.previousBookingId ?? null,
    userId: actor.userId,
    enteredAt: now.toString(),
  };
  await insertSessionDetails(tx, actor.organisationId, details);
  if (notify && meeting.link)
    await addMeetingLinkToConfirmation(
      tx,
      actor.organisationId,
      result.booking.id,
      { platform: PLATFORM[meeting.platform!], link: meeting.link },
      now,
    );
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'case_session',
    entityId: result.booking.id,
    after: { ...details, scheduleName: schedule.name },
  });
  return {
    booking: result.booking,
    remaining: result.remaining,
    approach: input.approach,
    workSchedule: { id: schedule.id, name: schedule.name, payRateMinor: schedule.payRateMinor },
    modality: input.modality,
    videoPlatform: meeting.platform,
    meetingLink: meeting.link,
    attendance: input.attendance,
    notifyClient: notify,
    dstWarnings: preview.dstWarnings,
  };
}
