import { Temporal } from 'temporal-polyfill';

/**
 * Receivables: what clients and funders owe. Outstanding means an issued, unpaid invoice; a credit note is
 * never subtracted from other invoices, because it settles exactly the (voided) invoice it credits. "Today" is
 * an argument (the organisation's local date), never read from a clock here.
 */

export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '90+';
export const AGING_BUCKETS: readonly AgingBucket[] = ['current', '1-30', '31-60', '61-90', '90+'];

export type Receivable = {
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'paid' | 'void';
  totalMinor: number;
  dueDate: string | null;
};

/** The local date payment is due: the issue date plus the payment terms in days. */
export function dueDateOf(issueDate: string, termsDays: number): string {
  return Temporal.PlainDate.from(issueDate).add({ days: termsDays }).toString();
}

export const isOutstanding = (i: Pick<Receivable, 'kind' | 'status'>) =>
  i.kind === 'invoice' && i.status === 'issued';

/** Whole days past the due date on `today` (0 or less: not yet overdue). */
export function daysOverdue(dueDate: string, today: string): number {
  return Temporal.PlainDate.from(dueDate).until(Temporal.PlainDate.from(today), { largestUnit: 'days' }).days;
}

/** Overdue: outstanding, and today is after the due date. */
export function isOverdue(i: Receivable, today: string): boolean {
  return isOutstanding(i) && i.dueDate !== null && daysOverdue(i.dueDate, today) > 0;
}

export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

export type ReceivablesSummary = {
  asOf: string;
  outstandingMinor: number;
  outstandingCount: number;
  overdueMinor: number;
  overdueCount: number;
  draftMinor: number;
  paidMinor: number;
  aging: { bucket: AgingBucket; totalMinor: number; count: number }[];
};

export function summariseReceivables(invoices: readonly Receivable[], today: string): ReceivablesSummary {
  const aging = AGING_BUCKETS.map((bucket) => ({ bucket, totalMinor: 0, count: 0 }));
  const summary: ReceivablesSummary = {
    asOf: today,
    outstandingMinor: 0,
    outstandingCount: 0,
    overdueMinor: 0,
    overdueCount: 0,
    draftMinor: 0,
    paidMinor: 0,
    aging,
  };
  for (const invoice of invoices) {
    if (invoice.kind !== 'invoice') continue;
    if (invoice.status === 'draft') summary.draftMinor += invoice.totalMinor;
    if (invoice.status === 'paid') summary.paidMinor += invoice.totalMinor;
    if (!isOutstanding(invoice)) continue;
    summary.outstandingMinor += invoice.totalMinor;
    summary.outstandingCount += 1;
    const days = invoice.dueDate === null ? 0 : daysOverdue(invoice.dueDate, today);
    const bucket = aging[AGING_BUCKETS.indexOf(agingBucket(days))]!;
    bucket.totalMinor += invoice.totalMinor;
    bucket.count += 1;
    if (days > 0) {
      summary.overdueMinor += invoice.totalMinor;
      summary.overdueCount += 1;
    }
  }
  return summary;
}
