import type { Temporal } from 'temporal-polyfill';
import { schedulesOf } from '../availability/work-schedule.store.js';
import {
  addStaffBreak,
  changeHolidayRegion,
  createWorkSchedule,
} from '../availability/work-schedules.action.js';
import { bookCaseSession } from '../entitlements/case-sessions.action.js';
import { openCase } from '../entitlements/cases.action.js';
import { requestExtraSessions } from '../entitlements/extra-sessions.action.js';
import { finaliseRebooking } from '../entitlements/rebooking.action.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * The associate's day: the demo associate's two work schedules, their region's holidays and a break next week;
 * a client's case with sessions booked on it (two through the rebooking wizard), and a second case with none left and an extra-session request
 * waiting for the funder.
 */
export async function seedDemoEntitlements(
  tx: Tx,
  admin: Actor,
  o: { associateId: string; clientIds: [string, string]; today: Temporal.PlainDate; now: Temporal.Instant },
) {
  await createWorkSchedule(tx, admin, o.associateId, {
    name: 'Ad hoc Mon–Tue',
    type: 'adhoc',
    payRateMinor: 9500,
    active: true,
    lines: [
      { weekday: 1, startsAt: '09:00', endsAt: '14:00' },
      { weekday: 2, startsAt: '09:00', endsAt: '14:00' },
    ],
  });
  await createWorkSchedule(tx, admin, o.associateId, {
    name: 'Open telehealth evenings',
    type: 'open',
    payRateMinor: 8500,
    active: true,
    lines: [
      { weekday: 3, startsAt: '17:00', endsAt: '20:00' },
      { weekday: 4, startsAt: '17:00', endsAt: '20:00' },
    ],
  });
  await changeHolidayRegion(tx, admin, o.associateId, 'AU-NSW');
  const breakDay = o.today.add({ days: 8 }).toString();
  await addStaffBreak(tx, admin, o.associateId, {
    startsOn: breakDay,
    endsOn: breakDay,
    fromTime: '12:00',
    toTime: '14:00',
    reason: 'Supervision',
  });

  const stress = await openCase(tx, admin, o.clientIds[0], {
    issue: 'Workplace stress',
    funder: 'Acme Employee Assistance',
    allowedSessions: 6,
    countingWindow: 'rolling_12_months',
    openedOn: o.today.subtract({ days: 30 }).toString(),
    expiresOn: null,
    lateCancellationCounts: true,
    noShowCounts: true,
    funderRegion: 'AU-NSW',
  });
  const grief = await openCase(tx, admin, o.clientIds[1], {
    issue: 'Grief',
    funder: 'Harbour Council EAP',
    allowedSessions: 1,
    countingWindow: 'per_referral',
    openedOn: o.today.subtract({ days: 10 }).toString(),
    expiresOn: o.today.add({ days: 180 }).toString(),
    lateCancellationCounts: false,
    noShowCounts: true,
    funderRegion: 'AU-NSW',
  });
  const sessions: [string, number][] = [
    [stress.id, 2],
    [stress.id, 9],
    [grief.id, 3],
  ];
  for (const [caseId, days] of sessions)
    try {
      await bookCaseSession(tx, admin, caseId, {
        name: 'Counselling session',
        bookingDate: o.today.add({ days }).toString(),
        startTime: '11:30',
        durationMinutes: 60,
        assignee: { type: 'staff', id: o.associateId },
        notes: null,
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    }
  // Two sessions entered with the rebooking wizard: a video session on Jitsi on the Monday after next, and one
  // that happened last Monday or Tuesday but was never entered (retrospective, recorded as delivered).
  const schedules = await schedulesOf(tx, admin.organisationId, o.associateId);
  const adhoc = schedules.find((x) => x.type === 'adhoc');
  const monday = o.today.add({ days: 14 - ((o.today.dayOfWeek + 6) % 7) });
  const lastWorkday = (() => {
    let d = o.today.subtract({ days: 1 });
    while (d.dayOfWeek > 2) d = d.subtract({ days: 1 });
    return d;
  })();
  const wizard = [
    { approach: 'manual' as const, bookingDate: monday.toString(), modality: 'video' as const },
    { approach: 'retrospective' as const, bookingDate: lastWorkday.toString(), modality: 'phone' as const },
  ];
  if (adhoc)
    for (const w of wizard)
      try {
        await finaliseRebooking(
          tx,
          admin,
          stress.id,
          {
            ...w,
            staffId: o.associateId,
            workScheduleId: adhoc.id,
            startTime: '10:00',
            durationMinutes: 60,
            videoPlatform: w.modality === 'video' ? 'jitsi' : null,
            notifyClient: true,
            attendance: 'individual',
            confirmed: true,
          },
          o.now,
        );
      } catch (error) {
        // The client's zone may put 10:00 outside the schedule's line; the demo then simply has fewer.
        if (!(error instanceof DomainError)) throw error;
      }
  await requestExtraSessions(
    tx,
    admin,
    grief.id,
    { sessions: 3, justification: 'Early progress; three more sessions to work through the anniversary' },
    o.now,
  );
}
