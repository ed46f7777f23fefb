import type { Temporal } from 'temporal-polyfill';
import { cancellationEraOn } from './cancellation-defaults.js';
import type { CancellationRuleRecord } from './cancellation-rule.types.js';
import { type CancellationRule, type Holiday, judgeCancellation, ruleText } from './cancellation-rules.js';

/**
 * A session client's cancellation judged by the rule in force on the support's date, with the claim it allows.
 * Pure: the organisation's rule, the holidays and the instants are arguments.
 */
export type SessionCancellationFacts = {
  supportStart: Temporal.Instant;
  notifiedAt: Temporal.Instant;
  timeZone: string;
  /** The support's local date (YYYY-MM-DD) in `timeZone`: picks the rules then in force. */
  supportDate: string;
  orgRule: CancellationRuleRecord | undefined;
  holidays: readonly Holiday[];
  regionName: string | null;
  noShow: boolean;
  attestedNoOtherWork: boolean;
  attestedWorkerPaid: boolean;
};

/** What is stored as `cancellation_decision` (sessions/session-view.ts reads these fields). */
export type StoredDecision = {
  shortNotice: boolean;
  claimable: boolean;
  claimPercent: number;
  rule: string;
  ruleSource: string;
  deadline: string;
  clearDaysGiven: number;
  explanation: string;
  holidaysSkipped: Holiday[];
  region: string | null;
};

/** The rule and fee in force: the organisation's rule when it has one, else the national rule for its class. */
export function ruleInForce(
  orgRule: CancellationRuleRecord | undefined,
  supportDate: string,
): { rule: CancellationRule; claimPercent: number; source: string } | null {
  const era = cancellationEraOn(supportDate);
  const afterHours =
    orgRule?.opensAt && orgRule.closesAt
      ? { opensAt: orgRule.opensAt.slice(0, 5), closesAt: orgRule.closesAt.slice(0, 5) }
      : undefined;
  if (orgRule?.supportClass === 'custom' && orgRule.kind && orgRule.days !== null) {
    const rule: CancellationRule =
      orgRule.kind === 'clearBusinessDays'
        ? { kind: 'clearBusinessDays', days: orgRule.days, afterHours }
        : { kind: 'clearDays', days: orgRule.days, reading: orgRule.reading ?? 'calendar', afterHours };
    return {
      rule,
      claimPercent: orgRule.claimPercent ?? era?.claimPercent ?? 100,
      source: `the organisation's rule from ${orgRule.effectiveFrom}`,
    };
  }
  if (!era) return null;
  // Without a rule of its own, a service is a support-worker support (the common case in home care).
  const supportClass = orgRule?.supportClass === 'other' ? 'other' : 'supportWorker';
  return {
    rule: { ...era[supportClass], afterHours },
    claimPercent: orgRule?.claimPercent ?? era.claimPercent,
    source: `${era.source} (${supportClass === 'other' ? 'supports other than support workers' : 'support-worker supports'})`,
  };
}

export function decideSessionCancellation(f: SessionCancellationFacts): {
  shortNotice: boolean;
  decision: StoredDecision;
} | null {
  const inForce = ruleInForce(f.orgRule, f.supportDate);
  if (!inForce) return null;
  const d = judgeCancellation({
    supportStart: f.supportStart,
    notifiedAt: f.notifiedAt,
    timeZone: f.timeZone,
    rule: inForce.rule,
    publicHolidays: f.holidays,
    regionName: f.regionName ?? undefined,
    noShow: f.noShow,
    claimPercent: inForce.claimPercent,
  });
  const missing = [
    f.attestedNoOtherWork ? null : 'no other billable work was found for the worker',
    f.attestedWorkerPaid ? null : 'the worker is paid for the time',
  ].filter((x) => x !== null);
  const claimable = d.shortNotice && missing.length === 0 && inForce.claimPercent > 0;
  let explanation = d.explanation;
  if (d.shortNotice && missing.length > 0)
    explanation = explanation.replace(
      / → cancellation claim at \d+%$/,
      ` → no cancellation claim: not attested that ${missing.join(', nor that ')}`,
    );
  return {
    shortNotice: d.shortNotice,
    decision: {
      shortNotice: d.shortNotice,
      claimable,
      claimPercent: inForce.claimPercent,
      rule:
        ruleText(inForce.rule) +
        (inForce.rule.afterHours ? ', after-hours notice counts from the next business day' : ''),
      ruleSource: inForce.source,
      deadline: d.deadline,
      clearDaysGiven: d.clearDaysGiven,
      explanation,
      holidaysSkipped: d.holidaysSkipped,
      region: f.regionName,
    },
  };
}

const AU_STATES = new Set(['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'NT', 'ACT']);

/** The date-holidays region of a client's region ("NSW" → "AU-NSW"; "AU-VIC" as is), or null. */
export function holidayRegionOf(region: string | null): string | null {
  if (region === null) return null;
  const r = region.trim().toUpperCase();
  if (AU_STATES.has(r)) return `AU-${r}`;
  return /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(r) ? r : null;
}
