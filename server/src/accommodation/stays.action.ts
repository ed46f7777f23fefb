import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findContract, listClientContracts } from '../contracts/contract.store.js';
import type { Contracts } from '../contracts/rating.types.js';
import { type Actor, can } from '../identity/actor.js';
import { findClient } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, invalid, notFound } from '../shared/domain-error.js';
import type { StayInput, StayView } from './accommodation.schemas.js';
import type { FundingType } from './accommodation-tables.types.js';
import {
  addDays,
  DEFAULT_LIMITS,
  eligibilityProblems,
  holdExpiryOutcome,
  limitWarnings,
  type StayLimits,
} from './bed-rules.js';
import { type BedRow, findBed, findProfile, findSite, listLimits, type SiteRow } from './site.store.js';
import {
  bedTakenBy,
  endHold,
  findStay,
  insertStay,
  lockExpiredHolds,
  StayOverlapError,
  type StayRow,
  type StayWrite,
  servicesOf,
  staysOfClient,
} from './stay.store.js';
import { type ContractSchedules, toStayView } from './stay-view.js';

/** Who may book a bed the client is not eligible for (with a reason, audited). */
export const OVERRIDE_PERMISSION = 'scheduling.configure' as const;

const dayWords = (d: string) =>
  Temporal.PlainDate.from(d).toLocaleString('en-AU', { day: 'numeric', month: 'long', year: 'numeric' });

/** The beds, locked in id order (writes on one bed wait for each other), with their sites. */
export async function lockBeds(tx: Tx, actor: Actor, bedIds: string[]) {
  const beds: { bed: BedRow; site: SiteRow }[] = [];
  for (const id of [...new Set(bedIds)].sort()) {
    const bed = await findBed(tx, actor.organisationId, id, true);
    if (!bed) throw notFound('Bed');
    beds.push({ bed, site: (await findSite(tx, actor.organisationId, bed.siteId))! });
  }
  return beds;
}

/**
 * Carries out every hold past its expiry at `now` on these beds or of this client (or, for the job, in every
 * organisation), before anything is written: an expired hold never keeps a bed from a booking, whether or not
 * the job has run yet. Each outcome is audited as the hold expiry's.
 */
export async function expireHolds(
  tx: Tx,
  organisationId: string | null,
  now: Temporal.Instant,
  scope: { bedIds?: string[]; clientId?: string } = {},
) {
  const expired = await lockExpiredHolds(tx, organisationId, now, scope);
  for (const h of expired) {
    if (!h.holdOutcome) continue;
    let outcome = holdExpiryOutcome({ outcome: h.holdOutcome, revertsTo: h.holdRevertsTo });
    try {
      await endHold(tx, h.organisationId, h.id, outcome.state, outcome.cancelReason);
    } catch (error) {
      if (!(error instanceof StayOverlapError)) throw error;
      // Reverting to booked while the client took another bed those nights: the bed is released instead.
      outcome = {
        state: 'cancelled',
        cancelReason: 'The hold expired; the client has another bed on those nights',
      };
      await endHold(tx, h.organisationId, h.id, outcome.state, outcome.cancelReason);
    }
    await recordAudit(tx, {
      organisationId: h.organisationId,
      actorUserId: null,
      actorLabel: 'Hold expiry',
      ip: null,
      action: 'update',
      entityType: 'stay',
      entityId: h.id,
      before: { state: 'on_hold' },
      after: { state: outcome.state, cancelReason: outcome.cancelReason },
    });
  }
  return expired.length;
}

type Contract = Awaited<ReturnType<typeof listClientContracts>>[number];

/**
 * The contract the stay is under: the one named, or else one covering every night (the default first). A stay
 * must lie within its contract's dates.
 */
