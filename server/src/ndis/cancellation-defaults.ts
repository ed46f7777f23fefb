import type { CancellationRule } from './cancellation-rules.js';

/**
 * The NDIS short-notice cancellation rules in force over time, as dated data (never constants in code that
 * judges), so that a cancellation is judged by the rules of its support's date. An organisation's own rule for
 * a service type (cancellation-rule.store.ts) wins over these.
 *
 * `supportWorker` applies to disability support worker (DSW) supports, `other` to the rest (therapy, support
 * coordination…). Sources: batch2-research §3.3 — 2025-26 PAPL v1.1 p.26–27 ("less than 7 days' notice" for DSW
 * supports, "less than 2 clear business days" for others); 1 Jul 2022 → 30 Jun 2024: "7 clear days" for all;
 * 2019-20 → 2021-22: 2 clear business days (5 for supports of 8 h or more or $1,000 or more, not modelled: the
 * longer window is an organisation rule); 100% of the agreed fee since 30 Mar 2020 (90% before).
 */
export type CancellationEra = {
  from: string;
  /** Exclusive end, or null while in force. */
  to: string | null;
  supportWorker: CancellationRule;
  other: CancellationRule;
  claimPercent: number;
  source: string;
};

export const CANCELLATION_ERAS: readonly CancellationEra[] = [
  {
    from: '2019-07-01',
    to: '2020-03-30',
    supportWorker: { kind: 'clearBusinessDays', days: 2 },
    other: { kind: 'clearBusinessDays', days: 2 },
    claimPercent: 90,
    source: 'NDIS Price Guide 2019-20: 2 clear business days, 90%',
  },
  {
    from: '2020-03-30',
    to: '2022-07-01',
    supportWorker: { kind: 'clearBusinessDays', days: 2 },
    other: { kind: 'clearBusinessDays', days: 2 },
    claimPercent: 100,
    source: 'NDIS Price Guide 2020-21 and 2021-22: 2 clear business days, 100%',
  },
  {
    from: '2022-07-01',
    to: '2024-07-01',
    supportWorker: { kind: 'clearDays', days: 7, reading: 'calendar' },
    other: { kind: 'clearDays', days: 7, reading: 'calendar' },
    claimPercent: 100,
    source: 'NDIS Pricing Arrangements 2022-23 and 2023-24: 7 clear days, all supports, 100%',
  },
  {
    from: '2024-07-01',
    to: null,
    // "less than 7 days' notice": not "clear" days, so 7 × 24 h before the start (Lumary's reading).
    supportWorker: { kind: 'clearDays', days: 7, reading: 'hours' },
    other: { kind: 'clearBusinessDays', days: 2 },
    claimPercent: 100,
    source:
      'NDIS Pricing Arrangements 2024-25 and 2025-26 (v1.1, p.26–27): 7 days DSW, 2 clear business days others, 100%',
  },
];

/** The era in force on a support date (YYYY-MM-DD), or null before 1 July 2019 (not modelled). */
export function cancellationEraOn(date: string): CancellationEra | null {
  return CANCELLATION_ERAS.find((e) => date >= e.from && (e.to === null || date < e.to)) ?? null;
}
