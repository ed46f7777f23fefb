import { sql } from 'kysely';
import type { SessionExtras } from '../bookings/booking-write.store.js';
import type { NewService } from '../bookings/session-parts.store.js';
import type { Tx } from '../platform/db/database.js';

/**
 * A recurring session (migration 0015): the series is a group (with a capacity) or a visit, carries the
 * session's services and tags (its template), and a roster of who takes part beyond the lead client and lead
 * worker, each from a local date, so "Ben joins from June" reaches the sessions generated later too.
 */

export type SeriesTemplate = {
  leadContractId: string | null;
  services: NewService[];
  serviceTypeIds: string[];
};

export type RosterEntry = {
  type: 'client' | 'staff' | 'resource';
  subjectId: string;
  role: string | null;
  contractId: string | null;
  fromDate: string;
  /** The last local date they take part (null: open-ended). */
  untilDate?: string | null;
};

export type SeriesSession = {
  category: 'visit' | 'group';
  capacity: number | null;
  template: SeriesTemplate | null;
  roster: RosterEntry[];
};

const column = { client: 'client_id', staff: 'staff_id', resource: 'resource_id' } as const;

export async function setSeriesSession(
  tx: Tx,
  organisationId: string,
  seriesId: string,
  s: Omit<SeriesSession, 'roster'>,
): Promise<void> {
  await tx
    .updateTable('scheduled_services')
    .set({
      category: s.category,
      capacity: s.capacity,
      session_template: s.template === null ? null : JSON.stringify(s.template),
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', seriesId)
    .execute();
}

/**
 * Adds people to the roster; someone already on it keeps the earlier start, and someone who had left takes
 * part again from the new date (one entry per person: the gap's sessions were already taken care of).
 */
export async function addToRoster(
  tx: Tx,
  organisationId: string,
  seriesId: string,
  entries: readonly RosterEntry[],
): Promise<void> {
  for (const e of entries) {
    await tx
      .updateTable('series_participants')
      .set({ from_date: e.fromDate, until_date: null })
      .where('organisation_id', '=', organisationId)
      .where('series_id', '=', seriesId)
      .where('participant_type', '=', e.type)
      .where(column[e.type], '=', e.subjectId)
      .where('until_date', 'is not', null)
      .execute();
    await tx
      .insertInto('series_participants')
      .values({
        organisation_id: organisationId,
        series_id: seriesId,
        participant_type: e.type,
        [column[e.type]]: e.subjectId,
        contract_id: e.contractId,
        role: e.role,
        from_date: e.fromDate,
        until_date: e.untilDate ?? null,
      } as never)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The roster with each entry's id and names, for the scheduled-service views. */
export async function rosterOf(tx: Tx, organisationId: string, seriesId: string) {
  return tx
    .selectFrom('series_participants as sp')
    .leftJoin('clients as c', (j) =>
      j.onRef('c.organisation_id', '=', 'sp.organisation_id').onRef('c.id', '=', 'sp.client_id'),
    )
    .leftJoin('staff as s', (j) =>
      j.onRef('s.organisation_id', '=', 'sp.organisation_id').onRef('s.id', '=', 'sp.staff_id'),
    )
    .leftJoin('resources as r', (j) =>
      j.onRef('r.organisation_id', '=', 'sp.organisation_id').onRef('r.id', '=', 'sp.resource_id'),
    )
    .where('sp.organisation_id', '=', organisationId)
    .where('sp.series_id', '=', seriesId)
    .select([
      'sp.id',
      'sp.participant_type as type',
      sql<string>`coalesce(sp.client_id, sp.staff_id, sp.resource_id)`.as('subjectId'),
      sql<string>`coalesce(c.given_name || ' ' || c.family_name, s.given_name || ' ' || s.family_name, r.name)`.as(
        'name',
      ),
      'sp.role',
      'sp.contract_id as contractId',
      'sp.from_date as fromDate',
      'sp.until_date as untilDate',
    ])
    .orderBy(sql`array_position(array['client','staff','resource'], sp.participant_type)`)
    .orderBy('sp.from_date')
    .orderBy('name')
    .orderBy('sp.id')
    .execute();
}

/**
 * Someone leaves the roster from `fromDate` onward: the entry ends the day before, or goes when it would
 * start on or after that day. Answers false when there is no such entry.
 */
export async function endRosterEntry(
  tx: Tx,
  organisationId: string,
  seriesId: string,
  entryId: string,
  lastDate: string,
): Promise<boolean> {
  const entry = await tx
    .selectFrom('series_participants')
    .where('organisation_id', '=', organisationId)
    .where('series_id', '=', seriesId)
    .where('id', '=', entryId)
    .select(['from_date', 'until_date'])
    .forUpdate()
    .executeTakeFirst();
  if (!entry) return false;
  if (lastDate < entry.from_date)
    await tx
      .deleteFrom('series_participants')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', entryId)
      .execute();
  else if (entry.until_date === null || entry.until_date > lastDate)
    await tx
      .updateTable('series_participants')
      .set({ until_date: lastDate })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', entryId)
      .execute();
  return true;
}

export async function findSeriesSession(
  tx: Tx,
  organisationId: string,
  seriesId: string,
): Promise<SeriesSession> {
  const [row, roster] = await Promise.all([
    tx
      .selectFrom('scheduled_services')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', seriesId)
      .select(['category', 'capacity', 'session_template'])
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('series_participants')
      .where('organisation_id', '=', organisationId)
      .where('series_id', '=', seriesId)
      .selectAll()
      .orderBy('from_date')
      .orderBy('id')
      .execute(),
  ]);
  return {
    category: row.category,
    capacity: row.capacity,
    template: (row.session_template as SeriesTemplate | null) ?? null,
    roster: roster.map((r) => ({
      type: r.participant_type,
      subjectId: (r.client_id ?? r.staff_id ?? r.resource_id)!,
      role: r.role,
      contractId: r.contract_id,
      fromDate: r.from_date,
      untilDate: r.until_date,
    })),
  };
}

/** The later half of a split series is the same session: it takes the group, template and roster. */
export async function copySeriesSession(tx: Tx, organisationId: string, fromId: string, toId: string) {
  const s = await findSeriesSession(tx, organisationId, fromId);
  await setSeriesSession(tx, organisationId, toId, s);
  await addToRoster(tx, organisationId, toId, s.roster);
}

/** What an occurrence on `localDate` carries beyond its lead client and worker. */
export function sessionExtrasOn(s: SeriesSession, localDate: string): SessionExtras | undefined {
  if (s.template === null && s.roster.length === 0) return undefined;
  return {
    leadContractId: s.template?.leadContractId ?? null,
    participants: s.roster
      .filter((r) => r.fromDate <= localDate && (r.untilDate == null || localDate <= r.untilDate))
      .map((r) => ({ type: r.type, subjectId: r.subjectId, role: r.role, contractId: r.contractId })),
    services: s.template?.services ?? [],
    serviceTypeIds: s.template?.serviceTypeIds ?? [],
  };
}
