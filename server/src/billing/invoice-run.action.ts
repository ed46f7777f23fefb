import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BillableStayService,
  billableStayServices,
  stayClientIds,
} from '../accommodation/stay-billing.store.js';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { deliveredFor } from '../bookings/session-parts.store.js';
import { findCarerContracts, findClientBilling } from '../contracts/contract.store.js';
import type { Contracts } from '../contracts/rating.types.js';
import type { Actor } from '../identity/actor.js';
import { type Db, type Tx, withSystem, withTenant } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import {
  type BookingBillingRecord,
  listBillableBookings,
  listBillableClientIds,
  listBillableContracts,
  regionCalendar,
} from './billing.store.js';
import { billingSettingsOf } from './billing-settings.action.js';
import { deliveredRating } from './delivered-rating.js';
import type { InvoiceRunInput, InvoiceRunView, RunProblem } from './invoice.schemas.js';
import {
  claimBookings,
  deleteDraft,
  type InvoiceLineRecord,
  insertInvoice,
  insertLines,
  setDraftTotal,
} from './invoice.store.js';
import { bookingNames, findContractBilling } from './invoice-parties.store.js';
import {
  claimRun,
  completeRun,
  failAttempt,
  findRun,
  type InvoiceRunRecord,
  insertRun,
  listRunInvoiceIds,
  type RunClaim,
  recordBatch,
  setRunClients,
} from './invoice-run.store.js';
import { lineTax } from './invoice-tax.js';
import { MISSING_REFERENCE, recipientOf } from './invoice-view.js';
import { claimedStayNights, claimStayNights, nightKey } from './stay-claims.store.js';
import { nightsInPeriod, stayLines } from './stay-lines.js';
import { type BookingRating, calendarOf, rateBooking } from './visit-rating.js';

const MAX_PERIOD_DAYS = 366;

/** How the worker processes runs; the defaults suit the server, tests shrink them. */
export type RunOptions = {
  /** Clients per transaction: each batch commits its invoices with the run's progress. */
  batchSize: number;
  /** How long a claim holds a run without a batch committing; a crashed worker's run is free after it. */
  leaseSeconds: number;
  maxAttempts: number;
  backoffSeconds: number;
  /** Stop after this many batches (tests simulate a crash with it). */
  maxBatches?: number;
};
export const DEFAULT_RUN_OPTIONS: RunOptions = {
  batchSize: 20,
  leaseSeconds: 60,
  maxAttempts: 3,
  backoffSeconds: 10,
};

function toRunView(run: InvoiceRunRecord, invoiceIds: string[]): InvoiceRunView {
  return {
    id: run.id,
    status: run.status,
    periodFrom: run.periodFrom,
    periodTo: run.periodTo,
    clientId: run.clientId,
    clientsTotal: run.clientIds?.length ?? null,
    clientsDone: run.clientsDone,
    visitsRated: run.visitsRated,
    invoiceCount: run.invoiceCount,
    bookingCount: run.bookingCount,
    invoiceIds,
    problems: run.problems,
    error: run.error,
    createdAt: run.createdAt.toString(),
    startedAt: run.startedAt?.toString() ?? null,
    finishedAt: run.finishedAt?.toString() ?? null,
  };
}

export async function invoiceRun(tx: Tx, actor: Actor, id: string): Promise<InvoiceRunView> {
  const run = await findRun(tx, actor.organisationId, id);
  if (!run) throw notFound('Invoice run');
  return toRunView(run, await listRunInvoiceIds(tx, actor.organisationId, id));
}

/**
 * Records an invoice run for every completed, not yet invoiced booking in the period (by local date in the
 * client's zone), queued for the worker (`processNextRun`). The run creates one draft per client.
 */