async function contractFor(
  tx: Tx,
  actor: Actor,
  clientId: string,
  contractId: string | null,
  arriveOn: string,
  leaveOn: string,
): Promise<Contract> {
  const contracts = await listClientContracts(tx, actor.organisationId, clientId);
  const lastNight = addDays(leaveOn, -1);
  const covers = (c: Contract) => c.startDate <= arriveOn && (c.endDate === null || c.endDate >= lastNight);
  if (contractId !== null) {
    const c = contracts.find((x) => x.id === contractId);
    if (!c) throw invalid('contractId', "is not one of the client's contracts");
    if (c.startDate > arriveOn)
      throw invalid('arriveOn', `is before ${c.name} starts on ${dayWords(c.startDate)}`);
    if (c.endDate !== null && c.endDate < lastNight)
      throw invalid('leaveOn', `is after ${c.name} ends: its last night is ${dayWords(c.endDate)}`);
    return c;
  }
  const covering = contracts.filter(covers).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  if (covering[0]) return covering[0];
  if (contracts.length === 0) throw invalid('clientId', 'has no contract: a stay must lie within a contract');
  const spans = contracts.map(
    (c) => `${c.name} (${dayWords(c.startDate)} to ${c.endDate ? dayWords(c.endDate) : 'open'})`,
  );
  throw invalid('leaveOn', `must keep the stay within one of the client's contracts: ${spans.join('; ')}`);
}

export type ClientChecks = { contractId: string; funding: FundingType };

/**
 * The checks of a client's stay on a bed for its nights: the client, the contract covering it, and the bed's
 * eligibility rules — refused (409, naming each rule) unless an authorised user gives an override reason.
 */
export async function checkClientStay(
  tx: Tx,
  actor: Actor,
  bed: BedRow,
  s: { clientId: string; contractId: string | null; arriveOn: string; leaveOn: string },
  overrideReason: string | null,
): Promise<ClientChecks & { overridden: boolean }> {
  const client = await findClient(tx, actor.organisationId, s.clientId);
  if (!client) throw notFound('Client');
  const contract = await contractFor(tx, actor, s.clientId, s.contractId, s.arriveOn, s.leaveOn);
  const profile = await findProfile(tx, actor.organisationId, s.clientId);
  const problems = eligibilityProblems(
    bed,
    { dateOfBirth: client.dateOfBirth, gender: profile.gender, funding: contract.typeCategory },
    s,
  );
  if (problems.length > 0 && overrideReason === null)
    throw conflict(
      `The client is not eligible for ${bed.name}: ${problems.map((p) => p.reason).join('; ')}`,
      {
        eligibility: problems,
      },
    );
  if (problems.length > 0 && !can(actor, OVERRIDE_PERMISSION))
    throw new DomainError('forbidden', 'Booking a bed the client is not eligible for needs a coordinator');
  return { contractId: contract.id, funding: contract.typeCategory, overridden: problems.length > 0 };
}

/** Refuses the write the database refused, naming who has the bed (or the client's other bed) then. */
export async function explainOverlap(
  tx: Tx,
  actor: Actor,
  error: unknown,
  write: StayWrite,
  exceptId: string | null,
) {
  if (!(error instanceof StayOverlapError)) return error;
  if (error.subject === 'client')
    return conflict(
      'The client already has a bed on some of those nights; hold this one instead, or move the other stay',
    );
  const taken = await bedTakenBy(
    tx,
    actor.organisationId,
    write.bedId,
    write.arriveOn,
    write.leaveOn,
    exceptId,
  );
  const who = taken.map(
    (t) =>
      `${t.kind === 'out_of_service' ? 'out of service' : (t.clientName ?? 'a block booking')} (${t.state.replace('_', ' ')}, ${dayWords(t.arriveOn)} to ${dayWords(t.leaveOn)})`,
  );
  return conflict(`The bed is taken on some of those nights${who.length ? `: ${who.join('; ')}` : ''}`, {
    takenBy: taken.map((t) => t.id),
  });
}

async function limitsOf(tx: Tx, organisationId: string, funding: FundingType): Promise<StayLimits> {
  const row = (await listLimits(tx, organisationId)).find((l) => l.fundingType === funding);
  return row ?? DEFAULT_LIMITS[funding];
}

