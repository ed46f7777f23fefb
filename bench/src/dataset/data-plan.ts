import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { addCalendarDay, createContractType } from '../../../server/src/contracts/contracts.action.js';
import type { ContractOptions } from '../../../server/src/contracts/rating.types.js';
import type { Actor } from '../../../server/src/identity/actor.js';
import { createOrganisation, createUserWithStaff } from '../../../server/src/identity/organisation.action.js';
import { PERMISSION_KEYS } from '../../../server/src/identity/permissions.js';
import { listRoles } from '../../../server/src/identity/role.store.js';
import { type Db, withSystem, withTenant } from '../../../server/src/platform/db/database.js';
import { insertServiceType } from '../../../server/src/scheduling/schedule.store.js';
import { seededRandom } from '../support/timing.js';

/**
 * What the scale data set holds, shared by its two writers (generate-data.ts through the product's actions,
 * bulk-data.ts in COPY batches): the organisation's set-up, where every client sits in its staff member's
 * week, and each client's, contract's, series' and visit's fields as functions of (seed, clients, weeks) and
 * the client's index. Only database ids and timestamps differ between the two writers.
 */

export const DATA_START = '2026-02-23'; // a Monday
/** Visits before this day are delivered (completed or cancelled); later ones are booked. */
export const DATA_TODAY = '2026-04-01';
export const BILLING_MONTH = { periodFrom: '2026-03-01', periodTo: '2026-03-31' } as const;
export const ORG_ZONE = 'Australia/Sydney';
export const ADMIN_EMAIL = 'admin@bench.example.org';
export const ADMIN_PASSWORD = 'bench-admin-password';

export const REGIONS = [
  { zone: 'Australia/Sydney', region: 'NSW', share: 4 },
  { zone: 'Australia/Melbourne', region: 'VIC', share: 3 },
  { zone: 'Australia/Brisbane', region: 'QLD', share: 2 },
  { zone: 'Australia/Adelaide', region: 'SA', share: 1 },
  { zone: 'Australia/Perth', region: 'WA', share: 1 },
  { zone: 'Pacific/Auckland', region: 'NZ', share: 1 },
] as const;
export const HOLIDAYS = ['2026-04-03', '2026-04-06', '2026-04-25', '2026-01-26'];
export const HOURS_PER_STAFF = 8; // rows 08:00 … 15:00
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'] as const;
export const GIVEN = [
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
export const FAMILY = [
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
  /** CPU seconds the writing took (bulk writer: this process and its database backends). */
  cpuSeconds?: number;
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

export function contractTypes(): {
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

export type Plan = {
  regionIndex: number;
  staffIndex: number;
  row: number;
  weeklyDays: string[];
  fortnightDay: string;
  adhocDay: number;
};

/** Where every client sits in its staff member's week; deterministic in (seed, clients). */
export function planClients(spec: DataSpec): { plans: Plan[]; staffPerRegion: number[] } {
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

export const pad = (n: number) => String(n).padStart(2, '0');

/** The organisation's set-up, through the product's actions (a few dozen rows; both writers share it). */
export async function setUpOrganisation(db: Db, spec: DataSpec) {
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
  // The horizon is an organisation setting with no action yet; generation reads it.
  await withSystem(db, (tx) =>
    sql`UPDATE organisations SET scheduling_horizon_weeks = ${spec.weeks} WHERE id = ${org.id}`.execute(tx),
  );
  return withTenant(db, org.id, async (tx) => {
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
    return { organisationId: org.id, actor, workerRole, types, contractTypeIds };
  });
}

/** "Now" for generation: series generate from here to the horizon. */
export const generationNow = () => Temporal.PlainDate.from(DATA_START).toZonedDateTime(ORG_ZONE).toInstant();

/** Visits before this instant were delivered (completed, their client attended); later ones are booked. */
export const todayInstant = () => Temporal.PlainDate.from(DATA_TODAY).toZonedDateTime(ORG_ZONE).toInstant();

export const WORKING_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startsAt: '08:00',
  endsAt: '17:00',
}));

/** The n-th staff member (from 1, across regions in order). */
export function staffOf(serial: number, zone: string) {
  return {
    givenName: GIVEN[serial % GIVEN.length]!,
    familyName: `${FAMILY[(serial * 7) % FAMILY.length]!} ${serial}`,
    email: `worker${String(serial).padStart(6, '0')}@bench.example.org`,
    phone: null,
    timeZone: zone,
    deliversServices: true,
  };
}

export function clientOf(index: number, region: { zone: string; region: string }) {
  return {
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
    status: 'active' as const,
    notes: null,
  };
}

/** The client's one contract: its type by index, and every fourth client its own dated rate. */
export function contractOf(index: number, contractTypeIds: string[]) {
  return {
    contractTypeId: contractTypeIds[index % 3]!,
    name: 'Service agreement',
    startDate: '2026-01-01',
    endDate: null,
    optionSets: index % 4 === 0 ? [{ effectiveFrom: '2026-03-09', options: { hourlyRate: 7_100 } }] : [],
  };
}

/** The client's two series: weekly on 1–3 days (60 or 45 minutes) and fortnightly on another (60). */
export function seriesOf(plan: Plan, index: number) {
  return [
    { rrule: `FREQ=WEEKLY;BYDAY=${plan.weeklyDays.join(',')}`, minutes: [60, 45][index % 2]! },
    { rrule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=${plan.fortnightDay}`, minutes: 60 },
  ];
}

export const serviceTypeIndexOf = (index: number) => index % 3;
export const seriesStartTimeOf = (plan: Plan) => `${pad(8 + plan.row)}:00`;

/** Ad-hoc visits at 16:00 every fourth week, on a day no other client of this staff member uses. */
export function adhocDatesOf(plan: Plan, weeks: number): string[] {
  const startDay = Temporal.PlainDate.from(DATA_START);
  const weekday = plan.adhocDay % 5;
  const parity = plan.adhocDay < 5 ? 0 : 1;
  const dates: string[] = [];
  for (let week = parity; week < weeks; week += 4)
    dates.push(startDay.add({ days: week * 7 + weekday }).toString());
  return dates;
}

/** About one series visit in 25 is cancelled (client unwell): the k-th of the client's series visits. */
export const isCancelled = (k: number, index: number) => (k * 7 + index) % 25 === 0;
export const CANCELLATION_REASON = 'Client unwell';
export const ADHOC_NAME = 'Shopping assistance';
