import { sql } from 'kysely';
import { runInvoices } from '../../server/src/billing/invoice-run.action.js';
import type { Actor } from '../../server/src/identity/actor.js';
import { PERMISSION_KEYS } from '../../server/src/identity/permissions.js';
import { type Db, withTenant } from '../../server/src/platform/db/database.js';
import { ADMIN_EMAIL, BILLING_MONTH, type DataSet } from './dataset/generate-data.js';
import { type BenchResult, fmt } from './support/report.js';
import { nowMs } from './support/timing.js';

/**
 * Benchmark 5: invoices for one month of the data set, end to end — database to draft invoices — through the
 * invoice-run action (`runInvoices`), in one tenant transaction that is rolled back afterwards so the data set
 * stays reusable. The coupling is this one call: adapt `invoiceMonth` if invoice runs move to the background.
 */

class RollBack extends Error {}

export async function invoiceMonth(db: Db, actor: Actor) {
  let outcome: Awaited<ReturnType<typeof runInvoices>> | undefined;
  try {
    await withTenant(db, actor.organisationId, async (tx) => {
      outcome = await runInvoices(tx, actor, { ...BILLING_MONTH });
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return outcome!;
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
  const again = await invoiceMonth(db, actor);
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
        label: 'every completed visit of the month was rated (no problems)',
        ok: run.problems.length === 0,
        detail: run.problems[0] ? JSON.stringify(run.problems[0]).slice(0, 200) : undefined,
      },
      {
        label: 'a second run of the same month gives the same counts',
        ok: again.bookingCount === run.bookingCount && again.invoiceCount === run.invoiceCount,
      },
    ],
    notes: [
      'the run is rolled back after timing, so the data set can be reused; rolling back is not in the time',
      'no peer: the issue asks for wall time and visits/s only; the rating engine alone is measured in benchmark 2',
    ],
  };
}
