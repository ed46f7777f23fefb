import type { Temporal } from 'temporal-polyfill';
import { saveAppointmentSettings } from '../appointments/appointment-settings.action.js';
import {
  addAddendum,
  commenceAppointment,
  completeAppointment,
  signOffAppointment,
} from '../appointments/work-appointment.action.js';
import { bookCaseSession } from '../entitlements/case-sessions.action.js';
import { openCase } from '../entitlements/cases.action.js';
import type { Actor } from '../identity/actor.js';
import { findClientZone } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * A day for the demo associate on Quick View, around the moment the demo is made: one session due now, one
 * commenced an hour ago, one completed and signed off yesterday (with an addendum), one ten days ago never
 * completed (flagged), and one tomorrow. Times avoid the associate's other bookings: each tries a few starts.
 */
export async function seedDemoQuickView(
  tx: Tx,
  admin: Actor,
  associate: Actor,
  o: { clientIds: string[]; now: Temporal.Instant },
) {
  await saveAppointmentSettings(tx, admin, { overdueAfterDays: 7 });
  const start = o.now.round({ smallestUnit: 'minute', roundingIncrement: 5, roundingMode: 'floor' });
  const book = async (clientId: string, issue: string, offsetsMinutes: number[]) => {
    const client = (await findClientZone(tx, admin.organisationId, clientId))!;
    const c = await openCase(tx, admin, clientId, {
      issue,
      funder: 'Acme Employee Assistance',
      allowedSessions: 6,
      countingWindow: 'per_year',
      openedOn: start
        .subtract({ hours: 24 * 40 })
        .toZonedDateTimeISO(client.timeZone)
        .toPlainDate()
        .toString(),
      expiresOn: null,
      lateCancellationCounts: true,
      noShowCounts: true,
      funderRegion: 'AU-NSW',
    });
    for (const minutes of offsetsMinutes) {
      const at = start.add({ minutes }).toZonedDateTimeISO(client.timeZone);
      try {
        const { booking } = await bookCaseSession(tx, admin, c.id, {
          name: 'Counselling session',
          bookingDate: at.toPlainDate().toString(),
          startTime: at.toPlainTime().toString({ smallestUnit: 'minute' }),
          durationMinutes: 50,
          assignee: { type: 'staff', id: associate.staffId },
          notes: null,
        });
        return booking.id;
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      }
    }
    return null;
  };
  const [a, b, c, d, e] = o.clientIds;
  const around = (m: number) => [m, m + 60, m - 60, m + 120, m - 120, m + 180];
  await book(a!, 'Workplace stress', around(-5));
  const commenced = await book(b!, 'Career change', around(-60));
  if (commenced)
    await commenceAppointment(
      tx,
      associate,
      commenced,
      { modality: 'video' },
      start.subtract({ minutes: 55 }),
    );
  const yesterday = await book(c!, 'Relationship', around(-24 * 60));
  if (yesterday) {
    const at = start.subtract({ hours: 23 });
    await commenceAppointment(tx, associate, yesterday, { modality: 'phone' }, start.subtract({ hours: 24 }));
    await completeAppointment(
      tx,
      associate,
      yesterday,
      {
        notes: 'Explored communication patterns at home; client to try the weekly check-in exercise.',
        outcome: 'continuing',
      },
      at,
    );
    await signOffAppointment(tx, associate, yesterday, at);
    await addAddendum(
      tx,
      associate,
      yesterday,
      'Client called after the session: the check-in is on Sundays.',
      at.add({ hours: 2 }),
    );
  }
  await book(d!, 'Sleep and fatigue', around(-10 * 24 * 60));
  await book(e!, 'Workplace conflict', around(24 * 60 + 30));
}
