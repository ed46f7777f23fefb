import type { CaseTerms, Entry } from './entitlement-rules.js';

/** A stored ledger entry as the rules see it. */
export function toEntries(
  rows: readonly {
    kind: Entry['kind'];
    sessions: number;
    bookingId: string | null;
    effectiveOn: string;
    requestId: string | null;
  }[],
): Entry[] {
  return rows.map((r) => ({
    kind: r.kind,
    sessions: r.sessions,
    on: r.effectiveOn,
    bookingId: r.bookingId,
    fromRequest: r.requestId !== null,
  }));
}

export function termsOf(c: {
  allowedSessions: number;
  countingWindow: CaseTerms['countingWindow'];
  openedOn: string;
  expiresOn: string | null;
  lateCancellationCounts: boolean;
  noShowCounts: boolean;
}): CaseTerms {
  return {
    allowedSessions: c.allowedSessions,
    countingWindow: c.countingWindow,
    openedOn: c.openedOn,
    expiresOn: c.expiresOn,
    lateCancellationCounts: c.lateCancellationCounts,
    noShowCounts: c.noShowCounts,
  };
}