export async function queueInvoiceRun(tx: Tx, actor: Actor, input: InvoiceRunInput): Promise<InvoiceRunView> {
  const days = createZoneClock('UTC');
  if (days.addDays(input.periodFrom, MAX_PERIOD_DAYS) <= input.periodTo)
    throw invalid('periodTo', `must be within ${MAX_PERIOD_DAYS} days of periodFrom`);
  if (input.clientId !== undefined && !(await findClientBilling(tx, actor.organisationId, input.clientId)))
    throw invalid('clientId', 'is not a client of this organisation');
  const runId = await insertRun(tx, actor.organisationId, {
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    clientId: input.clientId ?? null,
    userId: actor.userId,
  });
  const after = await invoiceRun(tx, actor, runId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'invoice_run',
    entityId: runId,
    after: { periodFrom: after.periodFrom, periodTo: after.periodTo, clientId: after.clientId },
  });
  return after;
}

/** The contract the client's earliest visit in the run was charged on: its terms and payer apply. */
function inOrderContract(
  rated: { booking: BookingBillingRecord; rating: { choice: { contract: { id: string } } } }[],
) {
  const first = [...rated].sort(
    (a, b) => a.booking.startsAt.epochMilliseconds - b.booking.startsAt.epochMilliseconds,
  )[0];
  return first?.rating.choice.contract.id ?? null;
}

type ClientOutcome = {
  invoiceId: string | null;
  visitsRated: number;
  bookingCount: number;
  problems: RunProblem[];
};

/**
 * Rates one client's billable bookings and creates its draft invoice. Bookings are claimed in
 * `invoiced_bookings`, so a concurrent or overlapping run waits for this transaction and then skips what it
 * took. Bookings that cannot be rated are reported as problems and left for a later run.
 */
