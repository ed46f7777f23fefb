/**
 * A client's cancellations over a period, by outcome, with a pattern alert: the NDIA sets no cap on short-notice
 * cancellations but watches for patterns (research §3.3), so the provider should notice one first. Pure.
 */
export type CancellationOutcome = 'no_show' | 'short_notice' | 'in_time' | 'not_judged';

export type ReportRow = {
  bookingId: string;
  startsAt: string;
  name: string;
  outcome: CancellationOutcome;
  reasonCode: 'health' | 'family' | 'transport' | 'other';
  explanation: string | null;
  claimable: boolean;
};

export type PatternPolicy = { minCount: number; minShareBasisPoints: number };

/** Three short-notice cancellations or no-shows in a period, or a fifth of its supports (at least two). */
export const DEFAULT_PATTERN: PatternPolicy = { minCount: 3, minShareBasisPoints: 2000 };

export type CancellationReport = {
  counts: Record<CancellationOutcome, number>;
  supportsBooked: number;
  alert: string | null;
  rows: ReportRow[];
};

export function cancellationReport(
  rows: readonly ReportRow[],
  supportsBooked: number,
  policy: PatternPolicy = DEFAULT_PATTERN,
): CancellationReport {
  const counts: Record<CancellationOutcome, number> = {
    no_show: 0,
    short_notice: 0,
    in_time: 0,
    not_judged: 0,
  };
  for (const r of rows) counts[r.outcome]++;
  const late = counts.no_show + counts.short_notice;
  const share = supportsBooked === 0 ? 0 : Math.floor((late * 10000) / supportsBooked);
  let alert: string | null = null;
  const what = `${late} short-notice cancellation${late === 1 ? '' : 's'} or no-show${late === 1 ? '' : 's'} of ${supportsBooked} support${supportsBooked === 1 ? '' : 's'}`;
  if (late >= policy.minCount)
    alert = `${what}: a pattern the NDIA may ask about (${policy.minCount} or more in a period)`;
  else if (late >= 2 && share >= policy.minShareBasisPoints)
    alert = `${what}: ${Math.floor(share / 100)}% of this period's supports (a pattern from ${policy.minShareBasisPoints / 100}%)`;
  return { counts, supportsBooked, alert, rows: [...rows] };
}
