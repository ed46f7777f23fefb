import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { clientSessionsBetween } from '../bookings/stay-sessions.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { StayChangeInput, StayServiceInput, StayView } from './accommodation.schemas.js';
import { refusalOf, type StayAction } from './bed-rules.js';
import { findBed, findSite } from './site.store.js';
import {
  deleteService,
  insertService,
  type StayRow,
  StayServiceBilledError,
  type StayWrite,
  toWrite,
  updateStay,
} from './stay.store.js';
import { priceRate, rateNamesFor, stayNights } from './stay-pricing.js';
import {
  checkClientStay,
  contractSchedules,
  expireHolds,
  explainOverlap,
  loadStay,
  lockBeds,
  stayView,
} from './stays.action.js';

/**
 * Every change of a stay: lock its bed (and the bed it moves to), carry out expired holds there, re-read the
 * stay under its row lock, check the state allows the change, write, audit — one transaction.
 */
async function change(
  tx: Tx,
  actor: Actor,
  id: string,
  action: StayAction,
  now: Temporal.Instant,
  plan: (stay: StayRow, todayAtSite: string) => Promise<StayWrite> | StayWrite,
  extraBedId?: string,
): Promise<StayView> {
  const first = await loadStay(tx, actor, id);
  const beds = await lockBeds(tx, actor, [first.bedId, ...(extraBedId ? [extraBedId] : [])]);
  await expireHolds(tx, actor.organisationId, now, { bedIds: beds.map((b) => b.bed.id) });
  const stay = await loadStay(tx, actor, id, true);
  const refusal = refusalOf(action, stay.state, stay.kind);
  if (refusal) throw conflict(refusal);
  const site = beds.find((b) => b.bed.id === stay.bedId)!.site;
  const today = now.toZonedDateTimeISO(site.timeZone).toPlainDate().toString();
  const before = await stayView(tx, actor, stay);
  const write = await plan(stay, today);
  let after: StayRow;
  try {
    after = await updateStay(tx, actor.organisationId, id, write);
  } catch (error) {
    throw await explainOverlap(tx, actor, error, write, id);
  }
  const view = await stayView(tx, actor, after);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'stay',
    entityId: id,
    before,
    after: view,
  });
  return view;
}

const clearHold = { holdExpiresAt: null, holdOutcome: null, holdRevertsTo: null } as const;

export function holdStay(
  tx: Tx,
  actor: Actor,
  id: string,
  hold: { expiresAt: string; outcome: 'release' | 'revert' },
  now: Temporal.Instant,
) {
  const expiresAt = Temporal.Instant.from(hold.expiresAt);
  if (Temporal.Instant.compare(expiresAt, now) <= 0) throw invalid('expiresAt', 'must be in the future');
  return change(tx, actor, id, 'hold', now, (s) => ({
    ...toWrite(s),
    state: 'on_hold',
    holdExpiresAt: expiresAt.toString(),
    holdOutcome: hold.outcome,
    holdRevertsTo: s.state === 'booked' ? 'booked' : 'enquiry',
  }));
}

export function confirmStay(tx: Tx, actor: Actor, id: string, now: Temporal.Instant) {
  return change(tx, actor, id, 'confirm', now, (s) => ({ ...toWrite(s), ...clearHold, state: 'booked' }));
}

export function cancelStay(tx: Tx, actor: Actor, id: string, reason: string, now: Temporal.Instant) {
  return change(tx, actor, id, 'cancel', now, (s) => ({
    ...toWrite(s),
    ...clearHold,
    state: 'cancelled',
    cancelReason: reason,
  }));
}

export function checkIn(tx: Tx, actor: Actor, id: string, now: Temporal.Instant) {
  return change(tx, actor, id, 'check_in', now, (s, today) => {
    if (today < s.arriveOn)
      throw conflict(`The stay begins on ${s.arriveOn}: the client can check in from that day`);
    if (today >= s.leaveOn)
      throw conflict('The stay has ended: change its dates before checking the client in');
    return { ...toWrite(s), state: 'checked_in', checkedInAt: now.toString() };
  });
}

/** Checks the client out; leaving before the booked departure frees the remaining nights. */
export function checkOut(
  tx: Tx,
  actor: Actor,
  id: string,
  leaveOn: string | undefined,
  now: Temporal.Instant,
) {
  return change(tx, actor, id, 'check_out', now, (s, today) => {
    const day = leaveOn ?? today;
    if (day <= s.arriveOn) throw invalid('leaveOn', 'must be after the day of arrival');
    if (day > s.leaveOn) throw invalid('leaveOn', 'is after the booked departure: extend the stay first');
    return {
      ...toWrite(s),
      state: 'checked_out',
      leaveOn: day,
      plannedLeaveOn: day < s.leaveOn ? s.leaveOn : s.plannedLeaveOn,
      checkedOutAt: now.toString(),
    };
  });
}

