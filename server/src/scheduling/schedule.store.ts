import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import { pgErrorCode, type Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { SeriesRecord, SeriesStatus } from './schedule.types.js';

// ---- service types

export async function listServiceTypes(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('service_types')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'colour', 'active'])
    .orderBy('name')
    .execute();
}

export async function insertServiceType(
  tx: Tx,
  organisationId: string,
  t: { name: string; colour?: string },
) {
  try {
    return await tx
      .insertInto('service_types')
      .values({ organisation_id: organisationId, name: t.name, ...(t.colour ? { colour: t.colour } : {}) })
      .returning(['id', 'name', 'colour', 'active'])
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw conflict(`A service type named "${t.name}" already exists`);
    throw error;
  }
}

export async function serviceTypeExists(tx: Tx, organisationId: string, id: string) {
  const row = await tx
    .selectFrom('service_types')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('active', '=', true)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- series

function selectSeries(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('scheduled_services as s')
    .innerJoin('service_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 's.organisation_id').onRef('t.id', '=', 's.service_type_id'),
    )
    .leftJoin('staff as st', (j) =>
      j.onRef('st.organisation_id', '=', 's.organisation_id').onRef('st.id', '=', 's.staff_id'),
    )
    .where('s.organisation_id', '=', organisationId)
    .select([
      's.id',
      's.client_id as clientId',
      's.service_type_id as serviceTypeId',
      't.name as serviceTypeName',
      's.name',
      's.time_zone as timeZone',
      's.start_date as startDate',
      's.start_time as startTime',
      's.rrule',
      's.end_date as endDate',
      's.duration_minutes as durationMinutes',
      's.staff_id as staffId',
      sql<string | null>`st.given_name || ' ' || st.family_name`.as('staffName'),
      's.notes',
      's.contract_id as contractId',
      's.status',
      's.split_from_id as splitFromId',
      's.generated_until as generatedUntil',
      's.created_by_user_id as createdById',
    ]);
}

export async function findSeries(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectSeries(tx, organisationId).where('s.id', '=', id);
  if (forUpdate) q = q.forUpdate('s');
  return (await q.executeTakeFirst()) as SeriesRecord | undefined;
}

export async function listClientSeries(tx: Tx, organisationId: string, clientId: string) {
  return (await selectSeries(tx, organisationId)
    .where('s.client_id', '=', clientId)
    .orderBy('s.start_date')
    .orderBy('s.id')
    .execute()) as SeriesRecord[];
}

export type SeriesWrite = Omit<
  SeriesRecord,
  'id' | 'serviceTypeName' | 'staffName' | 'generatedUntil' | 'splitFromId' | 'createdById' | 'contractId'
> & {
  splitFromId?: string | null;
  contractId?: string | null;
};

export async function insertSeries(
  tx: Tx,
  organisationId: string,
  s: SeriesWrite,
  userId: string,
): Promise<string> {
  const row = await tx
    .insertInto('scheduled_services')
    .values({
      organisation_id: organisationId,
      client_id: s.clientId,
      service_type_id: s.serviceTypeId,
      name: s.name,
      time_zone: s.timeZone,
      start_date: s.startDate,
      start_time: s.startTime,
      rrule: s.rrule,
      end_date: s.endDate,
      duration_minutes: s.durationMinutes,
      staff_id: s.staffId,
      notes: s.notes,
      contract_id: s.contractId ?? null,
      status: s.status,
      split_from_id: s.splitFromId ?? null,
      created_by_user_id: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSeries(
  tx: Tx,
  organisationId: string,
  id: string,
  s: Partial<SeriesWrite> & { generatedUntil?: Temporal.Instant | null },
) {
  await tx
    .updateTable('scheduled_services')
    .set({
      ...(s.serviceTypeId !== undefined ? { service_type_id: s.serviceTypeId } : {}),
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.startDate !== undefined ? { start_date: s.startDate } : {}),
      ...(s.startTime !== undefined ? { start_time: s.startTime } : {}),
      ...(s.rrule !== undefined ? { rrule: s.rrule } : {}),
      ...(s.endDate !== undefined ? { end_date: s.endDate } : {}),
      ...(s.durationMinutes !== undefined ? { duration_minutes: s.durationMinutes } : {}),
      ...(s.staffId !== undefined ? { staff_id: s.staffId } : {}),
      ...(s.notes !== undefined ? { notes: s.notes } : {}),
      ...(s.contractId !== undefined ? { contract_id: s.contractId } : {}),
      ...(s.status !== undefined ? { status: s.status as SeriesStatus } : {}),
      ...(s.generatedUntil !== undefined ? { generated_until: s.generatedUntil?.toString() ?? null } : {}),
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** Active series whose bookings do not yet reach `horizon`, across all organisations (the generator's work list). */
export async function seriesNeedingGeneration(tx: Tx, horizonOf: (weeks: number) => Temporal.Instant) {
  const rows = await tx
    .selectFrom('scheduled_services as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .where('s.status', '=', 'active')
    .select([
      's.organisation_id as organisationId',
      's.id',
      's.generated_until as generatedUntil',
      'o.scheduling_horizon_weeks as weeks',
    ])
    .execute();
  return rows.filter(
    (r) =>
      r.generatedUntil === null || r.generatedUntil.epochNanoseconds < horizonOf(r.weeks).epochNanoseconds,
  );
}

export async function horizonWeeks(tx: Tx, organisationId: string): Promise<number> {
  const row = await tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select('scheduling_horizon_weeks')
    .executeTakeFirstOrThrow();
  return row.scheduling_horizon_weeks;
}
