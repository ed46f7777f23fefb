import { Temporal } from 'temporal-polyfill';

/**
 * Session entitlements, pure: a case's counting window, its balance from the ledger, whether a cancellation
 * uses a session, and the plan of an extra-session request. Dates are local dates (YYYY-MM-DD) in the client's
 * zone; "now" comes in as an argument.
 */
export type CountingWindow = 'rolling_12_months' | 'per_year' | 'per_referral';
export type CaseTerms = {
  allowedSessions: number;
  countingWindow: CountingWindow;
  openedOn: string;
  expiresOn: string | null;
  lateCancellationCounts: boolean;
  noShowCounts: boolean;
};
/**
 * A ledger entry. A grant without a request is the case's allotment (each window's, for a yearly case); a grant
 * from a request is dated by the day it was made (`on`). A use or reversal is dated by its session's day.
 */
export type Entry = {
  kind: 'grant' | 'use' | 'reversal';
  sessions: number;
  on: string;
  bookingId: string | null;
  fromRequest: boolean;
};
export type Window = { from: string; to: string };
export type Balance = { window: Window; granted: number; used: number; reversed: number; remaining: number };

export const LATE_NOTICE_HOURS = 24;
export const MAX_EXTRA_PER_REQUEST = 4;
export const CLINICAL_REVIEW_AT = 12;
export const FUNDER_BUSINESS_DAYS = 7;
export const WITH_CLINICAL_REVIEW_BUSINESS_DAYS = 13;

const plain = (d: string) => Temporal.PlainDate.from(d);

/** The first session: the earliest use not reversed. */
export function firstSessionOn(entries: readonly Entry[]): string | null {
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.bookingId));
  const days = entries.filter((e) => e.kind === 'use' && !reversed.has(e.bookingId)).map((e) => e.on);
  return days.length ? days.reduce((a, b) => (a < b ? a : b)) : null;
}

/**
 * The window a session on `sessionOn` counts in, or why it cannot: before the case opened, after a referral's
 * expiry, or after the twelve months from the first session.
 */
export function windowFor(
  terms: CaseTerms,
  entries: readonly Entry[],
  sessionOn: string,
): { window: Window } | { refusal: string } {
  if (sessionOn < terms.openedOn)
    return { refusal: `the case opened on ${terms.openedOn}, after this session` };
  if (terms.countingWindow === 'per_referral') {
    const to = terms.expiresOn ?? terms.openedOn;
    if (sessionOn > to) return { refusal: `the referral expired on ${to}` };
    return { window: { from: terms.openedOn, to } };
  }
  if (terms.countingWindow === 'per_year') {
    const year = sessionOn.slice(0, 4);
    return { window: { from: `${year}-01-01`, to: `${year}-12-31` } };
  }
  const first = firstSessionOn(entries) ?? sessionOn;
  const from = first < sessionOn ? first : sessionOn;
  const to = plain(from).add({ months: 12 }).subtract({ days: 1 }).toString();
  if (sessionOn > to) return { refusal: `the twelve months from the first session (${from}) ended on ${to}` };
  return { window: { from, to } };
}

/**
 * What is left in a window: the allotment (granted once in the ledger, it applies to every window, so each year of
 * a yearly case) and the grants from requests dated in it, less the uses not reversed.
 */
export function balanceIn(entries: readonly Entry[], window: Window): Balance {
  const inWindow = (e: Entry) => e.on >= window.from && e.on <= window.to;
  let granted = 0;
  let used = 0;
  let reversed = 0;
  for (const e of entries) {
    if (e.kind === 'grant' && (!e.fromRequest || inWindow(e))) granted += e.sessions;
    else if (e.kind === 'use' && inWindow(e)) used += e.sessions;
    else if (e.kind === 'reversal' && inWindow(e)) reversed += e.sessions;
  }
  return { window, granted, used, reversed, remaining: granted - used + reversed };
}

/**
 * Does cancelling (or rescheduling) a session use it? Only when less than 24 h before its start and the
 * funder counts late cancellations.
 */
export function cancellationUsesSession(
  terms: CaseTerms,
  sessionStart: Temporal.Instant,
  now: Temporal.Instant,
): { uses: boolean; late: boolean } {
  const late = Temporal.Instant.compare(now, sessionStart.subtract({ hours: LATE_NOTICE_HOURS })) > 0;
  return { uses: late && terms.lateCancellationCounts, late };
}

/** The `n`-th business day after `from`: weekends and the given public holidays do not count. */
export function addBusinessDays(from: string, n: number, holidays: ReadonlySet<string>): string {
  let day = plain(from);
  let left = n;
  while (left > 0) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek <= 5 && !holidays.has(day.toString())) left--;
  }
  return day.toString();
}

/**
 * An extra-session request: needs clinical review when it would take the client to 12 or more sessions within
 * the 12 months from the first session; the funder decides within 7 business days, 13 with clinical review.
 */
export function extraRequestPlan(
  entries: readonly Entry[],
  requested: number,
  today: string,
  holidays: ReadonlySet<string>,
) {
  const first = firstSessionOn(entries) ?? today;
  const end = plain(first).add({ months: 12 }).subtract({ days: 1 }).toString();
  const balance = balanceIn(entries, { from: first, to: end });
  const total = balance.granted + requested;
  const clinicalReview = total >= CLINICAL_REVIEW_AT;
  const funderDueOn = addBusinessDays(today, FUNDER_BUSINESS_DAYS, holidays);
  const dueOn = clinicalReview
    ? addBusinessDays(today, WITH_CLINICAL_REVIEW_BUSINESS_DAYS, holidays)
    : funderDueOn;
  return { clinicalReview, totalInTwelveMonths: total, funderDueOn, dueOn };
}