async function invoiceClient(
  tx: Tx,
  run: InvoiceRunRecord,
  organisationId: string,
  clientId: string,
  clientBookings: BookingBillingRecord[],
  clientStays: BillableStayService[] = [],
): Promise<ClientOutcome> {
  const org = organisationId;
  const outcome: ClientOutcome = { invoiceId: null, visitsRated: 0, bookingCount: 0, problems: [] };
  const client = await findClientBilling(tx, org, clientId);
  if (!client || (clientBookings.length === 0 && clientStays.length === 0)) return outcome;
  const clock = createZoneClock(client.timeZone);
  const contracts = await listBillableContracts(tx, org, clientId);
  const calendar = calendarOf(await regionCalendar(tx, org, client.region));
  const staffIds = [...new Set(clientBookings.flatMap((b) => (b.staffId ? [b.staffId] : [])))];
  const carers = await findCarerContracts(tx, org, staffIds);

  const rated: { booking: BookingBillingRecord; rating: Extract<BookingRating, { ok: true }> }[] = [];
  // A completed session bills its delivered records (the client's portion, travel, transport, expenses).
  const delivered = await deliveredFor(
    tx,
    org,
    clientBookings.map((b) => b.participantId),
  );
  for (const booking of clientBookings) {
    const records = delivered.get(booking.participantId);
    const rating = records
      ? deliveredRating(clock, contracts, booking, records)
      : rateBooking(clock, calendar, contracts, carers, booking, 'booking');
    if (rating.ok) rated.push({ booking, rating });
    else outcome.problems.push({ bookingId: booking.id, clientId, errors: rating.issues });
  }
  outcome.visitsRated = rated.length;
  const schedulesOf = (s: BillableStayService) => {
    const c = contracts.find((x) => x.id === s.contractId);
    return c ? { contractType: c.typeOptionSets, assignment: c.optionSets } : null;
  };
  const stayNights = await unbilledStayNights(tx, org, run, clientStays, schedulesOf);
  if (rated.length === 0 && stayNights.length === 0) return outcome;

  const usesReference = rated.some((r) => r.rating.usesLocalAuthorityReference);
  const invoiceId = await insertInvoice(tx, org, {
    clientId,
    runId: run.id,
    kind: 'invoice',
    periodFrom: run.periodFrom,
    periodTo: run.periodTo,
    recipient: recipientOf(client, usesReference) ?? MISSING_REFERENCE,
    usesLocalAuthorityReference: usesReference,
    creditForId: null,
    clientContractId: inOrderContract(rated) ?? clientStays[0]?.contractId ?? null,
    userId: run.createdById,
  });
  const claimed = await claimBookings(
    tx,
    org,
    invoiceId,
    rated.map((r) => ({ bookingId: r.booking.id, participantId: r.booking.participantId })),
  );
  const inOrder = rated
    .filter((r) => claimed.has(r.booking.id))
    .sort(
      (a, b) =>
        a.booking.startsAt.epochMilliseconds - b.booking.startsAt.epochMilliseconds ||
        (a.booking.id < b.booking.id ? -1 : 1),
    );
  const stayClaimed = await claimStayNights(tx, org, invoiceId, stayNights);
  if (inOrder.length === 0 && stayClaimed.size === 0) {
    await deleteDraft(tx, org, invoiceId);
    return outcome;
  }
  const { settings } = await billingSettingsOf(tx, org);
  const taxFree = new Map<string, string | null>();
  const contractIds = [
    ...inOrder.map((r) => r.rating.choice.contract.id),
    ...clientStays.flatMap((s) => (s.contractId ? [s.contractId] : [])),
  ];
  for (const id of new Set(contractIds))
    taxFree.set(id, (await findContractBilling(tx, org, id))?.taxFreeReason ?? null);
  const names = await bookingNames(
    tx,
    org,
    inOrder.map((r) => r.booking.id),
  );
  const lines: InvoiceLineRecord[] = [];
  for (const { booking, rating } of inOrder)
    for (const line of rating.rated.lines)
      lines.push({
        ...lineTax(line.amountMinor, settings, taxFree.get(rating.choice.contract.id) ?? null),
        serviceName: names.get(booking.id) ?? null,
        position: lines.length,
        bookingId: booking.id,
        visitDate: rating.date,
        kind: line.kind,
        minutes: line.minutes ?? null,
        rateMinor: line.rateMinor ?? null,
        amountMinor: line.amountMinor,
        explanation: line.explanation,
        source: line.source ?? null,
      });
  // Stay services after the visits: one line per service and run of nights this invoice claimed.
  for (const service of clientStays) {
    const nights = nightsInPeriod(service, run.periodFrom, run.periodTo).filter((n) =>
      stayClaimed.has(nightKey(service.stayServiceId, n)),
    );
    for (const line of stayLines(service, nights, schedulesOf(service)).lines)
      lines.push({
        ...lineTax(
          line.amountMinor,
          settings,
          service.contractId ? (taxFree.get(service.contractId) ?? null) : null,
        ),
        serviceName: service.name,
        position: lines.length,
        bookingId: null,
        visitDate: line.nights[0]!,
        kind: 'stay',
        minutes: null,
        rateMinor: line.rateMinor,
        amountMinor: line.amountMinor,
        explanation: line.explanation,
        source: {
          stayId: service.stayId,
          stayServiceId: service.stayServiceId,
          unit: service.unit,
          units: line.nights.length,
          nights: line.nights,
          supportItem: line.supportItem,
          calculation: line.calculation,
          ...(line.option ? { option: line.option } : {}),
        },
      });
  }
  await insertLines(tx, org, invoiceId, lines);
  const tax = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  await setDraftTotal(tx, org, invoiceId, lines.reduce((sum, l) => sum + l.amountMinor, 0) + tax, tax);
  return { ...outcome, invoiceId, bookingCount: inOrder.length };
}

/**
 * The nights of the client's stay services in the run's period that no live invoice holds yet and that have a
 * price (a night whose option set lacks the service's contract rate waits for a later run).
 */
async function unbilledStayNights(
  tx: Tx,
  org: string,
  run: InvoiceRunRecord,
  stays: BillableStayService[],
  schedulesOf: (s: BillableStayService) => Pick<Contracts, 'contractType' | 'assignment'> | null,
): Promise<{ stayServiceId: string; night: string }[]> {
  const claimed = await claimedStayNights(
    tx,
    org,
    stays.map((s) => s.stayServiceId),
  );
  return stays.flatMap((s) => {
    const open = nightsInPeriod(s, run.periodFrom, run.periodTo).filter(
      (night) => !claimed.has(nightKey(s.stayServiceId, night)),
    );
    return stayLines(s, open, schedulesOf(s)).lines.flatMap((l) =>
      l.nights.map((night) => ({ stayServiceId: s.stayServiceId, night })),
    );
  });
}

