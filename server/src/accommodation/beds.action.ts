import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { findClient } from '../people/client.store.js';
import { pgErrorCode, type Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { BedInput } from './accommodation.schemas.js';
import type { FundingType } from './accommodation-tables.types.js';
import { DEFAULT_LIMITS } from './bed-rules.js';
import {
  type BedRow,
  bedHasStays,
  deleteBed,
  findBed,
  findProfile,
  findRoom,
  findSite,
  insertBed,
  insertRoom,
  insertSite,
  listBeds,
  listLimits,
  listRooms,
  listSites,
  type ProfileWrite,
  type SiteRow,
  type SiteWrite,
  saveLimit,
  saveProfile,
  updateBed,
  updateRoom,
  updateSite,
} from './site.store.js';
import { insertStay, type StayRow, type StayWrite, staysBetween } from './stay.store.js';
import { expireHolds, explainOverlap, lockBeds, stayView } from './stays.action.js';

/** A second site, room or bed of the same name: the unique index's refusal, in words. */
async function named<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorCode(error) === '23505') throw invalid(field, 'is already used here');
    throw error;
  }
}

const audit = (tx: Tx, actor: Actor, entityType: string, entityId: string, before: unknown, after: unknown) =>
  recordAudit(tx, {
    ...auditBy(actor),
    action: before === undefined ? 'create' : 'update',
    entityType,
    entityId,
    before,
    after,
  });

export async function createSite(tx: Tx, actor: Actor, input: SiteWrite) {
  const site = await named('name', () => insertSite(tx, actor.organisationId, input));
  await audit(tx, actor, 'accommodation_site', site.id, undefined, site);
  return site;
}

export async function changeSite(tx: Tx, actor: Actor, id: string, input: SiteWrite) {
  const before = await findSite(tx, actor.organisationId, id);
  if (!before) throw notFound('Site');
  const site = (await named('name', () => updateSite(tx, actor.organisationId, id, input)))!;
  await audit(tx, actor, 'accommodation_site', id, before, site);
  return site;
}

export async function createRoom(tx: Tx, actor: Actor, siteId: string, name: string) {
  if (!(await findSite(tx, actor.organisationId, siteId))) throw notFound('Site');
  const room = await named('name', () => insertRoom(tx, actor.organisationId, siteId, name));
  await audit(tx, actor, 'room', room.id, undefined, room);
  return room;
}

export async function renameRoom(tx: Tx, actor: Actor, id: string, name: string) {
  const before = await findRoom(tx, actor.organisationId, id);
  if (!before) throw notFound('Room');
  const room = (await named('name', () => updateRoom(tx, actor.organisationId, id, name)))!;
  await audit(tx, actor, 'room', id, before, room);
  return room;
}

function checkAges(input: BedInput) {
  if (input.minAge !== null && input.maxAge !== null && input.maxAge < input.minAge)
    throw invalid('maxAge', 'must not be below the minimum age');
}

/** Out of service today in the site's zone: the block covering today, if any. */
export function bedStatus(bed: BedRow, site: SiteRow, blocks: readonly StayRow[], now: Temporal.Instant) {
  const today = now.toZonedDateTimeISO(site.timeZone).toPlainDate().toString();
  const block = blocks.find(
    (s) => s.bedId === bed.id && s.kind === 'out_of_service' && s.arriveOn <= today && s.leaveOn > today,
  );
  return {
    ...bed,
    status: block ? ('out_of_service' as const) : ('available' as const),
    outOfService: block
      ? { stayId: block.id, reason: block.reason ?? '', arriveOn: block.arriveOn, leaveOn: block.leaveOn }
      : null,
  };
}

async function bedView(tx: Tx, actor: Actor, bed: BedRow, now: Temporal.Instant) {
  const site = (await findSite(tx, actor.organisationId, bed.siteId))!;
  return bedStatus(bed, site, await todaysStays(tx, actor, site, now), now);
}

export async function createBed(tx: Tx, actor: Actor, input: BedInput, now: Temporal.Instant) {
  checkAges(input);
  if (!(await findRoom(tx, actor.organisationId, input.roomId)))
    throw invalid('roomId', 'is not a room here');
  const bed = await named('name', () => insertBed(tx, actor.organisationId, input.roomId, input));
  await audit(tx, actor, 'bed', bed.id, undefined, bed);
  return bedView(tx, actor, bed, now);
}

