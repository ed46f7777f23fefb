import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  balanceIn,
  type CaseTerms,
  cancellationUsesSession,
  type Entry,
  extraRequestPlan,
  windowFor,
} from './entitlement-rules.js';

const terms = (over: Partial<CaseTerms> = {}): CaseTerms => ({
  allowedSessions: 6,
  countingWindow: 'rolling_12_months',
  openedOn: '2026-01-10',
  expiresOn: null,
  lateCancellationCounts: true,
  noShowCounts: true,
  ...over,
});
const grant = (sessions: number, on = '2026-01-10', fromRequest = false): Entry => ({
  kind: 'grant',
  sessions,
  on,
  bookingId: null,
  fromRequest,
});
const use = (id: string, on: string): Entry => ({
  kind: 'use',
  sessions: 1,
  on,
  bookingId: id,
  fromRequest: false,
});
const reversal = (id: string, on: string): Entry => ({ ...use(id, on), kind: 'reversal' });

describe('windows and balances', () => {
  it('counts twelve months from the first session not reversed, and refuses a session after them', () => {
    const entries = [grant(6), use('a', '2026-02-01'), reversal('a', '2026-02-01'), use('b', '2026-03-01')];
    expect(windowFor(terms(), entries, '2026-05-01')).toEqual({
      window: { from: '2026-03-01', to: '2027-02-28' },
    });
    expect(windowFor(terms(), entries, '2027-03-01')).toEqual({
      refusal: 'the twelve months from the first session (2026-03-01) ended on 2027-02-28',
    });
    const w = { from: '2026-03-01', to: '2027-02-28' };
    expect(balanceIn(entries, w)).toMatchObject({ granted: 6, used: 1, reversed: 0, remaining: 5 });
  });

  it('gives a yearly case its allotment again each calendar year, and extra grants only in their year', () => {
    const t = terms({ countingWindow: 'per_year' });
    const entries = [grant(2), use('a', '2026-11-01'), use('b', '2026-12-01'), grant(1, '2026-12-02', true)];
    const y2026 = windowFor(t, entries, '2026-12-20');
    expect(y2026).toEqual({ window: { from: '2026-01-01', to: '2026-12-31' } });
    expect(balanceIn(entries, { from: '2026-01-01', to: '2026-12-31' }).remaining).toBe(1);
    expect(balanceIn(entries, { from: '2027-01-01', to: '2027-12-31' }).remaining).toBe(2);
  });

  it('ends a referral on its expiry', () => {
    const t = terms({ countingWindow: 'per_referral', expiresOn: '2026-06-30' });
    expect(windowFor(t, [], '2026-07-01')).toEqual({ refusal: 'the referral expired on 2026-06-30' });
    expect(windowFor(t, [], '2026-01-09')).toEqual({
      refusal: 'the case opened on 2026-01-10, after this session',
    });
  });
});

describe('cancellations', () => {
  const start = Temporal.Instant.from('2026-03-10T01:00:00Z');
  it('uses a session when cancelled less than 24 h before, if the funder counts it', () => {
    const late = start.subtract({ hours: 23, minutes: 59 });
    const early = start.subtract({ hours: 24 });
    expect(cancellationUsesSession(terms(), start, late)).toEqual({ uses: true, late: true });
    expect(cancellationUsesSession(terms(), start, early)).toEqual({ uses: false, late: false });
    expect(cancellationUsesSession(terms({ lateCancellationCounts: false }), start, late)).toEqual({
      uses: false,
      late: true,
    });
  });
});

describe('extra-session requests', () => {
  it('counts business days past weekends and the funder region’s holidays', () => {
    // Wednesday 23 December 2026 + 7 business days in NSW: 24, 29, 30, 31 Dec, 4, 5, 6 Jan (25, 26, 28 Dec and 1 Jan are holidays).
    const holidays = new Set(['2026-12-25', '2026-12-26', '2026-12-28', '2027-01-01']);
    expect(addBusinessDays('2026-12-23', 7, holidays)).toBe('2027-01-06');
    expect(addBusinessDays('2026-12-23', 7, new Set())).toBe('2027-01-01');
  });

  it('asks for clinical review when the client would reach 12 sessions in 12 months (13 business days in all)', () => {
    const entries = [grant(6), use('a', '2026-02-02'), grant(4, '2026-04-01', true)];
    const none = new Set<string>();
    expect(extraRequestPlan(entries, 1, '2026-06-01', none)).toEqual({
      clinicalReview: false,
      totalInTwelveMonths: 11,
      funderDueOn: '2026-06-10',
      dueOn: '2026-06-10',
    });
    expect(extraRequestPlan(entries, 2, '2026-06-01', none)).toEqual({
      clinicalReview: true,
      totalInTwelveMonths: 12,
      funderDueOn: '2026-06-10',
      dueOn: '2026-06-18',
    });
  });
});
