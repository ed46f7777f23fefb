import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { replaceWorkingHours } from '../../../server/src/availability/staff-availability.store.js';
import { cancelBooking } from '../../../server/src/bookings/cancel-booking.action.js';
import { createAdhocBooking } from '../../../server/src/bookings/save-booking.action.js';
import {
  addCalendarDay,
  createContract,
  createContractType,
  setClientRegion,
} from '../../../server/src/contracts/contracts.action.js';
import type { ContractOptions } from '../../../server/src/contracts/rating.types.js';
import type { Actor } from '../../../server/src/identity/actor.js';
import { createOrganisation, createUserWithStaff } from '../../../server/src/identity/organisation.action.js';
import { PERMISSION_KEYS } from '../../../server/src/identity/permissions.js';
import { listRoles } from '../../../server/src/identity/role.store.js';
import { createClient } from '../../../server/src/people/clients.action.js';
import { createStaff } from '../../../server/src/people/staff.action.js';
import { type Db, withSystem, withTenant } from '../../../server/src/platform/db/database.js';
import { insertServiceType } from '../../../server/src/scheduling/schedule.store.js';
import { createSeries } from '../../../server/src/scheduling/series.action.js';
import { DomainError } from '../../../server/src/shared/domain-error.js';
import { nowMs, seededRandom } from '../support/timing.js';

/**
 * The scale data set: one organisation with N clients across several zones, staff with work patterns,
 * weekly and fortnightly scheduled services generated over W weeks, ad-hoc bookings, cancellations, and
 * contracts with dated option sets — all through the product's own actions (createSeries generates through
 * the same sync the background job uses). Everything but the database's own ids and timestamps is a function
 * of (seed, clients, weeks).
 *
 * Staff slots are planned up front so the data has no accidental double bookings: each staff member works
 * Mon–Fri 08:00–16:00 in their region's zone; each client owns one hour row of one staff member's week
 * (weekly on 1–3 of its days, fortnightly on another) and an ad-hoc 16:00 slot on a day no other client of
 * that staff member uses.
 */

export const DATA_START = '2026-02-23'; // a Monday
/** Visits before this day are delivered (completed or cancelled); later ones are booked. */
export const DATA_TODAY = '2026-04-01';
export const BILLING_MONTH = { periodFrom: '2026-03-01', periodTo: '2026-03-31' } as const;
export const ORG_ZONE = 'Australia/Sydney';
export const ADMIN_EMAIL = 'admin@bench.example.org';
export const ADMIN_PASSWORD = 'bench-admin-password';

const REGIONS = [
  { zone: 'Australia/Sydney', region: 'NSW', share: 4 },
  { zone: 'Australia/Melbourne', region: 'VIC', share: 3 },
  { zone: 'Australia/Brisbane', region: 'QLD', share: 2 },
  { zone: 'Australia/Adelaide', region: 'SA', share: 1 },
  { zone: 'Australia/Perth', region: 'WA', share: 1 },
  { zone: 'Pacific/Auckland', region: 'NZ', share: 1 },
] as const;
const HOLIDAYS = ['2026-04-03', '2026-04-06', '2026-04-25', '2026-01-26'];
const HOURS_PER_STAFF = 8; // rows 08:00 … 15:00
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
const GIVEN = [
  'Olivia',
  'Jack',
  'Charlotte',
  'Noah',
  'Amelia',
  'William',
  'Isla',
  'Oliver',
  'Mia',
  'Thomas',
  'Ava',
  'Lachlan',
];
const FAMILY = [
  'Nguyen',
  'Smith',
  'Williams',
  'Brown',
  'Jones',
  'Wilson',
  'Taylor',
  'Martin',
  'Anderson',
  'Lee',
  'Ryan',
  'King',
];

export type DataSpec = { clients: number; weeks: number; seed: number };

export type DataSet = DataSpec & {
  organisationId: string;
  staffIds: string[];
  bookings: number;
  seconds: number;
};

export const orgNameOf = (spec: DataSpec) =>
  `Bench Care (seed ${spec.seed}, ${spec.clients} clients, ${spec.weeks} weeks)`;

/** The data set already in the database for this spec, if any. */
export async function findDataSet(db: Db, spec: DataSpec): Promise<DataSet | null> {
  const org = await withSystem(db, (tx) =>
    tx.selectFrom('organisations').where('name', '=', orgNameOf(spec)).select('id').executeTakeFirst(),
  );
  if (!org) return null;
  return withTenant(db, org.id, async (tx) => {
    const staff = await tx
      .selectFrom('staff')
      .where('organisation_id', '=', org.id)
      .where('delivers_services', '=', true)
      .where('email', 'like', 'worker%')
      .select('id')
      .orderBy('email')
      .execute();
    const count = await tx
      .selectFrom('bookings')
      .where('organisation_id', '=', org.id)
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return {
      ...spec,
      organisationId: org.id,
      staffIds: staff.map((s) => s.id),
      bookings: Number(count.n),
      seconds: 0,
    };
  });
}

