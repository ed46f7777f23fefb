import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../../server/src/platform/db/database.js';
import { toSeriesView } from '../../../server/src/scheduling/series.action.js';
import { horizonEnd, occurrencesBetween } from '../../../server/src/scheduling/series.js';
import { nowMs } from '../support/timing.js';
import { type CopyTable, type CopyValue, copyRows } from './copy-rows.js';
import {
  ADHOC_NAME,
  adhocDatesOf,
  CANCELLATION_REASON,
  clientOf,
  contractOf,
  contractTypes,
  DATA_START,
  type DataSet,
  type DataSpec,
  generationNow,
  isCancelled,
  type Plan,
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

/**
 * The scale data set written in bulk: the same rows generate-data.ts writes through the product's actions
 * (clients with their region, one contract each, two series each with their generated bookings, ad-hoc
 * bookings, cancellations as exceptions, delivered visits, and the audit events of each of those actions),
 * computed here from data-plan.ts with the product's own recurrence code and streamed with COPY in
 * transactions of a few hundred clients, on two connections. The database's triggers and constraints
 * (participant periods, one staff member in one place, the audit chain) check every row as it goes in.
 * bulk-check.ts compares what the API answers for both writers.
 */

const CHUNK_CLIENTS = 250;
const WORKERS = 2;

type Ctx = Awaited<ReturnType<typeof setUpOrganisation>> & {
  spec: DataSpec;
  staff: { id: string; name: string }[][];
  now: Temporal.Instant;
  horizon: Temporal.Instant;
  today: Temporal.Instant;
  stamp: string;
};

const table = (name: string, columns: string[]): CopyTable => ({ table: name, columns, rows: [] });

function auditTable(): CopyTable {
  return table('audit_events', [
    'organisation_id',
    'actor_user_id',
    'actor_label',
    'action',
    'entity_type',
    'entity_id',
    'before',
    'after',
  ]);
}

function audit(
  t: CopyTable,
  c: Ctx,
  action: 'create' | 'update',
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  t.rows.push([
    c.organisationId,
    c.actor.userId,
    c.actor.label,
    action,
    entityType,
    entityId,
    before === null ? null : JSON.stringify(before),
    JSON.stringify(after),
  ]);
}

const offsetText = (at: Temporal.Instant, zone: string) =>
  at.toZonedDateTimeISO(zone).toString({ timeZoneName: 'never' });

/** The actual check-in and check-out of a delivered visit: the formula generate-data.ts applies in SQL. */
function actualTimes(start: Temporal.Instant, end: Temporal.Instant) {
  // extract(epoch FROM starts_at)::bigint / 60: whole minutes since the epoch, as the SQL computes them.
  const minute = Math.floor(start.epochMilliseconds / 60_000);
  return {
    actualStart: start.add({ seconds: (minute % 11) * 37 - 120 }),
    actualEnd: end.add({ seconds: (minute % 13) * 41 - 90 }),
  };
}

type Tables = Record<
  'clients' | 'contracts' | 'series' | 'bookings' | 'participants' | 'deliveries' | 'audit',
  CopyTable
>;

function newTables(): Tables {
  return {
    clients: table('clients', [
      'organisation_id',
      'id',
      'given_name',
      'family_name',
      'preferred_name',
      'date_of_birth',
      'email',
      'phone',
      'address_line1',
      'address_line2',
      'suburb',
      'state',
      'postcode',
      'country',
      'time_zone',
      'ndis_number',
      'local_authority_reference',
      'status',
      'notes',
      'region',
    ]),
    contracts: table('client_contracts', [
      'organisation_id',
      'id',
      'client_id',
      'contract_type_id',
      'name',
      'start_date',
      'end_date',
      'is_default',
      'option_sets',
    ]),
    series: table('scheduled_services', [
      'organisation_id',
      'id',
      'client_id',
      'service_type_id',
      'name',
      'time_zone',
      'start_date',
      'start_time',
      'rrule',
      'end_date',
      'duration_minutes',
      'staff_id',
      'status',
      'generated_until',
      'created_by_user_id',
      'category',
    ]),
    bookings: table('bookings', [
      'organisation_id',
      'id',
      'kind',
      'name',
      'starts_at',
      'ends_at',
      'time_zone',
      'status',
      'cancellation_reason',
      'created_by_user_id',
      'series_id',
      'original_start',
      'is_exception',
      'service_type_id',
      'sequence',
      'category',
    ]),
    participants: table('booking_participants', [
      'organisation_id',
      'id',
      'booking_id',
      'participant_type',
      'client_id',
      'staff_id',
      'is_lead',
      'status',
      'period',
    ]),
    deliveries: table('client_deliveries', [
      'organisation_id',
      'participant_id',
      'booking_id',
      'client_id',
      'actual_start',
      'actual_end',
    ]),
    audit: auditTable(),
  };
}

type Visit = {
  kind: 'scheduled' | 'adhoc';
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  seriesId: string | null;
  serviceTypeId: string | null;
  cancelled: boolean;
};

/** One client's rows, in the order the product's actions write them. */
function addClient(t: Tables, c: Ctx, plan: Plan, index: number) {
  const org = c.organisationId;
  const region = REGIONS[plan.regionIndex]!;
  const staff = c.staff[plan.regionIndex]![plan.staffIndex]!;
  const zone = region.zone;
  const input = clientOf(index, region);
  const clientId = randomUUID();
  const clientName = `${input.givenName} ${input.familyName}`;
  t.clients.rows.push([
    org,
    clientId,
    input.givenName,
    input.familyName,
    null,
    input.dateOfBirth,
    null,
    null,
    input.addressLine1,
    null,
    null,
    input.state,
    null,
    null,
    zone,
    input.ndisNumber,
    input.localAuthorityReference,
    'active',
    null,
    region.region,
  ]);
  const { id: _omit, ...rest } = { id: clientId, ...input };
  audit(t.audit, c, 'create', 'client', clientId, null, {
    id: clientId,
    ...rest,
    mmmBand: null,
    createdAt: c.stamp,
    updatedAt: c.stamp,
  });
  audit(t.audit, c, 'update', 'client', clientId, { region: null }, { region: region.region });

  const contract = contractOf(index, c.contractTypeIds);
  const contractId = randomUUID();
  const typeIndex = c.contractTypeIds.indexOf(contract.contractTypeId);
  const type = contractTypes()[typeIndex]!;
  t.contracts.rows.push([
    org,
    contractId,
    clientId,
    contract.contractTypeId,
    contract.name,
    contract.startDate,
    null,
    true,
    JSON.stringify(contract.optionSets),
  ]);
  audit(t.audit, c, 'create', 'client_contract', contractId, null, {
    id: contractId,
    name: contract.name,
    endDate: null,
    clientId,
    createdAt: c.stamp,
    isDefault: true,
    startDate: contract.startDate,
    updatedAt: c.stamp,
    optionSets: contract.optionSets,
    contractType: { id: contract.contractTypeId, name: type.name, category: type.category },
    paymentTermsDays: null,
  });

  const serviceType = c.types[serviceTypeIndexOf(index)]!;
  const visits: Visit[] = [];
  for (const s of seriesOf(plan, index)) {
    const seriesId = randomUUID();
    const definition = {
      timeZone: zone,
      startDate: DATA_START,
      startTime: seriesStartTimeOf(plan),
      rrule: s.rrule,
      endDate: null,
      durationMinutes: s.minutes,
      staffId: staff.id,
    };
    t.series.rows.push([
      org,
      seriesId,
      clientId,
      serviceType.id,
      serviceType.name,
      zone,
      DATA_START,
      definition.startTime,
      s.rrule,
      null,
      s.minutes,
      staff.id,
      'active',
      c.horizon.toString(),
      c.actor.userId,
      'visit',
    ]);
    audit(
      t.audit,
      c,
      'create',
      'scheduled_service',
      seriesId,
      null,
      toSeriesView({
        ...definition,
        id: seriesId,
        clientId,
        serviceTypeId: serviceType.id,
        serviceTypeName: serviceType.name,
        name: serviceType.name,
        staffName: staff.name,
        contractId: null,
        notes: null,
        status: 'active',
        splitFromId: null,
        generatedUntil: c.horizon,
        createdById: c.actor.userId,
      }),
    );
    for (const o of occurrencesBetween(definition, c.now, c.horizon))
      visits.push({
        kind: 'scheduled',
        name: serviceType.name,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        seriesId,
        serviceTypeId: serviceType.id,
        cancelled: false,
      });
  }
  // The k-th series visit (in the order the series reported them) is cancelled by the rule.
  for (const [k, v] of visits.entries()) v.cancelled = isCancelled(k, index);
  const adhoc = adhocDatesOf(plan, c.spec.weeks).map((date): Visit => {
    const startsAt = Temporal.PlainDate.from(date)
      .toZonedDateTime({ timeZone: zone, plainTime: '16:00' })
      .toInstant();
    return {
      kind: 'adhoc',
      name: ADHOC_NAME,
      startsAt,
      endsAt: startsAt.add({ minutes: 60 }),
      seriesId: null,
      serviceTypeId: null,
      cancelled: false,
    };
  });
  for (const v of [...visits, ...adhoc]) addVisit(t, c, v, { clientId, clientName, zone, staff });
  return visits.length + adhoc.length;
}

function addVisit(
  t: Tables,
  c: Ctx,
  v: Visit,
  who: { clientId: string; clientName: string; zone: string; staff: { id: string; name: string } },
) {
  const org = c.organisationId;
  const bookingId = randomUUID();
  const clientParticipant = randomUUID();
  const staffParticipant = randomUUID();
  const delivered = !v.cancelled && Temporal.Instant.compare(v.startsAt, c.today) < 0;
  const status = v.cancelled ? 'cancelled' : delivered ? 'completed' : 'booked';
  const participantStatus = v.cancelled ? 'cancelled' : delivered ? 'attended' : 'booked';
  const period = `[${v.startsAt.toString()},${v.endsAt.toString()})`;
  t.bookings.rows.push([
    org,
    bookingId,
    v.kind,
    v.name,
    v.startsAt.toString(),
    v.endsAt.toString(),
    who.zone,
    status,
    v.cancelled ? CANCELLATION_REASON : null,
    c.actor.userId,
    v.seriesId,
    v.seriesId ? v.startsAt.toString() : null,
    v.cancelled,
    v.serviceTypeId,
    // The product's cancel and completion are updates, and every update bumps the booking's sequence.
    status === 'booked' ? 0 : 1,
    'visit',
  ]);
  const row = (id: string, type: 'client' | 'staff', clientId: string | null, staffId: string | null) =>
    [org, id, bookingId, type, clientId, staffId, true, participantStatus, period] as CopyValue[];
  t.participants.rows.push(row(clientParticipant, 'client', who.clientId, null));
  t.participants.rows.push(row(staffParticipant, 'staff', null, who.staff.id));
  const actual = delivered ? actualTimes(v.startsAt, v.endsAt) : null;
  t.deliveries.rows.push([
    org,
    clientParticipant,
    bookingId,
    who.clientId,
    actual?.actualStart.toString() ?? null,
    actual?.actualEnd.toString() ?? null,
  ]);
  if (v.kind === 'scheduled' && !v.cancelled) return;
  // Ad-hoc bookings are audited when created, series bookings when cancelled (before and after).
  const view = (state: 'booked' | 'cancelled') => {
    const local = v.startsAt.toZonedDateTimeISO(who.zone);
    const participant = (id: string, type: 'client' | 'staff', subjectId: string, name: string) => ({
      id,
      lead: true,
      name,
      role: null,
      type,
      status: state,
      subjectId,
      replacesParticipantId: null,
    });
    return {
      id: bookingId,
      kind: v.kind,
      name: v.name,
      notes: null,
      endsAt: offsetText(v.endsAt, who.zone),
      status: state,
      assignee: { id: who.staff.id, name: who.staff.name, type: 'staff' },
      capacity: null,
      category: 'visit',
      clientId: who.clientId,
      seriesId: v.seriesId,
      startsAt: offsetText(v.startsAt, who.zone),
      timeZone: who.zone,
      createdAt: c.stamp,
      createdBy: { id: c.actor.userId, name: c.actor.label },
      startTime: local.toPlainTime().toString({ smallestUnit: 'minute' }),
      updatedAt: c.stamp,
      completion: null,
      contractId: null,
      bookingDate: local.toPlainDate().toString(),
      isException: state === 'cancelled',
      participants: [
        participant(clientParticipant, 'client', who.clientId, who.clientName),
        participant(staffParticipant, 'staff', who.staff.id, who.staff.name),
      ],
      serviceTypeId: v.serviceTypeId,
      durationMinutes: v.endsAt.since(v.startsAt).total('minutes'),
      conflictOverride: null,
      suspendedByLeave: false,
      cancellationReason: state === 'cancelled' ? CANCELLATION_REASON : null,
    };
  };
  if (v.kind === 'adhoc') audit(t.audit, c, 'create', 'booking', bookingId, null, view('booked'));
  else audit(t.audit, c, 'update', 'booking', bookingId, view('booked'), view('cancelled'));
}

/** The server processes that did the writing (when PostgreSQL runs on this machine, their CPU time counts). */
const backends = new Set<number>();

/** User + system CPU seconds of a process on this machine, from /proc (0 when it cannot be read). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

async function inTransaction(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<void>) {
  const client = await pool.connect();
  const pid = (client as unknown as { processID?: number }).processID;
  if (pid) backends.add(pid);
  try {
    await client.query('BEGIN');
    await fn(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Staff with their role and working hours, as createStaff and replaceWorkingHours write them. */
async function writeStaff(pool: pg.Pool, c: Omit<Ctx, 'staff'>, staffPerRegion: number[]) {
  const org = c.organisationId;
  const staff = table('staff', [
    'organisation_id',
    'id',
    'given_name',
    'family_name',
    'email',
    'phone',
    'time_zone',
    'delivers_services',
  ]);
  const roles = table('staff_roles', ['organisation_id', 'staff_id', 'role_id']);
  const hours = table('staff_working_hours', [
    'organisation_id',
    'staff_id',
    'weekday',
    'starts_at',
    'ends_at',
  ]);
  const audits = auditTable();
  const ids: { id: string; name: string }[][] = [];
  let serial = 0;
  for (const [regionIndex, count] of staffPerRegion.entries()) {
    const region: { id: string; name: string }[] = [];
    for (let s = 0; s < count; s++) {
      serial++;
      const input = staffOf(serial, REGIONS[regionIndex]!.zone);
      const id = randomUUID();
      staff.rows.push([org, id, input.givenName, input.familyName, input.email, null, input.timeZone, true]);
      roles.rows.push([org, id, c.workerRole.id]);
      for (const h of WORKING_HOURS) hours.rows.push([org, id, h.weekday, h.startsAt, h.endsAt]);
      audit(audits, c as Ctx, 'create', 'staff', id, null, {
        id,
        email: input.email,
        phone: null,
        roles: [{ id: c.workerRole.id, name: c.workerRole.name }],
        active: true,
        userId: null,
        timeZone: input.timeZone,
        givenName: input.givenName,
        familyName: input.familyName,
        deliversServices: true,
      });
      region.push({ id, name: `${input.givenName} ${input.familyName}` });
    }
    ids.push(region);
  }
  await inTransaction(pool, async (client) => {
    for (const t of [staff, roles, hours, audits]) await copyRows(client, t);
  });
  return ids;
}

export async function generateBulkData(
  db: Db,
  url: string,
  spec: DataSpec,
  log: (line: string) => void = console.log,
): Promise<DataSet> {
  const started = nowMs();
  const cpuAtStart = process.cpuUsage();
  backends.clear();
  const { plans, staffPerRegion } = planClients(spec);
  const setup = await setUpOrganisation(db, spec);
  const now = generationNow();
  const base = {
    ...setup,
    spec,
    now,
    horizon: horizonEnd(now, spec.weeks),
    today: todayInstant(),
    stamp: Temporal.Now.instant().toString({ smallestUnit: 'microsecond' }),
  };
  const pool = new pg.Pool({ connectionString: url, max: WORKERS });
  let bookings = 0;
  let staffIds: string[] = [];
  let cpuSeconds = 0;
  try {
    const staff = await writeStaff(pool, base, staffPerRegion);
    const c: Ctx = { ...base, staff };
    staffIds = staff.flat().map((s) => s.id);
    log(`  organisation, ${staff.flat().length} staff: ${((nowMs() - started) / 1000).toFixed(1)} s`);
    let next = 0;
    let done = 0;
    let lastReport = nowMs();
    const worker = async () => {
      while (next < plans.length) {
        const from = next;
        next = Math.min(plans.length, next + CHUNK_CLIENTS);
        const t = newTables();
        for (let index = from; index < next; index++) bookings += addClient(t, c, plans[index]!, index);
        await inTransaction(pool, async (client) => {
          for (const name of [
            'clients',
            'contracts',
            'series',
            'bookings',
            'participants',
            'deliveries',
          ] as const)
            await copyRows(client, t[name]);
          await copyRows(client, t.audit);
        });
        done += t.clients.rows.length;
        if (nowMs() - lastReport > 10_000 || done === plans.length) {
          lastReport = nowMs();
          const elapsed = (lastReport - started) / 1000;
          log(
            `  clients ${done}/${plans.length}, bookings ${bookings}, ${elapsed.toFixed(0)} s elapsed, ~${((elapsed / done) * (plans.length - done)).toFixed(0)} s to go`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    // CPU time is what the shared machine cannot distort: this process's plus its PostgreSQL backends'.
    const node = process.cpuUsage(cpuAtStart);
    cpuSeconds = (node.user + node.system) / 1e6;
    for (const pid of backends) cpuSeconds += processCpuSeconds(pid);
  } finally {
    await pool.end();
  }
  await sql`ANALYZE`.execute(db);
  const seconds = (nowMs() - started) / 1000;
  log(
    `  ${bookings} bookings for ${spec.clients} clients over ${spec.weeks} weeks in bulk in ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} CPU s: this process and its ${backends.size} PostgreSQL backends)`,
  );
  return {
    ...spec,
    organisationId: setup.organisationId,
    staffIds,
    bookings,
    seconds,
    cpuSeconds,
  };
}