/**
 * One batch of a claimed run, in one tenant transaction: the run row is locked and the claim checked first
 * (a worker whose lease was taken over stops), then the next clients are invoiced and the progress recorded
 * with them. Returns false when the run is finished or no longer this claim's.
 */
async function runBatch(db: Db, claim: RunClaim, o: RunOptions): Promise<boolean> {
  return withTenant(db, claim.organisationId, async (tx) => {
    const org = claim.organisationId;
    const run = await findRun(tx, org, claim.id, true);
    if (run?.status !== 'running' || run.attempts !== claim.attempt) return false;
    let clientIds = run.clientIds;
    if (clientIds === null) {
      // Clients with visits, and clients with stays (some have only stays).
      const withStays = await stayClientIds(tx, org, run);
      clientIds = [...new Set([...(await listBillableClientIds(tx, org, run)), ...withStays])].sort();
      await setRunClients(tx, org, run.id, clientIds);
    }
    const batch = clientIds.slice(run.clientsDone, run.clientsDone + o.batchSize);
    if (batch.length === 0) {
      await completeRun(tx, org, run.id);
      const done = (await findRun(tx, org, run.id))!;
      await recordAudit(tx, {
        organisationId: org,
        actorUserId: null,
        actorLabel: 'Invoice run worker',
        ip: null,
        action: 'update',
        entityType: 'invoice_run',
        entityId: run.id,
        after: {
          status: done.status,
          invoiceCount: done.invoiceCount,
          bookingCount: done.bookingCount,
          problems: done.problems.length,
        },
      });
      return false;
    }
    const bookings = await listBillableBookings(tx, org, { ...run, clientIds: batch });
    const stays = await billableStayServices(tx, org, { ...run, clientIds: batch });
    const totals = { visitsRated: 0, invoiceCount: 0, bookingCount: 0, problems: [] as RunProblem[] };
    for (const clientId of batch) {
      const outcome = await invoiceClient(
        tx,
        run,
        org,
        clientId,
        bookings.filter((b) => b.clientId === clientId),
        stays.filter((s) => s.clientId === clientId),
      );
      totals.visitsRated += outcome.visitsRated;
      totals.invoiceCount += outcome.invoiceId ? 1 : 0;
      totals.bookingCount += outcome.bookingCount;
      totals.problems.push(...outcome.problems);
    }
    await recordBatch(tx, org, run.id, {
      ...totals,
      clientsDone: run.clientsDone + batch.length,
      leaseSeconds: o.leaseSeconds,
    });
    return true;
  });
}

async function processClaim(db: Db, claim: RunClaim, o: RunOptions): Promise<void> {
  try {
    for (let batches = 0; o.maxBatches === undefined || batches < o.maxBatches; batches++)
      if (!(await runBatch(db, claim, o))) return;
  } catch (error) {
    await withSystem(db, (tx) => failAttempt(tx, claim, (error as Error).message, o));
  }
}

/**
 * Claims the oldest unfinished run (across organisations) and processes it. Returns the run's id, or
 * undefined when there was nothing to claim.
 */
export async function processNextRun(db: Db, options: Partial<RunOptions> = {}): Promise<string | undefined> {
  const o = { ...DEFAULT_RUN_OPTIONS, ...options };
  const claim = await withSystem(db, (tx) => claimRun(tx, o.leaseSeconds));
  if (!claim) return undefined;
  await processClaim(db, claim, o);
  return claim.id;
}

/**
 * Drives one run to the end in the caller's process (the `wait` option): claims it when it is free, or
 * waits while another worker holds it. Gives up after `timeoutMs` and returns the run as it stands.
 */
export async function awaitInvoiceRun(
  db: Db,
  actor: Actor,
  runId: string,
  timeoutMs = 300_000,
): Promise<InvoiceRunView> {
  const o = DEFAULT_RUN_OPTIONS;
  for (let waited = 0; ; waited += 100) {
    const claim = await withSystem(db, (tx) => claimRun(tx, o.leaseSeconds, runId));
    if (claim) await processClaim(db, claim, o);
    const run = await withTenant(db, actor.organisationId, (tx) => invoiceRun(tx, actor, runId));
    if (run.status === 'completed' || run.status === 'failed' || waited >= timeoutMs) return run;
    await sleep(100);
  }
}
