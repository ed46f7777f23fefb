import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { PriceZone, SupportItem, TimeBand } from './catalogue.types.js';

/** The catalogue's tables: item versions, their price limits and the time-band families. */

export async function lockCatalogue(tx: Tx, organisationId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${organisationId}:ndis-catalogue`}, 0))`.execute(
    tx,
  );
}

/**
 * Replaces the versions of each imported number that start on or after its earliest imported start (a
 * re-import of the same catalogue is a no-op), ends an older open version the day before, then inserts the
 * items and their prices: four statements whatever the catalogue's size. `items` must not overlap among
 * themselves (see `chainVersions`).
 */
export async function upsertItems(
  tx: Tx,
  organisationId: string,
  items: readonly SupportItem[],
  source: string,
) {
  const first = new Map<string, string>();
  for (const it of items)
    if (!first.has(it.number) || it.startsOn < first.get(it.number)!) first.set(it.number, it.startsOn);
  const numbers = [...first.keys()];
  const starts = numbers.map((n) => first.get(n)!);
  const del = await sql`DELETE FROM ndis_support_items i
    USING unnest(${numbers}::text[], ${starts}::date[]) AS v(number, starts_on)
    WHERE i.organisation_id = ${organisationId} AND i.number = v.number AND i.starts_on >= v.starts_on`.execute(
    tx,
  );
  const end = await sql`UPDATE ndis_support_items i SET ends_on = v.starts_on - 1
    FROM unnest(${numbers}::text[], ${starts}::date[]) AS v(number, starts_on)
    WHERE i.organisation_id = ${organisationId} AND i.number = v.number AND i.starts_on < v.starts_on
      AND (i.ends_on IS NULL OR i.ends_on >= v.starts_on)`.execute(tx);
  const rows = await tx
    .insertInto('ndis_support_items')
    .values(
      items.map((it) => ({
        organisation_id: organisationId,
        number: it.number,
        name: it.name,
        unit: it.unit,
        registration_group_number: it.registrationGroupNumber,
        registration_group_name: it.registrationGroupName,
        support_category_number: it.supportCategoryNumber,
        support_category_name: it.supportCategoryName,
        quote: it.quote,
        starts_on: it.startsOn,
        ends_on: it.endsOn,
        non_face_to_face: it.flags.nonFaceToFace,
        provider_travel: it.flags.providerTravel,
        short_notice_cancellation: it.flags.shortNoticeCancellation,
        ndia_requested_reports: it.flags.ndiaRequestedReports,
        irregular_sil: it.flags.irregularSil,
        therapy: it.therapy,
        item_type: it.itemType,
        source,
      })),
    )
    .returning(['id', 'number', 'starts_on as startsOn'])
    .execute();
  const idOf = new Map(rows.map((r) => [`${r.number}|${r.startsOn}`, r.id]));
  const prices = items.flatMap((it) =>
    (Object.entries(it.prices) as [PriceZone, number][]).map(([zone, price]) => ({
      organisation_id: organisationId,
      support_item_id: idOf.get(`${it.number}|${it.startsOn}`)!,
      zone,
      price_minor: price,
    })),
  );
  if (prices.length) await tx.insertInto('ndis_support_item_prices').values(prices).execute();
  return {
    inserted: rows.length,
    replaced: Number(del.numAffectedRows ?? 0),
    ended: Number(end.numAffectedRows ?? 0),
  };
}

const itemColumns = [
  'i.id',
  'i.number',
  'i.name',
  'i.unit',
  'i.registration_group_number as registrationGroupNumber',
  'i.registration_group_name as registrationGroupName',
  'i.support_category_number as supportCategoryNumber',
  'i.support_category_name as supportCategoryName',
  'i.quote',
  'i.starts_on as startsOn',
  'i.ends_on as endsOn',
  'i.non_face_to_face as nonFaceToFace',
  'i.provider_travel as providerTravel',
  'i.short_notice_cancellation as shortNoticeCancellation',
  'i.ndia_requested_reports as ndiaRequestedReports',
  'i.irregular_sil as irregularSil',
  'i.therapy',
  'i.item_type as itemType',
  'i.source',
] as const;

export type ItemRow = SupportItem & { id: string; source: string | null };

/** Item versions (all, or those in force on `on`, or matching `search`), each with its prices. */
export async function listItems(
  tx: Tx,
  organisationId: string,
  filter: { on?: string | null; search?: string | null; numbers?: readonly string[] } = {},
): Promise<ItemRow[]> {
  let q = tx
    .selectFrom('ndis_support_items as i')
    .where('i.organisation_id', '=', organisationId)
    .select(itemColumns)
    .select((eb) =>
      eb
        .selectFrom('ndis_support_item_prices as p')
        .whereRef('p.organisation_id', '=', 'i.organisation_id')
        .whereRef('p.support_item_id', '=', 'i.id')
        .select(sql<Record<string, number> | null>`jsonb_object_agg(p.zone, p.price_minor)`.as('prices'))
        .as('prices'),
    )
    .orderBy('i.number')
    .orderBy('i.starts_on');
  if (filter.on)
    q = q
      .where('i.starts_on', '<=', filter.on)
      .where((eb) => eb.or([eb('i.ends_on', 'is', null), eb('i.ends_on', '>=', filter.on!)]));
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('i.number', 'ilike', like), eb('i.name', 'ilike', like)]));
  }
  if (filter.numbers) {
    if (filter.numbers.length === 0) return [];
    q = q.where('i.number', 'in', filter.numbers);
  }
  const rows = await q.limit(2000).execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    unit: r.unit,
    registrationGroupNumber: r.registrationGroupNumber,
    registrationGroupName: r.registrationGroupName,
    supportCategoryNumber: r.supportCategoryNumber,
    supportCategoryName: r.supportCategoryName,
    quote: r.quote,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    flags: {
      nonFaceToFace: r.nonFaceToFace,
      providerTravel: r.providerTravel,
      shortNoticeCancellation: r.shortNoticeCancellation,
      ndiaRequestedReports: r.ndiaRequestedReports,
      irregularSil: r.irregularSil,
    },
    therapy: r.therapy,
    itemType: r.itemType,
    source: r.source,
    prices: (r.prices ?? {}) as SupportItem['prices'],
  }));
}

export async function setFamily(
  tx: Tx,
  organisationId: string,
  family: string,
  bands: Partial<Record<TimeBand, string>>,
) {
  await tx
    .deleteFrom('ndis_time_band_items')
    .where('organisation_id', '=', organisationId)
    .where('family', '=', family)
    .execute();
  const rows = Object.entries(bands).map(([band, item]) => ({
    organisation_id: organisationId,
    family,
    band: band as TimeBand,
    item_number: item,
  }));
  if (rows.length) await tx.insertInto('ndis_time_band_items').values(rows).execute();
}

export async function listFamilies(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('ndis_time_band_items')
    .where('organisation_id', '=', organisationId)
    .select(['family', 'band', 'item_number as itemNumber'])
    .orderBy('family')
    .execute();
}