/** Extend, shorten or move a stay to another bed, with the checks of a new booking. */
export function editStay(tx: Tx, actor: Actor, id: string, input: StayChangeInput, now: Temporal.Instant) {
  return change(
    tx,
    actor,
    id,
    'edit',
    now,
    async (s) => {
      const bedId = input.bedId ?? s.bedId;
      const arriveOn = input.arriveOn ?? s.arriveOn;
      const leaveOn = input.leaveOn ?? s.leaveOn;
      if (s.state === 'checked_in' && (bedId !== s.bedId || arriveOn !== s.arriveOn))
        throw invalid(
          bedId !== s.bedId ? 'bedId' : 'arriveOn',
          'cannot change once the client is checked in: check out, then book the other bed',
        );
      if (leaveOn <= arriveOn) throw invalid('leaveOn', 'must be after the day of arrival');
      const write: StayWrite = { ...toWrite(s), bedId, arriveOn, leaveOn };
      if (s.kind === 'client_stay' && s.clientId) {
        const beds = await lockBeds(tx, actor, [bedId]);
        // An override given for this bed still stands for new dates; a new bed needs its own.
        const override =
          input.eligibilityOverrideReason ?? (bedId === s.bedId ? s.eligibilityOverrideReason : null);
        const checks = await checkClientStay(
          tx,
          actor,
          beds[0]!.bed,
          { clientId: s.clientId, contractId: null, arriveOn, leaveOn },
          override,
        );
        write.contractId = checks.contractId;
        write.eligibilityOverrideReason = checks.overridden ? override : null;
        write.eligibilityOverrideBy = checks.overridden ? actor.userId : null;
      }
      return write;
    },
    input.bedId,
  );
}

/**
 * The contract's accommodation rates a service on this stay can use, each priced over the stay's nights with
 * the option set in force on each night: the preview the add-service form shows before anything is written.
 */
export async function stayServiceOptions(tx: Tx, actor: Actor, stayId: string) {
  const stay = await loadStay(tx, actor, stayId);
  const schedules = (await contractSchedules(tx, actor.organisationId, [stay.contractId])).get(
    stay.contractId ?? '',
  );
  if (!schedules) return { items: [] };
  const nights = stayNights(stay);
  return {
    items: rateNamesFor(schedules, nights).map((r) => {
      const { problem, ...price } = priceRate(schedules, r.name, nights);
      return {
        contractRate: r.name,
        unit: r.unit,
        supportItem: r.supportItem,
        ...price,
        priceProblem: problem,
      };
    }),
  };
}

export async function addStayService(tx: Tx, actor: Actor, stayId: string, input: StayServiceInput) {
  const stay = await loadStay(tx, actor, stayId, true);
  if (stay.kind !== 'client_stay') throw conflict('Only a client stay has services');
  if (stay.state === 'cancelled') throw conflict('The stay is cancelled and cannot be changed');
  let write = {
    name: input.name ?? '',
    unit: input.unit ?? ('night' as const),
    supportItem: input.supportItem,
    rateMinor: input.rateMinor,
    contractRate: null as string | null,
  };
  if (input.contractRate !== null) {
    // The rate as the option set in force on the first night names it (its unit and support item).
    const schedules = (await contractSchedules(tx, actor.organisationId, [stay.contractId])).get(
      stay.contractId ?? '',
    );
    const wanted = input.contractRate.toLowerCase();
    const rate =
      schedules && rateNamesFor(schedules, stayNights(stay)).find((r) => r.name.toLowerCase() === wanted);
    if (!rate)
      throw invalid(
        'contractRate',
        "is not an accommodation rate of the stay's contract on any of its nights",
      );
    const problem = priceRate(schedules, rate.name, stayNights(stay)).problem;
    if (problem && input.rateMinor === null)
      throw invalid('contractRate', `cannot price every night: ${problem}`);
    write = {
      name: input.name ?? rate.name,
      unit: rate.unit,
      supportItem: rate.supportItem ?? input.supportItem,
      rateMinor: input.rateMinor,
      contractRate: rate.name,
    };
  }
  const service = await insertService(tx, actor.organisationId, stayId, write);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'stay_service',
    entityId: service.id,
    after: service,
  });
  return stayView(tx, actor, stay);
}

export async function removeStayService(tx: Tx, actor: Actor, stayId: string, serviceId: string) {
  const stay = await loadStay(tx, actor, stayId, true);
  const removed = await deleteService(tx, actor.organisationId, stayId, serviceId).catch((error: unknown) => {
    if (error instanceof StayServiceBilledError)
      throw conflict('Some of its nights are on an invoice: void the invoice before removing the service');
    throw error;
  });
  if (!removed) throw notFound('Service');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'stay_service',
    entityId: serviceId,
    before: removed,
  });
  return stayView(tx, actor, stay);
}

/**
 * The support delivered to the client during the stay, from check-in time on the day of arrival to check-out
 * time on the day of leaving (site's zone): their ordinary sessions and visits, billed as sessions.
 */
export async function staySessions(tx: Tx, actor: Actor, stayId: string) {
  const stay = await loadStay(tx, actor, stayId);
  if (!stay.clientId) return { items: [] };
  const bed = await findBed(tx, actor.organisationId, stay.bedId);
  const site = bed && (await findSite(tx, actor.organisationId, bed.siteId));
  if (!site) throw notFound('Bed');
  const at = (date: string, time: string) =>
    Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(site.timeZone).toInstant();
  const from = at(stay.arriveOn, site.checkInTime);
  const to = at(stay.leaveOn, site.checkOutTime);
  const rows = await clientSessionsBetween(tx, actor.organisationId, stay.clientId, from, to);
  return {
    items: rows.map((r) => ({
      ...r,
      startsAt: r.startsAt.toString(),
      endsAt: r.endsAt.toString(),
    })),
  };
}
