import { setTimeout as sleep } from 'node:timers/promises';
import { billableStayServices, stayClientIds } from '../accommodation/stay-billing.store.js';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findClientBilling } from '../contracts/contract.store.js';
import type { Actor } from '../identity/actor.js';
import { type Db, type Tx, withSystem, withTenant } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { listBillableBookings, listBillableClientIds } from './billing.store.js';
import type { InvoiceRunInput, InvoiceRunView, RunProblem } from './invoice.schemas.js';
import { invoiceClient, loadBatchFacts } from './invoice-client.action.js';
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
    const facts = await loadBatchFacts(tx, org, batch, bookings);
    for (const clientId of batch) {
      const outcome = await invoiceClient(
        tx,
        run,
        org,
        clientId,
        bookings.filter((b) => b.clientId === clientId),
        stays.filter((s) => s.clientId === clientId),
        facts,
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
