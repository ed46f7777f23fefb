import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { listBillableContracts, regionCalendar } from '../billing/billing.store.js';
import { billingSettingsOf } from '../billing/billing-settings.action.js';
import { duration, money } from '../billing/line-reason.js';
import { calendarOf, rateBooking } from '../billing/visit-rating.js';
import { lockBooking } from '../bookings/booking-write.store.js';
import type { DeliveredWrite, TravelWrite } from '../bookings/session-parts.store.js';
import { writeCompletion } from '../bookings/session-write.store.js';
import { findClientBilling } from '../contracts/contract.store.js';
import { proRata } from '../contracts/money.js';
import { effectiveOption } from '../contracts/option-sets.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, type FieldIssue, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { ROUNDING_RULE } from './apportion.js';
import { loadSession } from './read-sessions.action.js';
import type { CompletionInput, CompletionPreview, SessionView } from './session.schemas.js';
import {
  type ChargeLine,
  type PricedService,
  sessionCharges,
  TRAVEL_CAP_MINUTES,
  type TravelArea,
  travelAreaOf,
} from './session-charges.js';
import { throwIssues } from './session-guards.js';
import { clientBand } from './session-read.store.js';

const MAX_WORKER_MINUTES = 24 * 60;

type Plan = {
  session: SessionView;
  preview: CompletionPreview;
  workerTimes: { participantId: string; start: Temporal.Instant; end: Temporal.Instant }[];
  travel: TravelWrite[];
  delivered: DeliveredWrite[];
};

/** Prices one service of the session: a contract's through the rating engine, an ad hoc one at its rate. */
async function priceService(
  tx: Tx,
  organisationId: string,
  session: SessionView,
  s: SessionView['services'][number],
  index: number,
  span: { start: Temporal.Instant; end: Temporal.Instant } | null,
  currency: 'AUD' | 'GBP',
): Promise<PricedService | FieldIssue[]> {
  const startsAt = Temporal.Instant.from(session.startsAt);
  const endsAt = Temporal.Instant.from(session.endsAt);
  const minutes = session.durationMinutes;
  if (s.source === 'adhoc') {
    const rate = s.hourlyRateMinor ?? 0;
    return {
      serviceId: s.id,
      name: s.name,
      ratio: s.ratio,
      primary: s.primary,
      totalMinor: proRata(minutes, rate),
      hourlyRateMinor: rate,
      minutes,
      basis: `${duration(minutes)} at ${money(rate, currency)}/h (ad hoc rate)`,
      travelAllowed: true,
    };
  }
  const contracts = [];
  let clientZone = session.timeZone;
  let region: string | null = null;
  for (const c of session.clients) {
    const theirs = await listBillableContracts(tx, organisationId, c.clientId);
    if (theirs.some((k) => k.id === s.contractId)) {
      contracts.push(...theirs);
      const billing = await findClientBilling(tx, organisationId, c.clientId);
      clientZone = billing?.timeZone ?? clientZone;
      region = billing?.region ?? null;
      break;
    }
  }
  if (contracts.length === 0)
    return [
      { field: `services.${index}.contractId`, reason: 'is no longer a contract of a client of the session' },
    ];
  const clock = createZoneClock(clientZone);
  const calendar = calendarOf(await regionCalendar(tx, organisationId, region));
  const rating = rateBooking(
    clock,
    calendar,
    contracts,
    new Map(),
    {
      id: session.id,
      startsAt,
      endsAt,
      contractId: s.contractId,
      actualStart: span?.start ?? null,
      actualEnd: span?.end ?? null,
      mileage: null,
      staffId: null,
    },
    `services.${index}`,
  );
  if (!rating.ok) return rating.issues;
  const contract = rating.choice.contract;
  const options = { contractType: contract.typeOptionSets, assignment: contract.optionSets };
  const hourly = effectiveOption(options, 'hourlyRate', rating.date)?.value ?? 0;
  const travel = effectiveOption(options, 'enableTravelPayments', rating.date)?.value ?? false;
  const timed = rating.rated.lines.filter((l) => l.kind === 'time').reduce((a, l) => a + (l.minutes ?? 0), 0);
  return {
    serviceId: s.id,
    name: s.name,
    ratio: s.ratio,
    primary: s.primary,
    totalMinor: rating.rated.totalMinor,
    hourlyRateMinor: hourly,
    minutes: timed || minutes,
    basis: `${rating.rated.lines.map((l) => l.explanation).join('; ')} (contract "${contract.name}")`,
    travelAllowed: travel,
  };
}

