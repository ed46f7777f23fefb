import type { Temporal } from 'temporal-polyfill';
import type { Actor } from '../identity/actor.js';
import { recordNdisCancellation } from '../ndis/cancellation-record.action.js';
import { addCancellationRule } from '../ndis/cancellation-rules.action.js';
import { createPlan } from '../ndis/plan-funding.action.js';
import type { Tx } from '../platform/db/database.js';
import { createSession } from '../sessions/create-session.action.js';

/**
 * NDIS funding and cancellations (issue 15 §2–3): a client's plan-managed plan with two budgets in 3-month
 * funding periods, nursing (not a support-worker support) judged by 2 clear business days, and a short-notice cancellation that explains itself.
 */
export async function seedDemoNdisFunding(
  tx: Tx,
  admin: Actor,
  o: {
    client: { id: string };
    workerId: string;
    today: Temporal.PlainDate;
    therapyTypeId: string;
    now: Temporal.Instant;
  },
): Promise<void> {
  const start = o.today.subtract({ days: 30 });
  await createPlan(tx, admin, o.client.id, {
    startDate: start.toString(),
    endDate: start.add({ years: 1 }).subtract({ days: 1 }).toString(),
    management: 'plan',
    planManagerName: 'Clear Plan Managers',
    planManagerEmail: 'claims@clearplan.example.org',
    periodMonths: 3,
    budgets: [
      { supportCategory: 'Core: Assistance with daily life', amountMinor: 1_200_000, serviceTypeIds: [] },
      {
        supportCategory: 'Capacity building: Improved daily living',
        amountMinor: 400_000,
        serviceTypeIds: [o.therapyTypeId],
      },
    ],
  });
  await addCancellationRule(tx, admin, {
    serviceTypeId: o.therapyTypeId,
    effectiveFrom: '2024-07-01',
    supportClass: 'other',
    kind: null,
    days: null,
    reading: null,
    opensAt: null,
    closesAt: null,
    claimPercent: null,
  });
  // Two days from now: a support-worker visit cancelled now is short notice (7 days are needed).
  const visit = await createSession(
    tx,
    admin,
    {
      category: 'visit',
      name: 'Personal care',
      bookingDate: o.today.add({ days: 2 }).toString(),
      startTime: '09:00',
      durationMinutes: 90,
      capacity: null,
      clients: [{ clientId: o.client.id, contractId: null }],
      workers: [{ staffId: o.workerId }],
      resources: [],
      services: [{ source: 'adhoc', name: 'Self-care weekday daytime', hourlyRateMinor: 7_074, ratio: 1 }],
      serviceTypeIds: [],
      notes: null,
      overrideReason: 'Demo visit',
      recurrence: null,
    },
    o.now,
  );
  await recordNdisCancellation(
    tx,
    admin,
    visit.session.id,
    visit.session.clients[0]!.participantId,
    {
      cancelledBy: 'representative',
      cancelledByName: 'Her mother',
      notifiedAt: o.now.toString(),
      reasonCode: 'family',
      note: 'Family emergency',
      noShow: false,
      attestedNoOtherWork: true,
      attestedWorkerPaid: true,
    },
    o.now,
  );
}
