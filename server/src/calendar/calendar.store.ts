import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';

export type CalendarFilter = {
  from: Temporal.Instant;
  to: Temporal.Instant;
  staffIds?: string[];
  clientId?: string;
  serviceTypeId?: string;
  statuses?: ('booked' | 'completed' | 'cancelled')[];
  unassignedOnly?: boolean;
  limit: number;
};

/** Bookings overlapping [from, to), filtered, soonest first: the joins and filters both reads below share. */
function calendarQuery(tx: Tx, organisationId: string, f: CalendarFilter) {
  let q = tx
    .selectFrom('bookings as b')
    // The lead client and the lead staff member or provider, as on every booking view.
    .innerJoin('booking_participants as cp', (j) =>
      j
        .onRef('cp.organisation_id', '=', 'b.organisation_id')
        .onRef('cp.booking_id', '=', 'b.id')
        .on('cp.participant_type', '=', 'client')
        .on('cp.is_lead', '=', true),
    )
    .innerJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'cp.organisation_id').onRef('c.id', '=', 'cp.client_id'),
    )
    .leftJoin('booking_participants as ap', (j) =>
      j
        .onRef('ap.organisation_id', '=', 'b.organisation_id')
        .onRef('ap.booking_id', '=', 'b.id')
        .on('ap.participant_type', 'in', ['staff', 'provider'])
        .on('ap.is_lead', '=', true),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'ap.organisation_id').onRef('s.id', '=', 'ap.staff_id'),
    )
    .leftJoin('external_providers as p', (j) =>
      j.onRef('p.organisation_id', '=', 'ap.organisation_id').onRef('p.id', '=', 'ap.provider_id'),
    )
    .leftJoin('service_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 'b.organisation_id').onRef('t.id', '=', 'b.service_type_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .where(
      sql<boolean>`tstzrange(b.starts_at, b.ends_at) && tstzrange(${f.from.toString()}::timestamptz, ${f.to.toString()}::timestamptz)`,
    )
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(f.limit);
  if (f.staffIds && f.staffIds.length > 0) q = q.where('ap.staff_id', 'in', f.staffIds);
  if (f.unassignedOnly) q = q.where('ap.id', 'is', null);
  if (f.clientId) q = q.where('cp.client_id', '=', f.clientId);
  if (f.serviceTypeId) q = q.where('b.service_type_id', '=', f.serviceTypeId);
  if (f.statuses && f.statuses.length > 0) q = q.where('b.status', 'in', f.statuses);
  return q;
}

/** Bookings overlapping [from, to), in one query answered from the (organisation, time range) GiST index. */
export async function calendarBookings(tx: Tx, organisationId: string, f: CalendarFilter) {
  return calendarQuery(tx, organisationId, f)
    .select([
      'b.id',
      'b.name',
      'b.kind',
      'b.status',
      'b.starts_at as startsAt',
      'b.ends_at as endsAt',
      'b.time_zone as timeZone',
      sql<string>`cp.client_id`.as('clientId'),
      'cp.status as clientStatus',
      sql<string>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
      'c.time_zone as clientTimeZone',
      'ap.staff_id as staffId',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
      'p.name as providerName',
      'b.series_id as seriesId',
      'b.is_exception as isException',
      'b.service_type_id as serviceTypeId',
      't.name as serviceTypeName',
      't.colour',
      'b.notes',
      'b.sequence',
      'b.updated_at as updatedAt',
    ])
    .execute();
}

/**
 * The calendar's lean projection of the same bookings: only what an event shows, instants as epoch seconds.
 * A month for 50 staff is ~5,000 rows; parsing three timestamps a row into Temporal.Instant (and reading notes
 * no event shows) was the largest share of the route's CPU after the query itself.
 */
export async function calendarEvents(tx: Tx, organisationId: string, f: CalendarFilter) {
  return calendarQuery(tx, organisationId, f)
    .select([
      'b.id',
      'b.name',
      'b.kind',
      'b.status',
      sql<number>`floor(extract(epoch from b.starts_at))::float8`.as('startsEpoch'),
      sql<number>`floor(extract(epoch from b.ends_at))::float8`.as('endsEpoch'),
      sql<string>`cp.client_id`.as('clientId'),
      'cp.status as clientStatus',
      sql<string>`coalesce(c.preferred_name, c.given_name) || ' ' || c.family_name`.as('clientName'),
      'c.time_zone as clientTimeZone',
      'ap.staff_id as staffId',
      sql<string | null>`s.given_name || ' ' || s.family_name`.as('staffName'),
      'p.name as providerName',
      'b.series_id as seriesId',
      'b.is_exception as isException',
      'b.service_type_id as serviceTypeId',
      't.name as serviceTypeName',
      't.colour',
    ])
    .execute();
}

export async function insertFeed(
  tx: Tx,
  organisationId: string,
  subject: { type: 'staff' | 'client'; id: string },
  tokenHash: Buffer,
) {
  await revokeFeeds(tx, organisationId, subject);
  await tx
    .insertInto('calendar_feeds')
    .values({
      organisation_id: organisationId,
      token_hash: tokenHash,
      subject_type: subject.type,
      subject_id: subject.id,
    })
    .execute();
}

export async function revokeFeeds(
  tx: Tx,
  organisationId: string,
  subject: { type: 'staff' | 'client'; id: string },
): Promise<number> {
  const result = await tx
    .updateTable('calendar_feeds')
    .set({ revoked_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findLiveFeed(tx: Tx, organisationId: string, tokenHash: Buffer) {
  return tx
    .selectFrom('calendar_feeds')
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .select(['subject_type as subjectType', 'subject_id as subjectId'])
    .executeTakeFirst();
}

export async function subjectName(
  tx: Tx,
  organisationId: string,
  subject: { type: 'staff' | 'client'; id: string },
) {
  const table = subject.type === 'staff' ? 'staff' : 'clients';
  const row = await tx
    .selectFrom(table)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', subject.id)
    .select(sql<string>`given_name || ' ' || family_name`.as('name'))
    .executeTakeFirst();
  return row?.name;
}
