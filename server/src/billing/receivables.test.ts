import { describe, expect, it } from 'vitest';
import {
  agingBucket,
  daysOverdue,
  dueDateOf,
  isOverdue,
  type Receivable,
  summariseReceivables,
} from './receivables.js';

/** The demo's invoice list as a finance officer saw it: one open invoice, one voided with its credit note. */
const demo: Receivable[] = [
  { kind: 'invoice', status: 'issued', totalMinor: 12641, dueDate: '2026-12-15' },
  { kind: 'invoice', status: 'void', totalMinor: 14644, dueDate: '2026-12-15' },
  { kind: 'credit_note', status: 'issued', totalMinor: -14644, dueDate: '2026-12-15' },
  { kind: 'invoice', status: 'draft', totalMinor: 7023, dueDate: null },
];

describe('receivables', () => {
  it('counts issued, unpaid invoices only: a credit note settles its own voided invoice', () => {
    // Summing every "issued" row (what the invoice list did) gives 12641 - 14644 = -20.03.
    const naive = demo.filter((i) => i.status === 'issued').reduce((s, i) => s + i.totalMinor, 0);
    expect(naive).toBe(-2003);
    const summary = summariseReceivables(demo, '2026-12-01');
    expect(summary.outstandingMinor).toBe(12641);
    expect(summary.outstandingCount).toBe(1);
    expect(summary.draftMinor).toBe(7023);
  });

  it('dates payment from the issue date and the terms, across month and year ends', () => {
    expect(dueDateOf('2026-12-20', 14)).toBe('2027-01-03');
    expect(dueDateOf('2028-02-15', 14)).toBe('2028-02-29');
    expect(dueDateOf('2026-12-01', 0)).toBe('2026-12-01');
  });

  it('is overdue from the day after the due date, against the today it is given', () => {
    const open: Receivable = { kind: 'invoice', status: 'issued', totalMinor: 100, dueDate: '2026-12-15' };
    expect(isOverdue(open, '2026-12-15')).toBe(false);
    expect(isOverdue(open, '2026-12-16')).toBe(true);
    expect(isOverdue({ ...open, status: 'paid' }, '2027-06-01')).toBe(false);
    expect(daysOverdue('2026-12-15', '2027-01-14')).toBe(30);
  });

  it('ages outstanding invoices into current, 1–30, 31–60, 61–90 and 90+ days overdue', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual([
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
    ]);
    const at = (dueDate: string, totalMinor: number): Receivable => ({
      kind: 'invoice',
      status: 'issued',
      totalMinor,
      dueDate,
    });
    const summary = summariseReceivables(
      [at('2026-12-31', 100), at('2026-11-20', 200), at('2026-10-15', 400), at('2026-06-01', 800)],
      '2026-12-01',
    );
    expect(summary.aging.map((b) => [b.bucket, b.totalMinor])).toEqual([
      ['current', 100],
      ['1-30', 200],
      ['31-60', 400],
      ['61-90', 0],
      ['90+', 800],
    ]);
    expect([summary.overdueMinor, summary.overdueCount]).toEqual([1400, 3]);
  });
});
