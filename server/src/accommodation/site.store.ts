import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { BedType, FundingType, Gender } from './accommodation-tables.types.js';

export type SiteWrite = {
  name: string;
  timeZone: string;
  region: string | null;
  checkInTime: string;
  checkOutTime: string;
};

const siteColumns = [
  'id',
  'name',
  'time_zone as timeZone',
  'region',
  'check_in_time as checkInTime',
  'check_out_time as checkOutTime',
] as const;

export async function insertSite(tx: Tx, organisationId: string, s: SiteWrite) {
  return tx
    .insertInto('accommodation_sites')
    .values({
      organisation_id: organisationId,
      name: s.name,
      time_zone: s.timeZone,
      region: s.region,
      check_in_time: s.checkInTime,
      check_out_time: s.checkOutTime,
    })
    .returning(siteColumns)
    .executeTakeFirstOrThrow();
}

export async function updateSite(tx: Tx, organisationId: string, id: string, s: SiteWrite) {
  return tx
    .updateTable('accommodation_sites')
    .set({
      name: s.name,
      time_zone: s.timeZone,
      region: s.region,
      check_in_time: s.checkInTime,
      check_out_time: s.checkOutTime,
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(siteColumns)
    .executeTakeFirst();
}

export async function findSite(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('accommodation_sites')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(siteColumns)
    .executeTakeFirst();
}
export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

export async function listSites(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('accommodation_sites')
    .where('organisation_id', '=', organisationId)
    .select(siteColumns)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

const roomColumns = ['id', 'site_id as siteId', 'name'] as const;

export async function insertRoom(tx: Tx, organisationId: string, siteId: string, name: string) {
  return tx
    .insertInto('accommodation_rooms')
    .values({ organisation_id: organisationId, site_id: siteId, name })
    .returning(roomColumns)
    .executeTakeFirstOrThrow();
}

export async function updateRoom(tx: Tx, organisationId: string, id: string, name: string) {
  return tx
    .updateTable('accommodation_rooms')
    .set({ name })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(roomColumns)
    .executeTakeFirst();
}

export async function findRoom(tx: Tx, organisationId: string, id: string) {
  return tx
    .selectFrom('accommodation_rooms')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(roomColumns)
    .executeTakeFirst();
}

export async function listRooms(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('accommodation_rooms')
    .where('organisation_id', '=', organisationId)
    .select(roomColumns)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export type BedWrite = {
  name: string;
  bedType: BedType;
  minAge: number | null;
  maxAge: number | null;
  genders: Gender[];
  fundingTypes: FundingType[];
  emergency: boolean;
  amenities: string[];
};

const bedRow = (b: BedWrite) => ({
  name: b.name,
  bed_type: b.bedType,
  min_age: b.minAge,
  max_age: b.maxAge,
  genders: b.genders,
  funding_types: b.fundingTypes,
  emergency: b.emergency,
  amenities: b.amenities,
});

const bedColumns = [
  'b.id',
  'b.room_id as roomId',
  'r.site_id as siteId',
  'b.name',
  'b.bed_type as bedType',
  'b.min_age as minAge',
  'b.max_age as maxAge',
  'b.genders',
  'b.funding_types as fundingTypes',
  'b.emergency',
  'b.amenities',
] as const;

function selectBeds(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('beds as b')
    .innerJoin('accommodation_rooms as r', (j) =>
      j.onRef('r.organisation_id', '=', 'b.organisation_id').onRef('r.id', '=', 'b.room_id'),
    )
    .where('b.organisation_id', '=', organisationId)
    .select(bedColumns);
}

export async function insertBed(tx: Tx, organisationId: string, roomId: string, b: BedWrite) {
  const { id } = await tx
    .insertInto('beds')
    .values({ organisation_id: organisationId, room_id: roomId, ...bedRow(b) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findBed(tx, organisationId, id))!;
}

/** Writes the bed; its room may change within its site. */
export async function updateBed(tx: Tx, organisationId: string, id: string, roomId: string, b: BedWrite) {
  await tx
    .updateTable('beds')
    .set({ room_id: roomId, ...bedRow(b) })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
  return findBed(tx, organisationId, id);
}

/**
 * `forUpdate` locks the bed row: stay writes on one bed then wait for each other, so "release expired holds,
 * then book" is one step per bed (the exclusion constraint remains the guarantee).
 */
export async function findBed(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = selectBeds(tx, organisationId).where('b.id', '=', id);
  if (forUpdate) q = q.forUpdate('b');
  return q.executeTakeFirst();
}
export type BedRow = NonNullable<Awaited<ReturnType<typeof findBed>>>;

export async function listBeds(tx: Tx, organisationId: string) {
  return selectBeds(tx, organisationId).orderBy('b.name').orderBy('b.id').execute();
}

export async function deleteBed(tx: Tx, organisationId: string, id: string) {
  await tx.deleteFrom('beds').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function bedHasStays(tx: Tx, organisationId: string, id: string) {
  const row = await tx
    .selectFrom('stays')
    .where('organisation_id', '=', organisationId)
    .where('bed_id', '=', id)
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type ProfileWrite = { gender: Gender | null; preferredSiteId: string | null; amenities: string[] };

export async function findProfile(tx: Tx, organisationId: string, clientId: string): Promise<ProfileWrite> {
  const row = await tx
    .selectFrom('accommodation_profiles')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .select(['gender', 'preferred_site_id as preferredSiteId', 'amenities'])
    .executeTakeFirst();
  return row ?? { gender: null, preferredSiteId: null, amenities: [] };
}

export async function saveProfile(tx: Tx, organisationId: string, clientId: string, p: ProfileWrite) {
  await tx
    .insertInto('accommodation_profiles')
    .values({
      organisation_id: organisationId,
      client_id: clientId,
      gender: p.gender,
      preferred_site_id: p.preferredSiteId,
      amenities: p.amenities,
    })
    .onConflict((c) =>
      c.columns(['organisation_id', 'client_id']).doUpdateSet({
        gender: p.gender,
        preferred_site_id: p.preferredSiteId,
        amenities: p.amenities,
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}

export async function listLimits(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('accommodation_limits')
    .where('organisation_id', '=', organisationId)
    .select([
      'funding_type as fundingType',
      'max_nights_per_stay as maxNightsPerStay',
      'max_nights_per_year as maxNightsPerYear',
    ])
    .execute();
}

export async function saveLimit(
  tx: Tx,
  organisationId: string,
  l: { fundingType: FundingType; maxNightsPerStay: number | null; maxNightsPerYear: number | null },
) {
  await tx
    .insertInto('accommodation_limits')
    .values({
      organisation_id: organisationId,
      funding_type: l.fundingType,
      max_nights_per_stay: l.maxNightsPerStay,
      max_nights_per_year: l.maxNightsPerYear,
    })
    .onConflict((c) =>
      c.columns(['organisation_id', 'funding_type']).doUpdateSet({
        max_nights_per_stay: l.maxNightsPerStay,
        max_nights_per_year: l.maxNightsPerYear,
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}