/** The stay as the API shows it, with its services and the short-term accommodation limits it goes over. */
/** The option schedules of these contracts (the type's and the client contract's own), by contract id. */
export async function contractSchedules(
  tx: Tx,
  organisationId: string,
  contractIds: readonly (string | null)[],
): Promise<ContractSchedules> {
  const schedules = new Map<string, Pick<Contracts, 'contractType' | 'assignment'>>();
  for (const id of new Set(contractIds.flatMap((c) => (c ? [c] : [])))) {
    const c = await findContract(tx, organisationId, id);
    if (c) schedules.set(id, { contractType: c.typeOptionSets, assignment: c.optionSets });
  }
  return schedules;
}

export async function stayView(tx: Tx, actor: Actor, stay: StayRow): Promise<StayView> {
  const services = await servicesOf(tx, actor.organisationId, [stay.id]);
  const schedules = await contractSchedules(tx, actor.organisationId, [stay.contractId]);
  let warnings: string[] = [];
  if (stay.clientId && stay.contractId && stay.state !== 'cancelled' && stay.state !== 'enquiry') {
    const contract = (await listClientContracts(tx, actor.organisationId, stay.clientId)).find(
      (c) => c.id === stay.contractId,
    );
    if (contract) {
      const others = (await staysOfClient(tx, actor.organisationId, stay.clientId)).filter(
        (o) => o.id !== stay.id && o.state !== 'enquiry' && o.state !== 'on_hold',
      );
      warnings = limitWarnings(stay, others, await limitsOf(tx, actor.organisationId, contract.typeCategory));
    }
  }
  return toStayView(stay, services, warnings, schedules);
}

/** Book, hold or record an enquiry for a bed: every check, then one write the database can still refuse. */
export async function createStay(
  tx: Tx,
  actor: Actor,
  input: StayInput,
  now: Temporal.Instant,
): Promise<StayView> {
  if (input.leaveOn <= input.arriveOn) throw invalid('leaveOn', 'must be after the day of arrival');
  if (input.kind === 'client_stay' && input.clientId === null)
    throw invalid('clientId', 'is required for a client stay');
  if (input.kind === 'block_booking' && input.clientId !== null)
    throw invalid('clientId', 'is not for a block booking');
  if (input.kind === 'block_booking' && input.state !== 'booked')
    throw invalid('state', 'must be booked for a block');
  if (input.state === 'on_hold' && input.hold === null)
    throw invalid('hold', 'is required to put a stay on hold');
  if (input.state !== 'on_hold' && input.hold !== null) throw invalid('hold', 'is only for a stay on hold');
  if (input.hold && Temporal.Instant.compare(Temporal.Instant.from(input.hold.expiresAt), now) <= 0)
    throw invalid('hold', 'must expire in the future');
  const { bed } = (await lockBeds(tx, actor, [input.bedId]))[0]!;
  await expireHolds(tx, actor.organisationId, now, { bedIds: [bed.id] });
  const checks =
    input.kind === 'client_stay'
      ? await checkClientStay(
          tx,
          actor,
          bed,
          {
            clientId: input.clientId!,
            contractId: input.contractId,
            arriveOn: input.arriveOn,
            leaveOn: input.leaveOn,
          },
          input.eligibilityOverrideReason,
        )
      : null;
  const write: StayWrite = {
    bedId: bed.id,
    kind: input.kind,
    clientId: input.clientId,
    contractId: checks?.contractId ?? null,
    state: input.state,
    arriveOn: input.arriveOn,
    leaveOn: input.leaveOn,
    holdExpiresAt: input.hold ? Temporal.Instant.from(input.hold.expiresAt).toString() : null,
    holdOutcome: input.hold?.outcome ?? null,
    holdRevertsTo: input.hold ? 'enquiry' : null,
    reason: input.reason,
    eligibilityOverrideReason: checks?.overridden ? input.eligibilityOverrideReason : null,
    eligibilityOverrideBy: checks?.overridden ? actor.userId : null,
    notes: input.notes,
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

export async function loadStay(tx: Tx, actor: Actor, id: string, forUpdate = false) {
  const stay = await findStay(tx, actor.organisationId, id, forUpdate);
  if (!stay) throw notFound('Stay');
  return stay;
}