function contractTypes(): {
  name: string;
  category: 'private' | 'ndis' | 'local_authority';
  optionSets: { effectiveFrom: string; options: Partial<ContractOptions> }[];
}[] {
  const ranges: ContractOptions['unsociableRanges'] = [
    { when: { kind: 'weekday' }, from: '18:00', to: '06:00', hourlyRate: 7_500 },
    { when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: 8_800 },
    { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: 13_000 },
  ];
  return [
    {
      name: 'Private hourly',
      category: 'private',
      optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 6_500 } }],
    },
    {
      name: 'NDIS core supports',
      category: 'ndis',
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: {
            hourlyRate: 6_781,
            unsociableRanges: ranges,
            nonProRataRates: [{ minutes: 45, amount: 5_200 }],
          },
        },
        {
          effectiveFrom: '2026-03-16',
          options: { hourlyRate: 6_990, unsociableRanges: ranges, useFirstRange: false },
        },
      ],
    },
    {
      name: 'Council home support',
      category: 'local_authority',
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: {
            hourlyRate: 5_900,
            rounding: { mode: 'nearest', minutes: 15 },
            callOutCharges: [{ name: 'Travel levy', amount: 450 }],
            useLocalAuthorityReference: true,
          },
        },
      ],
    },
  ];
}

type Plan = {
  regionIndex: number;
  staffIndex: number;
  row: number;
  weeklyDays: string[];
  fortnightDay: string;
  adhocDay: number;
};

/** Where every client sits in its staff member's week; deterministic in (seed, clients). */
function planClients(spec: DataSpec): { plans: Plan[]; staffPerRegion: number[] } {
  const random = seededRandom(spec.seed);
  const totalShare = REGIONS.reduce((s, r) => s + r.share, 0);
  const perRegion = REGIONS.map((r) => Math.floor((spec.clients * r.share) / totalShare));
  perRegion[0]! += spec.clients - perRegion.reduce((a, b) => a + b, 0);
  const plans: Plan[] = [];
  const staffPerRegion = perRegion.map((n) => Math.ceil(n / HOURS_PER_STAFF));
  perRegion.forEach((n, regionIndex) => {
    for (let i = 0; i < n; i++) {
      const days = [...WEEKDAYS];
      for (let k = days.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [days[k], days[j]] = [days[j]!, days[k]!];
      }
      const weeklyCount = 1 + Math.floor(random() * 3);
      plans.push({
        regionIndex,
        staffIndex: Math.floor(i / HOURS_PER_STAFF),
        row: i % HOURS_PER_STAFF,
        weeklyDays: days.slice(0, weeklyCount),
        fortnightDay: days[weeklyCount]!,
        adhocDay: i % HOURS_PER_STAFF, // 0…7: weekday (row % 5) in the week parity (row < 5 ? even : odd)
      });
    }
  });
  return { plans, staffPerRegion };
}

