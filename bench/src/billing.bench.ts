import { sql } from 'kysely';
import type { InvoiceRunView } from '../../server/src/billing/invoice.schemas.js';
import { awaitInvoiceRun, queueInvoiceRun } from '../../server/src/billing/invoice-run.action.js';
import type { Actor } from '../../server/src/identity/actor.js';
import { PERMISSION_KEYS } from '../../server/src/identity/permissions.js';
import { type Db, withSystem, withTenant } from '../../server/src/platform/db/database.js';
import { ADMIN_EMAIL, BILLING_MONTH, type DataSet } from './dataset/generate-data.js';
import { type BenchResult, fmt } from './support/report.js';
import { nowMs } from './support/timing.js';

/**
 * Benchmark 5: invoices for one month of the data set, end to end — database to draft invoices — through the
 * product's invoice run: queued (`queueInvoiceRun`) and driven to completion in this process by
 * `awaitInvoiceRun`, batch by batch, as the server's worker would. Runs commit as they go, so after timing the
 * run's drafts, lines and claims are deleted again (not timed) and the data set stays reusable.
 */

export async function invoiceMonth(db: Db, actor: Actor): Promise<InvoiceRunView> {
  const queued = await withTenant(db, actor.organisationId, (tx) =>
    queueInvoiceRun(tx, actor, { ...BILLING_MONTH }),
  );
  return awaitInvoiceRun(db, actor, queued.id, 3_600_000);
}

/** Deletes what a run created: its draft invoices, their lines and claims, and the run itself. */
async function discardRun(db: Db, organisationId: string, runId: string): Promise<void> {
  await withSystem(db, async (tx) => {
    const drafts = sql`SELECT id FROM invoices WHERE organisation_id = ${organisationId} AND run_id = ${runId}`;
    await sql`DELETE FROM invoiced_bookings WHERE organisation_id = ${organisationId} AND invoice_id IN (${drafts})`.execute(
      tx,
    );
    await sql`DELETE FROM invoice_lines WHERE organisation_id = ${organisationId} AND invoice_id IN (${drafts})`.execute(
      tx,
    );
    await sql`DELETE FROM invoices WHERE organisation_id = ${organisationId} AND run_id = ${runId}`.execute(
      tx,
    );
    await sql`DELETE FROM invoice_runs WHERE organisation_id = ${organisationId} AND id = ${runId}`.execute(
      tx,
    );
  });
}

export async function billingBench(options: {
  db: Db;
  data: DataSet;
  dataSet: string;
  /** Wraps the timed run, e.g. to take a CPU profile of it. */
  around?: <T>(fn: () => Promise<T>) => Promise<T>;
}): Promise<BenchResult> {
  const { db, data } = options;
  const admin = await sql<{ user_id: string; staff_id: string }>`
    SELECT u.id AS user_id, s.id AS staff_id FROM users u JOIN staff s
      ON s.organisation_id = u.organisation_id AND s.email = u.email
    WHERE u.organisation_id = ${data.organisationId} AND u.email = ${ADMIN_EMAIL}`.execute(db);
  const actor: Actor = {
    organisationId: data.organisationId,
    userId: admin.rows[0]!.user_id,
    staffId: admin.rows[0]!.staff_id,
    email: ADMIN_EMAIL,
    label: 'Bench Admin',
    permissions: new Set(PERMISSION_KEYS),
    ip: null,
  };
  const around = options.around ?? ((fn) => fn());
  const start = nowMs();
  const run = await around(() => invoiceMonth(db, actor));
  const seconds = (nowMs() - start) / 1000;
  await discardRun(db, data.organisationId, run.id);
  const again = await invoiceMonth(db, actor);
  await discardRun(db, data.organisationId, again.id);
  const visitsPerSecond = run.bookingCount / seconds;
  return {
    id: 'billing',
    title: '5. Billing run',
    dataSet: options.dataSet,
    figures: [
      {
        label: `invoice run for ${BILLING_MONTH.periodFrom} … ${BILLING_MONTH.periodTo}`,
        value: `${fmt(seconds, 2)} s wall time`,
      },
      {
        label: 'visits invoiced',
        value: `${fmt(run.bookingCount)} on ${fmt(run.invoiceCount)} invoices, ${run.problems.length} problems`,
      },
      { label: 'throughput', value: `${fmt(visitsPerSecond)} visits/s` },
    ],
    ratios: [],
    checks: [
      {
        label: 'the run completed and every completed visit of the month was rated (no problems)',
        ok: run.status === 'completed' && run.problems.length === 0,
        detail: run.problems[0] ? JSON.stringify(run.problems[0]).slice(0, 200) : undefined,
      },
      {
        label: 'a second run of the same month gives the same counts',
        ok: again.bookingCount === run.bookingCount && again.invoiceCount === run.invoiceCount,
      },
    ],
    notes: [
      'the run commits batch by batch as in the product; its drafts are deleted after timing (not timed) so the data set can be reused',
      'no peer: the issue asks for wall time and visits/s only; the rating engine alone is measured in benchmark 2',
    ],
  };
}
