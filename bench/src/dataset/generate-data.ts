import { sql } from 'kysely';
import { replaceWorkingHours } from '../../../server/src/availability/staff-availability.store.js';
import { cancelBooking } from '../../../server/src/bookings/cancel-booking.action.js';
import { createAdhocBooking } from '../../../server/src/bookings/save-booking.action.js';
import { createContract, setClientRegion } from '../../../server/src/contracts/contracts.action.js';
import { createClient } from '../../../server/src/people/clients.action.js';
import { createStaff } from '../../../server/src/people/staff.action.js';
import { type Db, withSystem, withTenant } from '../../../server/src/platform/db/database.js';
import { createSeries } from '../../../server/src/scheduling/series.action.js';
import { DomainError } from '../../../server/src/shared/domain-error.js';
import { nowMs } from '../support/timing.js';
import {
  ADHOC_NAME,
  adhocDatesOf,
  CANCELLATION_REASON,
  clientOf,
  contractOf,
  DATA_START,
  type DataSet,
  type DataSpec,
  generationNow,
  isCancelled,
  planClients,
  REGIONS,
  seriesOf,
  seriesStartTimeOf,
  serviceTypeIndexOf,
  setUpOrganisation,
  staffOf,
  todayInstant,
  WORKING_HOURS,
} from './data-plan.js';

export {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BILLING_MONTH,
  DATA_START,
  DATA_TODAY,
  type DataSet,
  type DataSpec,
  findDataSet,
  ORG_ZONE,
  orgNameOf,
} from './data-plan.js';

/**
 * The scale data set: one organisation with N clients across several zones, staff with work patterns,
 * weekly and fortnightly scheduled services generated over W weeks, ad-hoc bookings, cancellations, and
 * contracts with dated option sets — all through the product's own actions (createSeries generates through
 * the same sync the background job uses). Everything but the database's own ids and timestamps is a function
 * of (seed, clients, weeks) (data-plan.ts); bulk-data.ts writes the same rows in COPY batches.
 *
 * Staff slots are planned up front so the data has no accidental double bookings: each staff member works
 * Mon–Fri 08:00–16:00 in their region's zone; each client owns one hour row of one staff member's week
 * (weekly on 1–3 of its days, fortnightly on another) and an ad-hoc 16:00 slot on a day no other client of
 * that staff member uses.
 */

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
}

export async function generateData(
  db: Db,
  spec: DataSpec,
  log: (line: string) => void = console.log,
): Promise<DataSet> {
  const started = nowMs();
  const now = generationNow();
  const { plans, staffPerRegion } = planClients(spec);
  const { organisationId, actor, workerRole, types, contractTypeIds } = await setUpOrganisation(db, spec);
  const staffIds = await withTenant(db, organisationId, async (tx) => {
    const staff: string[][] = [];
    let serial = 0;
    for (const [regionIndex, count] of staffPerRegion.entries()) {
      const ids: string[] = [];
      for (let s = 0; s < count; s++) {
        serial++;
        const created = await createStaff(tx, actor, {
          ...staffOf(serial, REGIONS[regionIndex]!.zone),
          roleIds: [workerRole.id],
        });
        await replaceWorkingHours(tx, organisationId, created.id, WORKING_HOURS);
        ids.push(created.id);
      }
      staff.push(ids);
    }
    return staff;
  });
  log(
    `  organisation, ${staffIds.flat().length} staff, 3 contract types: ${((nowMs() - started) / 1000).toFixed(1)} s`,
  );

  let done = 0;
  let bookings = 0;
  let lastReport = nowMs();
  await pool(plans, 3, async (plan, index) => {
    const region = REGIONS[plan.regionIndex]!;
    const staffId = staffIds[plan.regionIndex]![plan.staffIndex]!;
    await withTenant(db, organisationId, async (tx) => {
      const client = await createClient(tx, actor, clientOf(index, region));
      await setClientRegion(tx, actor, client.id, region.region);
      await createContract(tx, actor, client.id, contractOf(index, contractTypeIds));
      const type = types[serviceTypeIndexOf(index)]!;
      const created: string[] = [];
      for (const s of seriesOf(plan, index)) {
        const report = await createSeries(
          tx,
          actor,
          client.id,
          {
            serviceTypeId: type.id,
            name: type.name,
            startDate: DATA_START,
            startTime: seriesStartTimeOf(plan),
            rrule: s.rrule,
            endDate: null,
            durationMinutes: s.minutes,
            staffId,
            notes: null,
            contractId: null,
            status: 'active',
          },
          now,
        );
        for (const o of report.occurrences) if (o.result === 'done' && o.bookingId) created.push(o.bookingId);
      }
      for (const date of adhocDatesOf(plan, spec.weeks)) {
        try {
          await createAdhocBooking(tx, actor, client.id, {
            name: ADHOC_NAME,
            bookingDate: date,
            startTime: '16:00',
            durationMinutes: 60,
            assignee: { type: 'staff', id: staffId },
            notes: null,
          });
          bookings++;
        } catch (error) {
          if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
        }
      }
      for (const [k, id] of created.entries())
        if (isCancelled(k, index)) await cancelBooking(tx, actor, id, CANCELLATION_REASON);
      bookings += created.length;
    });
    done++;
    if (nowMs() - lastReport > 5000 || done === plans.length) {
      lastReport = nowMs();
      const elapsed = (lastReport - started) / 1000;
      const eta = (elapsed / done) * (plans.length - done);
      log(
        `  clients ${done}/${plans.length}, bookings ${bookings}, ${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s to go`,
      );
    }
  });

  // Delivery: visits before DATA_TODAY were checked in and out. The product records that one visit at a
  // time (POST /bookings/:id/complete); at this scale the data set records it in one statement. The actual
  // times are a function of the start (bulk-data.ts computes the same in JavaScript).
  const today = todayInstant().toString();
  await withSystem(db, (tx) =>
    sql`WITH done AS (
          UPDATE bookings SET status = 'completed'
           WHERE organisation_id = ${organisationId} AND status = 'booked' AND starts_at < ${today}::timestamptz
          RETURNING id, starts_at, ends_at),
        attended AS (
          UPDATE booking_participants p SET status = 'attended' FROM done
           WHERE p.organisation_id = ${organisationId} AND p.booking_id = done.id AND p.status = 'booked')
        UPDATE client_deliveries d SET
          actual_start = done.starts_at + make_interval(secs => (extract(epoch FROM done.starts_at)::bigint / 60 % 11) * 37 - 120),
          actual_end = done.ends_at + make_interval(secs => (extract(epoch FROM done.starts_at)::bigint / 60 % 13) * 41 - 90)
        FROM done WHERE d.organisation_id = ${organisationId} AND d.booking_id = done.id`.execute(tx),
  );
  await sql`ANALYZE`.execute(db);
  const seconds = (nowMs() - started) / 1000;
  log(
    `  ${bookings} bookings for ${spec.clients} clients over ${spec.weeks} weeks in ${seconds.toFixed(0)} s`,
  );
  return { ...spec, organisationId, staffIds: staffIds.flat(), bookings, seconds };
}