export async function changeBed(tx: Tx, actor: Actor, id: string, input: BedInput, now: Temporal.Instant) {
  checkAges(input);
  const before = await findBed(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Bed');
  const room = await findRoom(tx, actor.organisationId, input.roomId);
  if (!room) throw invalid('roomId', 'is not a room here');
  if (room.siteId !== before.siteId) throw invalid('roomId', 'must be a room of the same site');
  const bed = (await named('name', () => updateBed(tx, actor.organisationId, id, input.roomId, input)))!;
  await audit(tx, actor, 'bed', id, before, bed);
  return bedView(tx, actor, bed, now);
}

/** A bed with no stay, ever, can be removed; otherwise its history stays and it is put out of service. */
export async function removeBed(tx: Tx, actor: Actor, id: string) {
  const before = await findBed(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Bed');
  if (await bedHasStays(tx, actor.organisationId, id))
    throw conflict('The bed has stays: put it out of service instead of removing it');
  await deleteBed(tx, actor.organisationId, id);
  await recordAudit(tx, { ...auditBy(actor), action: 'delete', entityType: 'bed', entityId: id, before });
}

/** Takes the bed out of service for [arriveOn, leaveOn): a block the overlap rule counts like any stay. */
export async function putOutOfService(
  tx: Tx,
  actor: Actor,
  bedId: string,
  input: { arriveOn: string; leaveOn: string; reason: string },
  now: Temporal.Instant,
) {
  if (input.leaveOn <= input.arriveOn) throw invalid('leaveOn', 'must be after the first day out of service');
  await lockBeds(tx, actor, [bedId]);
  await expireHolds(tx, actor.organisationId, now, { bedIds: [bedId] });
  const write: StayWrite = {
    bedId,
    kind: 'out_of_service',
    clientId: null,
    contractId: null,
    state: 'booked',
    arriveOn: input.arriveOn,
    leaveOn: input.leaveOn,
    holdExpiresAt: null,
    holdOutcome: null,
    holdRevertsTo: null,
    reason: input.reason,
    eligibilityOverrideReason: null,
    eligibilityOverrideBy: null,
    notes: null,
  };
  let stay: StayRow;
  try {
    stay = await insertStay(tx, actor.organisationId, actor.userId, write);
  } catch (error) {
    throw await explainOverlap(tx, actor, error, write, null);
  }
  const view = await stayView(tx, actor, stay);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'stay',
    entityId: stay.id,
    after: view,
  });
  return view;
}

/** Sites, rooms and beds, with each bed's status today. */
export async function bedsOverview(tx: Tx, actor: Actor, now: Temporal.Instant) {
  const org = actor.organisationId;
  const [sites, rooms, beds] = await Promise.all([listSites(tx, org), listRooms(tx, org), listBeds(tx, org)]);
  const views = [];
  for (const bed of beds) {
    const site = sites.find((s) => s.id === bed.siteId)!;
    views.push(bedStatus(bed, site, await todaysStays(tx, actor, site, now), now));
  }
  return { sites, rooms, beds: views };
}

export async function todaysStays(tx: Tx, actor: Actor, site: SiteRow, now: Temporal.Instant) {
  const today = now.toZonedDateTimeISO(site.timeZone).toPlainDate();
  return staysBetween(tx, actor.organisationId, today.toString(), today.add({ days: 1 }).toString());
}

export async function clientProfile(tx: Tx, actor: Actor, clientId: string) {
  if (!(await findClient(tx, actor.organisationId, clientId))) throw notFound('Client');
  return findProfile(tx, actor.organisationId, clientId);
}

export async function saveClientProfile(tx: Tx, actor: Actor, clientId: string, input: ProfileWrite) {
  const before = await clientProfile(tx, actor, clientId);
  if (input.preferredSiteId && !(await findSite(tx, actor.organisationId, input.preferredSiteId)))
    throw invalid('preferredSiteId', 'is not a site here');
  await saveProfile(tx, actor.organisationId, clientId, input);
  await audit(tx, actor, 'accommodation_profile', clientId, before, input);
  return input;
}

/** The short-term accommodation limits per funding type, the defaults filled in. */
export async function accommodationLimits(tx: Tx, actor: Actor) {
  const rows = await listLimits(tx, actor.organisationId);
  return {
    items: (Object.keys(DEFAULT_LIMITS) as FundingType[]).map(
      (f) => rows.find((r) => r.fundingType === f) ?? { fundingType: f, ...DEFAULT_LIMITS[f] },
    ),
  };
}

export async function saveAccommodationLimits(
  tx: Tx,
  actor: Actor,
  input: {
    items: { fundingType: FundingType; maxNightsPerStay: number | null; maxNightsPerYear: number | null }[];
  },
) {
  const before = await accommodationLimits(tx, actor);
  for (const item of input.items) await saveLimit(tx, actor.organisationId, item);
  const after = await accommodationLimits(tx, actor);
  await audit(tx, actor, 'accommodation_limits', actor.organisationId, before, after);
  return after;
}