/** Checks the form against the session and prices it; nothing is written. */
async function planCompletion(tx: Tx, actor: Actor, id: string, input: CompletionInput): Promise<Plan> {
  const org = actor.organisationId;
  const booking = await lockBooking(tx, org, id);
  if (!booking) throw notFound('Session');
  if (booking.status !== 'booked') throw conflict(`This session is already ${booking.status}`);
  const session = await loadSession(tx, org, id);
  const issues: FieldIssue[] = [];
  const workers = session.workers.filter((w) => w.type === 'staff' && w.status === 'booked');
  const attending = session.clients.filter((c) => c.status === 'booked');
  const cancelled = session.clients.filter((c) => c.status === 'cancelled');
  const scheduled = {
    start: Temporal.Instant.from(session.startsAt),
    end: Temporal.Instant.from(session.endsAt),
  };

  const workerTimes = workers.map((w) => ({
    participantId: w.participantId,
    start: scheduled.start,
    end: scheduled.end,
  }));
  for (const [i, w] of input.workers.entries()) {
    const at = workerTimes.findIndex((t) => t.participantId === w.participantId);
    if (at < 0) {
      issues.push({ field: `workers.${i}.participantId`, reason: 'is not a worker of this session' });
      continue;
    }
    const start = Temporal.Instant.from(w.actualStart);
    const end = Temporal.Instant.from(w.actualEnd);
    const minutes = start.until(end).total('minutes');
    if (minutes < 0)
      issues.push({ field: `workers.${i}.actualEnd`, reason: 'must not be before actualStart' });
    else if (minutes > MAX_WORKER_MINUTES)
      issues.push({
        field: `workers.${i}.actualEnd`,
        reason: `must be within ${MAX_WORKER_MINUTES} minutes of actualStart`,
      });
    else workerTimes[at] = { participantId: w.participantId, start, end };
  }
  const workerIds = new Set(workers.map((w) => w.participantId));
  const attendingIds = new Set(attending.map((c) => c.participantId));
  for (const [i, t] of input.transport.entries()) {
    if (!workerIds.has(t.workerParticipantId))
      issues.push({ field: `transport.${i}.workerParticipantId`, reason: 'is not a worker of this session' });
    for (const [j, c] of t.clientParticipantIds.entries())
      if (!attendingIds.has(c))
        issues.push({
          field: `transport.${i}.clientParticipantIds.${j}`,
          reason: 'is not a client attending this session',
        });
  }
  const edited = new Map<string, number>();
  for (const [i, p] of (input.apportionment ?? []).entries()) {
    if (!attendingIds.has(p.participantId))
      issues.push({
        field: `apportionment.${i}.participantId`,
        reason: 'is not a client attending this session',
      });
    else edited.set(p.participantId, p.portionBasisPoints);
  }
  const charged = new Map<string, number>();
  const cancelledIds = new Set(cancelled.map((c) => c.participantId));
  for (const [i, p] of input.cancelledCharges.entries()) {
    if (!cancelledIds.has(p.participantId))
      issues.push({
        field: `cancelledCharges.${i}.participantId`,
        reason: 'is not a cancelled client of this session',
      });
    else charged.set(p.participantId, p.portionBasisPoints);
  }
  let travelArea: TravelArea | undefined = input.travelArea;
  if (!travelArea) {
    const lead = session.clients.find((c) => c.lead) ?? session.clients[0];
    const band = lead ? await clientBand(tx, org, lead.clientId) : null;
    if (band === null)
      issues.push({
        field: 'travelArea',
        reason: 'is required: the lead client has no location band (MMM 1-7) recorded',
      });
    else travelArea = travelAreaOf(band);
  }
  throwIssues(issues);
  if (attending.length === 0) throw conflict('Nobody attends this session: cancel it instead');

  const currency = (await billingSettingsOf(tx, org)).settings.currency;
  const lead = session.workers.find((w) => w.lead);
  const leadTimes = workerTimes.find((t) => t.participantId === lead?.participantId) ?? null;
  const priced: PricedService[] = [];
  for (const [i, s] of session.services.entries()) {
    const p = await priceService(tx, org, session, s, i, leadTimes, currency);
    if (Array.isArray(p)) issues.push(...p);
    else priced.push(p);
  }
  if (issues.length > 0) throw new DomainError('invalid', 'The session cannot be priced', issues);

  const names = new Map(session.workers.map((w) => [w.participantId, w.name]));
  const charges = sessionCharges({
    currency,
    travelArea: travelArea!,
    services: priced,
    clients: attending.map((c) => ({
      participantId: c.participantId,
      name: c.name,
      basisPoints: edited.get(c.participantId) ?? null,
    })),
    cancelled: cancelled.map((c) => ({
      participantId: c.participantId,
      name: c.name,
      chargeBasisPoints: charged.get(c.participantId) ?? null,
    })),
    travel: input.workers
      .filter((w) => workerIds.has(w.participantId))
      .map((w) => ({
        participantId: w.participantId,
        name: names.get(w.participantId) ?? '',
        legs: w.travel,
      })),
    transport: input.transport.map((t) => ({ ...t, workerName: names.get(t.workerParticipantId) ?? '' })),
  });
  const primary = charges.primary;
  const total = (lines: readonly ChargeLine[]) => lines.reduce((a, l) => a + l.amountMinor, 0);
  const clients = attending.map((c) => {
    const lines = charges.byClient.get(c.participantId) ?? [];
    const share = lines.find((l) => l.kind === 'service' && l.serviceId === primary?.serviceId);
    return {
      participantId: c.participantId,
      clientId: c.clientId,
      name: c.name,
      portionBasisPoints: share?.portionBasisPoints ?? 0,
      defaultPortionBasisPoints: primary ? Math.round(10_000 / primary.ratio) : 0,
      lines,
      totalMinor: total(lines),
    };
  });
  const cancelledClients = cancelled.map((c) => {
    const lines = charges.cancelled.get(c.participantId) ?? [];
    return {
      participantId: c.participantId,
      clientId: c.clientId,
      name: c.name,
      cancellation: c.cancellation,
      charged: charged.has(c.participantId),
      portionBasisPoints: charged.get(c.participantId) ?? 0,
      lines,
      totalMinor: total(lines),
    };
  });
  const preview: CompletionPreview = {
    sessionId: id,
    travelArea: travelArea!,
    travelCapMinutes: TRAVEL_CAP_MINUTES[travelArea!],
    roundingRule: ROUNDING_RULE,
    primaryService: primary
      ? {
          serviceId: primary.serviceId,
          name: primary.name,
          ratio: primary.ratio,
          totalMinor: primary.totalMinor,
          hourlyRateMinor: primary.hourlyRateMinor,
          explanation: `${money(primary.totalMinor, currency)} for ${primary.basis}`,
        }
      : null,
    clients,
    cancelledClients,
    workers: workers.map((w) => {
      const t = workerTimes.find((x) => x.participantId === w.participantId)!;
      const legs = input.workers.find((x) => x.participantId === w.participantId)?.travel ?? [];
      return {
        participantId: w.participantId,
        staffId: w.subjectId,
        name: w.name,
        actualStart: t.start.toString(),
        actualEnd: t.end.toString(),
        minutes: Math.round(t.start.until(t.end).total('minutes')),
        travelMinutes: legs.reduce((a, l) => a + l.minutes, 0),
        travelKm: Math.round(legs.reduce((a, l) => a + l.km, 0) * 100) / 100,
      };
    }),
    totalMinor:
      clients.reduce((a, c) => a + c.totalMinor, 0) + cancelledClients.reduce((a, c) => a + c.totalMinor, 0),
  };

  const clientOf = new Map(session.clients.map((c) => [c.participantId, c.clientId]));
  const delivered: DeliveredWrite[] = [...clients, ...cancelledClients].flatMap((c) =>
    c.lines.map((l) => ({ ...l, participantId: c.participantId, clientId: clientOf.get(c.participantId)! })),
  );
  const travel: TravelWrite[] = [
    ...input.workers
      .filter((w) => workerIds.has(w.participantId))
      .flatMap((w) =>
        w.travel.map((l) => ({
          staffParticipantId: w.participantId,
          kind: l.leg,
          minutes: l.minutes,
          km: l.km,
          vehicle: l.vehicle,
          tollsMinor: l.tollsMinor,
          parkingMinor: l.parkingMinor,
          clientParticipantIds: [],
        })),
      ),
    ...input.transport.map((t) => ({
      staffParticipantId: t.workerParticipantId,
      kind: 'transport' as const,
      minutes: t.minutes,
      km: t.km,
      vehicle: t.vehicleType,
      tollsMinor: t.tollsMinor,
      parkingMinor: t.parkingMinor,
      clientParticipantIds: t.clientParticipantIds,
    })),
  ];
  return { session, preview, workerTimes, travel, delivered };
}

/** What completing would charge, line by line with explanations; the request's transaction is rolled back. */
export async function previewCompletion(
  tx: Tx,
  actor: Actor,
  id: string,
  input: CompletionInput,
): Promise<CompletionPreview> {
  return (await planCompletion(tx, actor, id, input)).preview;
}

/**
 * Completes the session with exactly what the preview showed: workers' actual times, travel and transport,
 * and one delivered record per client per service plus travel, transport, expense and cancellation records.
 */
export async function completeSession(
  tx: Tx,
  actor: Actor,
  id: string,
  input: CompletionInput,
): Promise<SessionView> {
  const plan = await planCompletion(tx, actor, id, input);
  if (plan.session.services.length === 0)
    throw conflict('This session has no service to deliver; add one before completing it');
  await writeCompletion(tx, actor.organisationId, id, {
    travelArea: plan.preview.travelArea,
    userId: actor.userId,
    workerTimes: plan.workerTimes,
    travel: plan.travel,
    delivered: plan.delivered,
  });
  const after = await loadSession(tx, actor.organisationId, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before: plan.session,
    after: { ...after, preview: plan.preview },
  });
  return after;
}
