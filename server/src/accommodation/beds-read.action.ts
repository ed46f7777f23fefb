import { Temporal } from 'temporal-polyfill';
import { listClientContracts } from '../contracts/contract.store.js';
import type { Actor } from '../identity/actor.js';
import { findClient } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import {
  addDays,
  BED_TAKING,
  eligibilityProblems,
  monthOccupancy,
  nightsOf,
  OCCUPYING,
  rankVacancies,
} from './bed-rules.js';
import { bedStatus } from './beds.action.js';
import { findProfile, listBeds, listRooms, listSites } from './site.store.js';
import { type StayRow, servicesOf, staysBetween } from './stay.store.js';
import { toStayView } from './stay-view.js';
import { contractSchedules } from './stays.action.js';

const MAX_CALENDAR_DAYS = 62;

/** A hold past its expiry no longer takes its bed, even before the job has carried it out. */
const takesBed = (s: StayRow, now: Temporal.Instant) =>
  BED_TAKING.includes(s.state) &&
  !(s.state === 'on_hold' && s.holdExpiresAt && Temporal.Instant.compare(s.holdExpiresAt, now) <= 0);

/** The beds calendar: beds by site and room, the stays of [from, to) and each site's occupancy per night. */
export async function bedsCalendar(tx: Tx, actor: Actor, from: string, to: string, now: Temporal.Instant) {
  if (to <= from) throw invalid('to', 'must be after the first day');
  if (nightsOf({ arriveOn: from, leaveOn: to }) > MAX_CALENDAR_DAYS)
    throw invalid('to', `must be within ${MAX_CALENDAR_DAYS} days of the first day`);
  const org = actor.organisationId;
  const [sites, rooms, beds, stays] = await Promise.all([
    listSites(tx, org),
    listRooms(tx, org),
    listBeds(tx, org),
    staysBetween(tx, org, from, to),
  ]);
  const services = await servicesOf(
    tx,
    org,
    stays.map((s) => s.id),
  );
  const schedules = await contractSchedules(
    tx,
    org,
    stays.filter((s) => services.some((v) => v.stayId === s.id && v.contractRate)).map((s) => s.contractId),
  );
  const today = new Map(
    sites.map((s) => [s.id, now.toZonedDateTimeISO(s.timeZone).toPlainDate().toString()] as const),
  );
  const occupancy = [];
  for (let d = from; d < to; d = addDays(d, 1))
    for (const site of sites) {
      const siteBeds = beds.filter((b) => b.siteId === site.id);
      const ids = new Set(siteBeds.map((b) => b.id));
      const occupied = new Set(
        stays
          .filter((s) => ids.has(s.bedId) && s.kind !== 'out_of_service' && OCCUPYING.includes(s.state))
          .filter((s) => s.arriveOn <= d && s.leaveOn > d)
          .map((s) => s.bedId),
      ).size;
      occupancy.push({ date: d, siteId: site.id, occupied, beds: siteBeds.length });
    }
  return {
    from,
    to,
    sites,
    rooms,
    beds: beds.map((b) => {
      const site = sites.find((s) => s.id === b.siteId)!;
      const day = today.get(site.id)!;
      return bedStatus(
        b,
        site,
        stays.filter((s) => s.arriveOn <= day && s.leaveOn > day),
        now,
      );
    }),
    stays: stays.map((s) => toStayView(s, services, [], schedules)),
    occupancy,
  };
}

/** Beds free for every night of [arriveOn, leaveOn), ranked by how well they fit the client. */
export async function vacancies(
  tx: Tx,
  actor: Actor,
  q: { arriveOn: string; leaveOn: string; clientId?: string; siteId?: string },
  now: Temporal.Instant,
) {
  if (q.leaveOn <= q.arriveOn) throw invalid('leaveOn', 'must be after the day of arrival');
  const org = actor.organisationId;
  const [sites, rooms, beds, stays] = await Promise.all([
    listSites(tx, org),
    listRooms(tx, org),
    listBeds(tx, org),
    staysBetween(tx, org, q.arriveOn, q.leaveOn),
  ]);
  let client = { dateOfBirth: null as string | null, gender: null, funding: null } as Parameters<
    typeof eligibilityProblems
  >[1];
  let wanted = { preferredSiteId: null as string | null, amenities: [] as string[] };
  if (q.clientId) {
    const c = await findClient(tx, org, q.clientId);
    if (!c) throw notFound('Client');
    const profile = await findProfile(tx, org, q.clientId);
    const lastNight = addDays(q.leaveOn, -1);
    const contracts = (await listClientContracts(tx, org, q.clientId))
      .filter((k) => k.startDate <= q.arriveOn && (k.endDate === null || k.endDate >= lastNight))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
    client = {
      dateOfBirth: c.dateOfBirth,
      gender: profile.gender,
      funding: contracts[0]?.typeCategory ?? null,
    };
    wanted = { preferredSiteId: profile.preferredSiteId, amenities: profile.amenities };
  }
  const taken = new Set(stays.filter((s) => takesBed(s, now)).map((s) => s.bedId));
  const free = beds.filter((b) => !taken.has(b.id) && (!q.siteId || b.siteId === q.siteId));
  const ranked = rankVacancies(
    free.map((b) => ({
      ...b,
      bedId: b.id,
      problems: q.clientId ? eligibilityProblems(b, client, q) : [],
    })),
    wanted,
  );
  return {
    items: ranked.map((r) => {
      const site = sites.find((s) => s.id === r.siteId)!;
      const bed = beds.find((b) => b.id === r.bedId)!;
      return {
        bed: bedStatus(bed, site, [], now),
        siteName: site.name,
        roomName: rooms.find((x) => x.id === bed.roomId)?.name ?? '',
        eligible: r.problems.length === 0,
        problems: [...r.problems],
        preferredSite: r.preferredSite,
        amenitiesMatched: r.amenitiesMatched,
        score: r.score,
      };
    }),
  };
}

/** Occupancy and utilisation per site and month, for `months` months from `from` ('YYYY-MM'). */
export async function occupancyReport(tx: Tx, actor: Actor, from: string, months: number) {
  const org = actor.organisationId;
  const start = Temporal.PlainYearMonth.from(from);
  const end = start.add({ months });
  const [sites, beds, stays] = await Promise.all([
    listSites(tx, org),
    listBeds(tx, org),
    staysBetween(tx, org, `${start.toString()}-01`, `${end.toString()}-01`),
  ]);
  return {
    items: sites.map((site) => {
      const ids = new Set(beds.filter((b) => b.siteId === site.id).map((b) => b.id));
      const siteStays = stays.filter((s) => ids.has(s.bedId));
      return {
        siteId: site.id,
        siteName: site.name,
        beds: ids.size,
        months: Array.from({ length: months }, (_, i) =>
          monthOccupancy(start.add({ months: i }).toString(), ids.size, siteStays),
        ),
      };
    }),
  };
}
