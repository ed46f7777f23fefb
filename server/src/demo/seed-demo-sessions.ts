import type { Temporal } from 'temporal-polyfill';
import { createResource } from '../bookings/resource.action.js';
import type { Actor } from '../identity/actor.js';
import { changeClient } from '../people/clients.action.js';
import type { Tx } from '../platform/db/database.js';
import { cancelAttendance } from '../sessions/cancel-session.action.js';
import { completeSession } from '../sessions/complete-session.action.js';
import { createSession } from '../sessions/create-session.action.js';
import { loadSession } from '../sessions/read-sessions.action.js';

/**
 * Demo sessions: a weekly group of four clients and two workers with one client cancelled for one date,
 * and a group session completed last week (with travel, transport and an edited apportionment).
 */
export async function seedDemoSessions(
  tx: Tx,
  admin: Actor,
  o: {
    clients: { id: string }[];
    workers: string[];
    today: Temporal.PlainDate;
    serviceTypeId: string;
    now: Temporal.Instant;
  },
): Promise<void> {
  const [a, b, c, d] = [o.clients[0]!, o.clients[1]!, o.clients[3]!, o.clients[4]!];
  // Rooms and vehicles sessions book, and the lead clients' location bands (their sessions' travel areas).
  const room = await createResource(tx, admin, { kind: 'room', name: 'Art room' });
  const bus = await createResource(tx, admin, { kind: 'vehicle', name: 'Community minibus' });
  await createResource(tx, admin, { kind: 'equipment', name: 'Portable hoist', parentId: room.id });
  for (const x of [a, c]) await changeClient(tx, admin, x.id, { mmmBand: 1 });
  const nextWednesday = o.today.add({ days: ((3 - o.today.dayOfWeek + 7) % 7) + 7 });
  const weekly = await createSession(
    tx,
    admin,
    {
      category: 'group',
      name: 'Wednesday art group',
      bookingDate: nextWednesday.toString(),
      startTime: '10:00',
      durationMinutes: 120,
      capacity: 6,
      clients: [a, b, c, d].map((x) => ({ clientId: x.id, contractId: null })),
      workers: [{ staffId: o.workers[2]! }, { staffId: o.workers[3]!, role: 'support' }],
      resources: [{ resourceId: room.id }],
      services: [{ source: 'adhoc', name: 'Group art 1:4', hourlyRateMinor: 12_000, ratio: 4 }],
      serviceTypeIds: [o.serviceTypeId],
      notes: 'Bring aprons.',
      overrideReason: 'Demo group',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=WE', endDate: nextWednesday.add({ weeks: 7 }).toString() },
    },
    o.now,
  );
  const second = weekly.occurrences.filter((x) => x.result === 'done')[1];
  if (second?.bookingId) {
    const session = await loadSession(tx, admin.organisationId, second.bookingId);
    const place = session.clients.find((x) => x.clientId === b.id)!;
    await cancelAttendance(
      tx,
      admin,
      session.id,
      place.participantId,
      {
        cancelledBy: 'client',
        cancelledByName: null,
        notifiedAt: o.now.toString(),
        reasonCode: 'health',
        note: 'Hospital appointment',
      },
      o.now,
    );
  }

  const lastWeek = o.today.subtract({ days: 6 });
  const past = await createSession(
    tx,
    admin,
    {
      category: 'group',
      name: 'Harbour walk',
      bookingDate: lastWeek.toString(),
      startTime: '13:00',
      durationMinutes: 90,
      capacity: 4,
      clients: [a, c, d].map((x) => ({ clientId: x.id, contractId: null })),
      workers: [{ staffId: o.workers[2]! }],
      resources: [{ resourceId: bus.id }],
      services: [{ source: 'adhoc', name: 'Community access 1:3', hourlyRateMinor: 6_000, ratio: 3 }],
      serviceTypeIds: [o.serviceTypeId],
      notes: null,
      overrideReason: 'Demo group',
      recurrence: null,
    },
    o.now,
  );
  const s = past.session;
  const worker = s.workers[0]!.participantId;
  await completeSession(tx, admin, s.id, {
    travelArea: 'metro',
    workers: [
      {
        participantId: worker,
        actualStart: s.startsAt,
        actualEnd: s.endsAt,
        travel: [{ leg: 'to', minutes: 25, km: 14.2, vehicle: 'own', tollsMinor: 0, parkingMinor: 800 }],
      },
    ],
    transport: [
      {
        workerParticipantId: worker,
        km: 8,
        minutes: 20,
        clientParticipantIds: s.clients.slice(0, 2).map((x) => x.participantId),
        vehicleType: 'standard',
        tollsMinor: 0,
        parkingMinor: 0,
      },
    ],
    apportionment: [
      { participantId: s.clients[0]!.participantId, portionBasisPoints: 4000 },
      { participantId: s.clients[1]!.participantId, portionBasisPoints: 3000 },
      { participantId: s.clients[2]!.participantId, portionBasisPoints: 3000 },
    ],
    cancelledCharges: [],
  });
}
