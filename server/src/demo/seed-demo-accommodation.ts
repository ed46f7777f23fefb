import type { Temporal } from 'temporal-polyfill';
import { createBed, createRoom, createSite, putOutOfService } from '../accommodation/beds.action.js';
import { addStayService, checkIn } from '../accommodation/stay-changes.action.js';
import { createStay } from '../accommodation/stays.action.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';

/**
 * A respite house for the beds calendar: two shared rooms and a studio, a client checked in with the
 * contract's nightly respite rate (billed by the demo's invoices), stays booked and held for the coming days, an enquiry, a stay last month
 * (for occupancy) and the studio out of service for painting.
 */
export async function seedDemoAccommodation(
  tx: Tx,
  admin: Actor,
  o: { clientIds: string[]; today: Temporal.PlainDate; now: Temporal.Instant },
) {
  const site = await createSite(tx, admin, {
    name: 'Harbour Respite House',
    timeZone: 'Australia/Sydney',
    region: 'AU-NSW',
    checkInTime: '14:00',
    checkOutTime: '10:00',
  });
  const bed = async (roomId: string, name: string, over: Partial<Parameters<typeof createBed>[2]> = {}) =>
    (
      await createBed(
        tx,
        admin,
        {
          roomId,
          name,
          bedType: 'respite',
          minAge: null,
          maxAge: null,
          genders: [],
          fundingTypes: [],
          emergency: false,
          amenities: [],
          ...over,
        },
        o.now,
      )
    ).id;
  const garden = await createRoom(tx, admin, site.id, 'Garden room');
  const harbour = await createRoom(tx, admin, site.id, 'Harbour room');
  const studio = await createRoom(tx, admin, site.id, 'Studio');
  const beds = [
    await bed(garden.id, 'Garden 1', { amenities: ['ensuite'] }),
    await bed(garden.id, 'Garden 2'),
    await bed(harbour.id, 'Harbour 1', { amenities: ['hoist', 'ensuite'] }),
    await bed(harbour.id, 'Harbour 2', { minAge: 18 }),
    await bed(studio.id, 'Studio', {
      bedType: 'supported_accommodation',
      emergency: true,
      amenities: ['hoist'],
    }),
  ];
  const day = (n: number) => o.today.add({ days: n }).toString();
  const stay = (bedId: string, clientId: string, from: number, to: number, extra: object = {}) =>
    createStay(
      tx,
      admin,
      {
        bedId,
        kind: 'client_stay',
        clientId,
        contractId: null,
        arriveOn: day(from),
        leaveOn: day(to),
        state: 'booked',
        hold: null,
        eligibilityOverrideReason: null,
        reason: null,
        notes: null,
        ...extra,
      },
      o.now,
    );
  const [a, b, c, d, e] = o.clientIds as [string, string, string, string, string];
  const current = await stay(beds[0]!, a, -2, 3);
  await checkIn(tx, admin, current.id, o.now);
  // Priced by the client's contract: its "Respite night" rate in force on each night.
  await addStayService(tx, admin, current.id, {
    contractRate: 'Respite night',
    supportItem: null,
    rateMinor: null,
  });
  await stay(beds[1]!, b, 4, 9);
  await stay(beds[2]!, c, 1, 4, {
    state: 'on_hold',
    hold: { expiresAt: o.now.add({ hours: 48 }).toString(), outcome: 'release' },
  });
  await stay(beds[2]!, d, 6, 10, { state: 'enquiry' });
  await stay(beds[3]!, e, -30, -25);
  await putOutOfService(
    tx,
    admin,
    beds[4]!,
    { arriveOn: day(2), leaveOn: day(6), reason: 'Painting' },
    o.now,
  );
}
