import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { InvoiceRunStatus, RunProblem } from './invoice.schemas.js';

export type InvoiceRunRecord = {
  id: string;
  status: InvoiceRunStatus;
  periodFrom: string;
  periodTo: string;
  clientId: string | null;
  clientIds: string[] | null;
  clientsDone: number;
  visitsRated: number;
  invoiceCount: number;
  bookingCount: number;
  problems: RunProblem[];
  attempts: number;
  error: string | null;
  createdById: string;
  createdAt: Temporal.Instant;
  startedAt: Temporal.Instant | null;
  finishedAt: Temporal.Instant | null;
};

/** A worker's hold on a run: `attempt` is the token every batch checks before it writes. */
export type RunClaim = { organisationId: string; id: string; attempt: number };

export async function insertRun(
  tx: Tx,
  organisationId: string,
  r: { periodFrom: string; periodTo: string; clientId: string | null; userId: string },
): Promise<string> {
  const row = await tx
    .insertInto('invoice_runs')
    .values({
      organisation_id: organisationId,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      client_id: r.clientId,
      created_by_user_id: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** With `forUpdate`, the run row stays locked until the transaction ends (a batch's progress). */
export async function findRun(
  tx: Tx,
  organisationId: string,
  id: string,
  forUpdate = false,
): Promise<InvoiceRunRecord | undefined> {
  let q = tx
    .selectFrom('invoice_runs')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select([
      'id',
      'status',
      'period_from as periodFrom',
      'period_to as periodTo',
      'client_id as clientId',
      'client_ids as clientIds',
      'clients_done as clientsDone',
      'visits_rated as visitsRated',
      'invoice_count as invoiceCount',
      'booking_count as bookingCount',
      'problems',
      'attempts',
      'error',
      'created_by_user_id as createdById',
      'created_at as createdAt',
      'started_at as startedAt',
      'finished_at as finishedAt',
    ]);
  if (forUpdate) q = q.forUpdate();
  const run = await q.executeTakeFirst();
  return (
    run && { ...run, problems: run.problems as RunProblem[], clientIds: run.clientIds as string[] | null }
  );
}

export async function listRunInvoiceIds(tx: Tx, organisationId: string, runId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('invoices')
    .where('organisation_id', '=', organisationId)
    .where('run_id', '=', runId)
    .select('id')
    .orderBy('client_id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims the oldest unfinished run whose lease is free or expired (or only `runId`), across organisations:
 * FOR UPDATE SKIP LOCKED lets several workers claim at once without waiting on each other. Runs in a system
 * transaction; the lease is the database's clock, so workers on several machines agree on it.
 */
export async function claimRun(tx: Tx, leaseSeconds: number, runId?: string): Promise<RunClaim | undefined> {
  let next = tx
    .selectFrom('invoice_runs')
    .where('status', 'in', ['queued', 'running'])
    .where((eb) =>
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Temporal.Instant>`now()`)]),
    )
    .select(['organisation_id', 'id'])
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .skipLocked();
  if (runId !== undefined) next = next.where('id', '=', runId);
  const picked = await next.executeTakeFirst();
  if (!picked) return undefined;
  // The row stays locked by this transaction, so the update below cannot race another claimer.
  const row = await tx
    .updateTable('invoice_runs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_until: sql<string>`now() + make_interval(secs => ${leaseSeconds})`,
      started_at: sql<string>`coalesce(started_at, now())`,
    }))
    .where('organisation_id', '=', picked.organisation_id)
    .where('id', '=', picked.id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return { organisationId: picked.organisation_id, id: picked.id, attempt: row.attempts };
}

/** Fixes the clients the run will invoice, in processing order. */
export async function setRunClients(tx: Tx, organisationId: string, id: string, clientIds: string[]) {
  await tx
    .updateTable('invoice_runs')
    .set({ client_ids: JSON.stringify(clientIds) })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/** Adds a batch's results to the run and extends the lease, in the batch's own transaction. */
export async function recordBatch(
  tx: Tx,
  organisationId: string,
  id: string,
  b: {
    clientsDone: number;
    visitsRated: number;
    invoiceCount: number;
    bookingCount: number;
    problems: RunProblem[];
    leaseSeconds: number;
  },
) {
  await tx
    .updateTable('invoice_runs')
    .set((eb) => ({
      clients_done: b.clientsDone,
      visits_rated: eb('visits_rated', '+', b.visitsRated),
      invoice_count: eb('invoice_count', '+', b.invoiceCount),
      booking_count: eb('booking_count', '+', b.bookingCount),
      problems: sql<string>`problems || ${JSON.stringify(b.problems)}::jsonb`,
      locked_until: sql<string>`now() + make_interval(secs => ${b.leaseSeconds})`,
      error: null,
    }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

export async function completeRun(tx: Tx, organisationId: string, id: string) {
  await tx
    .updateTable('invoice_runs')
    .set({ status: 'completed', locked_until: null, finished_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/**
 * Records why an attempt failed. The lease becomes a back-off before the next attempt; after `maxAttempts`
 * the run is failed for good (its committed batches stay: their invoices are real drafts).
 */
export async function failAttempt(
  tx: Tx,
  claim: RunClaim,
  error: string,
  o: { maxAttempts: number; backoffSeconds: number },
) {
  const final = claim.attempt >= o.maxAttempts;
  await tx
    .updateTable('invoice_runs')
    .set({
      error: error.slice(0, 2000),
      ...(final
        ? { status: 'failed', locked_until: null, finished_at: sql<string>`now()` }
        : { locked_until: sql<string>`now() + make_interval(secs => ${o.backoffSeconds})` }),
    })
    .where('organisation_id', '=', claim.organisationId)
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempt)
    .execute();
}