const pad = (n: number) => String(n).padStart(2, '0');

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
  const now = Temporal.PlainDate.from(DATA_START).toZonedDateTime(ORG_ZONE).toInstant();
  const org = await createOrganisation(db, orgNameOf(spec), ORG_ZONE);
  const admin = await createUserWithStaff(db, {
    organisationId: org.id,
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
    givenName: 'Bench',
    familyName: 'Admin',
    timeZone: ORG_ZONE,
    roleKey: 'administrator',
  });
  const actor: Actor = {
    organisationId: org.id,
    userId: admin.userId,
    staffId: admin.staffId,
    email: ADMIN_EMAIL,
    label: 'Bench Admin',
    permissions: new Set(PERMISSION_KEYS),
    ip: null,
  };
  const { plans, staffPerRegion } = planClients(spec);

  // Organisation set-up: horizon, service types, contract types, holidays, staff with work patterns.
  // The horizon is an organisation setting with no action yet; generation reads it.
  await withSystem(db, (tx) =>
    sql`UPDATE organisations SET scheduling_horizon_weeks = ${spec.weeks} WHERE id = ${org.id}`.execute(tx),
  );
  const setup = await withTenant(db, org.id, async (tx) => {
    const workerRole = (await listRoles(tx, org.id)).find((r) => r.key === 'worker')!;
    const types = [];
    for (const [name, colour] of [
      ['Personal care', '#0b7a75'],
      ['Domestic assistance', '#7a4b0b'],
      ['Community access', '#4b0b7a'],
    ] as const)
      types.push(await insertServiceType(tx, org.id, { name, colour }));
    const contractTypeIds = [];
    for (const type of contractTypes()) contractTypeIds.push((await createContractType(tx, actor, type)).id);
    for (const r of REGIONS)
      for (const date of HOLIDAYS)
        await addCalendarDay(tx, actor, {
          region: r.region,
          date,
          kind: 'public_holiday',
          name: 'Public holiday',
        });
    const staff: string[][] = [];
    let serial = 0;
    for (const [regionIndex, count] of staffPerRegion.entries()) {
      const ids: string[] = [];
      for (let s = 0; s < count; s++) {
        serial++;
        const created = await createStaff(tx, actor, {
          givenName: GIVEN[serial % GIVEN.length]!,
          familyName: `${FAMILY[(serial * 7) % FAMILY.length]!} ${serial}`,
          email: `worker${String(serial).padStart(6, '0')}@bench.example.org`,
          phone: null,
          timeZone: REGIONS[regionIndex]!.zone,
          deliversServices: true,
          roleIds: [workerRole.id],
        });
        await replaceWorkingHours(
          tx,
          org.id,
          created.id,
          [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '08:00', endsAt: '17:00' })),
        );
        ids.push(created.id);
      }
      staff.push(ids);
    }
    return { types, contractTypeIds, staff };
  });
  log(
    `  organisation, ${setup.staff.flat().length} staff, 3 contract types: ${((nowMs() - started) / 1000).toFixed(1)} s`,
  );

  let done = 0;
  let bookings = 0;
  let lastReport = nowMs();
  const startDay = Temporal.PlainDate.from(DATA_START);
  await pool(plans, 3, async (plan, index) => {
    const region = REGIONS[plan.regionIndex]!;
    const staffId = setup.staff[plan.regionIndex]![plan.staffIndex]!;
    const hour = 8 + plan.row;
    await withTenant(db, org.id, async (tx) => {
      const client = await createClient(tx, actor, {
        givenName: GIVEN[index % GIVEN.length]!,
        familyName: `${FAMILY[(index * 5) % FAMILY.length]!}-${index}`,
        preferredName: null,
        dateOfBirth: `${1935 + (index % 60)}-${pad((index % 12) + 1)}-${pad((index % 27) + 1)}`,
        email: null,
        phone: null,
        addressLine1: `${index + 1} Bench Street`,
        addressLine2: null,
        suburb: null,
        state: region.region,
        postcode: null,
        country: null,
        timeZone: region.zone,
        ndisNumber: index % 3 === 1 ? `43${String(1_000_000 + index).slice(-7)}` : null,
        localAuthorityReference: index % 3 === 2 ? `LA-${index}` : null,
        status: 'active',
        notes: null,
      });
      await setClientRegion(tx, actor, client.id, region.region);
      const typeIndex = index % 3;
      await createContract(tx, actor, client.id, {
        contractTypeId: setup.contractTypeIds[typeIndex]!,
        name: 'Service agreement',
        startDate: '2026-01-01',
        endDate: null,
        // Every fourth client has its own dated rate on top of its type's option sets.
        optionSets: index % 4 === 0 ? [{ effectiveFrom: '2026-03-09', options: { hourlyRate: 7_100 } }] : [],
      });
      const type = setup.types[index % setup.types.length]!;
      const series = [
        { rrule: `FREQ=WEEKLY;BYDAY=${plan.weeklyDays.join(',')}`, minutes: [60, 45][index % 2]! },
        { rrule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${plan.fortnightDay}`, minutes: 60 },
      ];
      const created: string[] = [];
      for (const s of series) {
        const report = await createSeries(
          tx,
          actor,
          client.id,
          {
            serviceTypeId: type.id,
            name: type.name,
            startDate: DATA_START,
            startTime: `${pad(hour)}:00`,
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
      // Ad-hoc visits at 16:00 every fourth week, on a day no other client of this staff member uses.
      const weekday = plan.adhocDay % 5;
      const parity = plan.adhocDay < 5 ? 0 : 1;
      for (let week = parity; week < spec.weeks; week += 4) {
        const date = startDay.add({ days: week * 7 + weekday });
        try {
          await createAdhocBooking(tx, actor, client.id, {
            name: 'Shopping assistance',
            bookingDate: date.toString(),
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
      // About one visit in 25 is cancelled (client unwell, hospital…).
      for (const [k, id] of created.entries())
        if ((k * 7 + index) % 25 === 0) await cancelBooking(tx, actor, id, 'Client unwell');
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
  // time (POST /bookings/:id/complete); at this scale the data set records it in one statement.
  const today = Temporal.PlainDate.from(DATA_TODAY).toZonedDateTime(ORG_ZONE).toInstant().toString();
  await withSystem(db, (tx) =>
    sql`WITH done AS (
          UPDATE bookings SET status = 'completed'
           WHERE organisation_id = ${org.id} AND status = 'booked' AND starts_at < ${today}::timestamptz
          RETURNING id, starts_at, ends_at),
        attended AS (
          UPDATE booking_participants p SET status = 'attended' FROM done
           WHERE p.organisation_id = ${org.id} AND p.booking_id = done.id AND p.status = 'booked')
        UPDATE client_deliveries d SET
          actual_start = done.starts_at + make_interval(secs => (extract(epoch FROM done.starts_at)::bigint / 60 % 11) * 37 - 120),
          actual_end = done.ends_at + make_interval(secs => (extract(epoch FROM done.starts_at)::bigint / 60 % 13) * 41 - 90)
        FROM done WHERE d.organisation_id = ${org.id} AND d.booking_id = done.id`.execute(tx),
  );
  await sql`ANALYZE`.execute(db);
  const seconds = (nowMs() - started) / 1000;
  log(
    `  ${bookings} bookings for ${spec.clients} clients over ${spec.weeks} weeks in ${seconds.toFixed(0)} s`,
  );
  return { ...spec, organisationId: org.id, staffIds: setup.staff.flat(), bookings, seconds };
}
