import { Temporal } from 'temporal-polyfill';
import type { FundingType, Gender, HoldOutcome, StayKind, StayState } from './accommodation-tables.types.js';

/**
 * The rules of beds and stays (pure): nights, eligibility, the hold's outcome, state changes, short-term
 * accommodation limits, vacancy ranking and occupancy. Dates are local `YYYY-MM-DD` in the site's zone; a stay
 * covers the nights [arriveOn, leaveOn).
 */

export type Nights = { arriveOn: string; leaveOn: string };

const date = (d: string) => Temporal.PlainDate.from(d);

export function nightsOf(n: Nights): number {
  return date(n.arriveOn).until(date(n.leaveOn), { largestUnit: 'days' }).days;
}

export function addDays(d: string, days: number): string {
  return date(d).add({ days }).toString();
}

/** The nights two ranges share (0 when they do not overlap). */
export function sharedNights(a: Nights, b: Nights): number {
  const from = a.arriveOn > b.arriveOn ? a.arriveOn : b.arriveOn;
  const to = a.leaveOn < b.leaveOn ? a.leaveOn : b.leaveOn;
  return from < to ? nightsOf({ arriveOn: from, leaveOn: to }) : 0;
}

/** Completed years of age on `on`. */
export function ageOn(dateOfBirth: string, on: string): number {
  return date(dateOfBirth).until(date(on), { largestUnit: 'years' }).years;
}

export type BedEligibility = {
  minAge: number | null;
  maxAge: number | null;
  genders: readonly Gender[];
  fundingTypes: readonly FundingType[];
};

export type ClientForBed = {
  dateOfBirth: string | null;
  gender: Gender | null;
  /** The category of the contract the stay is under; null without one. */
  funding: FundingType | null;
};

export type EligibilityProblem = { rule: 'age' | 'gender' | 'funding'; reason: string };

const GENDER_WORDS: Record<Gender, string> = {
  female: 'female',
  male: 'male',
  non_binary: 'non-binary',
  other: 'another gender',
};
const FUNDING_WORDS: Record<FundingType, string> = {
  private: 'private',
  local_authority: 'local authority',
  ndis: 'NDIS',
  other: 'other',
};
const list = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

/**
 * Why this client may not use this bed for these nights (empty: eligible). Age is checked on the first and
 * the last night, so a birthday during the stay cannot slip past a limit.
 */
export function eligibilityProblems(
  bed: BedEligibility,
  client: ClientForBed,
  nights: Nights,
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  if (bed.minAge !== null || bed.maxAge !== null) {
    const range =
      bed.minAge !== null && bed.maxAge !== null
        ? `${bed.minAge} to ${bed.maxAge}`
        : bed.minAge !== null
          ? `${bed.minAge} or over`
          : `${bed.maxAge} or under`;
    if (client.dateOfBirth === null)
      problems.push({ rule: 'age', reason: `The bed is for ages ${range}; the client has no date of birth` });
    else {
      const first = ageOn(client.dateOfBirth, nights.arriveOn);
      const last = ageOn(client.dateOfBirth, addDays(nights.leaveOn, -1));
      const outside = (a: number) =>
        (bed.minAge !== null && a < bed.minAge) || (bed.maxAge !== null && a > bed.maxAge);
      if (outside(first) || outside(last))
        problems.push({
          rule: 'age',
          reason: `The bed is for ages ${range}; the client is ${first === last ? first : `${first} to ${last}`} during the stay`,
        });
    }
  }
  if (bed.genders.length > 0 && (client.gender === null || !bed.genders.includes(client.gender)))
    problems.push({
      rule: 'gender',
      reason:
        client.gender === null
          ? `The bed is for ${list(bed.genders.map((g) => GENDER_WORDS[g]))} clients; the client's gender is not recorded`
          : `The bed is for ${list(bed.genders.map((g) => GENDER_WORDS[g]))} clients`,
    });
  if (bed.fundingTypes.length > 0 && (client.funding === null || !bed.fundingTypes.includes(client.funding)))
    problems.push({
      rule: 'funding',
      reason: `The bed is funded for ${list(bed.fundingTypes.map((f) => FUNDING_WORDS[f]))} clients${
        client.funding === null ? '; the stay has no contract' : `, not ${FUNDING_WORDS[client.funding]}`
      }`,
    });
  return problems;
}

/** States in which a stay takes its bed (the database's exclusion constraint counts the same). */
export const BED_TAKING: readonly StayState[] = ['on_hold', 'booked', 'checked_in', 'checked_out'];
/** States in which a client occupies a bed (one at a time). */
export const OCCUPYING: readonly StayState[] = ['booked', 'checked_in', 'checked_out'];

/** What an expired hold becomes: released (cancelled) or back to the state it was held from. */
export function holdExpiryOutcome(hold: { outcome: HoldOutcome; revertsTo: 'enquiry' | 'booked' | null }): {
  state: StayState;
  cancelReason: string | null;
} {
  if (hold.outcome === 'release')
    return { state: 'cancelled', cancelReason: 'The hold expired and the bed was released' };
  return { state: hold.revertsTo ?? 'enquiry', cancelReason: null };
}

export type StayAction = 'hold' | 'confirm' | 'check_in' | 'check_out' | 'cancel' | 'edit';

const ALLOWED: Record<StayAction, readonly StayState[]> = {
  hold: ['enquiry', 'booked'],
  confirm: ['enquiry', 'on_hold'],
  check_in: ['booked'],
  check_out: ['checked_in'],
  cancel: ['enquiry', 'on_hold', 'booked'],
  edit: ['enquiry', 'on_hold', 'booked', 'checked_in'],
};

const STATE_WORDS: Record<StayState, string> = {
  enquiry: 'an enquiry',
  on_hold: 'on hold',
  booked: 'booked',
  checked_in: 'checked in',
  checked_out: 'checked out',
  cancelled: 'cancelled',
};
const ACTION_WORDS: Record<StayAction, string> = {
  hold: 'put on hold',
  confirm: 'confirmed',
  check_in: 'checked in',
  check_out: 'checked out',
  cancel: 'cancelled',
  edit: 'changed',
};

/** Why `action` cannot be done to a stay in `state` of `kind` (null: it can). */
export function refusalOf(action: StayAction, state: StayState, kind: StayKind): string | null {
  if (kind !== 'client_stay' && ['hold', 'confirm', 'check_in', 'check_out'].includes(action))
    return `${kind === 'out_of_service' ? 'An out-of-service block' : 'A block booking'} cannot be ${ACTION_WORDS[action]}`;
  if (ALLOWED[action].includes(state)) return null;
  return `The stay is ${STATE_WORDS[state]} and cannot be ${ACTION_WORDS[action]}`;
}

export type StayLimits = { maxNightsPerStay: number | null; maxNightsPerYear: number | null };

/** Short-term accommodation as the NDIS typically funds it: 14 nights at a time, about 28 a year. */
export const DEFAULT_LIMITS: Record<FundingType, StayLimits> = {
  ndis: { maxNightsPerStay: 14, maxNightsPerYear: 28 },
  private: { maxNightsPerStay: null, maxNightsPerYear: null },
  local_authority: { maxNightsPerStay: null, maxNightsPerYear: null },
  other: { maxNightsPerStay: null, maxNightsPerYear: null },
};

/**
 * Warnings (never refusals) when the stay, or the client's calendar year with it, goes over the limits. A stay
 * across New Year counts its nights in each year.
 */
export function limitWarnings(stay: Nights, otherStays: readonly Nights[], limits: StayLimits): string[] {
  const warnings: string[] = [];
  const n = nightsOf(stay);
  if (limits.maxNightsPerStay !== null && n > limits.maxNightsPerStay)
    warnings.push(`The stay is ${n} nights, over the ${limits.maxNightsPerStay} nights allowed at a time`);
  if (limits.maxNightsPerYear !== null) {
    const firstYear = Number(stay.arriveOn.slice(0, 4));
    const lastYear = Number(addDays(stay.leaveOn, -1).slice(0, 4));
    for (let y = firstYear; y <= lastYear; y++) {
      const year = { arriveOn: `${y}-01-01`, leaveOn: `${y + 1}-01-01` };
      const total = [stay, ...otherStays].reduce((sum, s) => sum + sharedNights(s, year), 0);
      if (total > limits.maxNightsPerYear)
        warnings.push(
          `${total} nights in ${y} with this stay, over the ${limits.maxNightsPerYear} allowed a year`,
        );
    }
  }
  return warnings;
}

export type VacancyCandidate = {
  bedId: string;
  siteId: string;
  name: string;
  amenities: readonly string[];
  emergency: boolean;
  problems: readonly EligibilityProblem[];
};

export type RankedVacancy<C> = C & { score: number; preferredSite: boolean; amenitiesMatched: string[] };

/**
 * Free beds ranked by fit: eligible beds first, then the client's preferred site, then the amenities the
 * client wants that the bed has, then non-emergency beds (kept for emergencies), then by name.
 */
export function rankVacancies<C extends VacancyCandidate>(
  candidates: readonly C[],
  wanted: { preferredSiteId: string | null; amenities: readonly string[] },
): RankedVacancy<C>[] {
  const ranked = candidates.map((c) => {
    const amenitiesMatched = wanted.amenities.filter((a) => c.amenities.includes(a));
    const preferredSite = wanted.preferredSiteId !== null && c.siteId === wanted.preferredSiteId;
    const score =
      (c.problems.length === 0 ? 1000 : 0) +
      (preferredSite ? 100 : 0) +
      amenitiesMatched.length * 10 +
      (c.emergency ? 0 : 1);
    return { ...c, score, preferredSite, amenitiesMatched };
  });
  return ranked.sort(
    (a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.bedId.localeCompare(b.bedId),
  );
}

export type OccupancyStay = Nights & { bedId: string; kind: StayKind; state: StayState };

export type MonthOccupancy = {
  month: string;
  bedNights: number;
  outOfServiceNights: number;
  occupiedNights: number;
  heldNights: number;
  /** Occupied nights over the nights the beds were in service, in whole per cent (half up). */
  utilisationPercent: number;
};

/** Occupancy of `bedCount` beds in `month` ('YYYY-MM') from the stays touching it. */
export function monthOccupancy(
  month: string,
  bedCount: number,
  stays: readonly OccupancyStay[],
): MonthOccupancy {
  const first = `${month}-01`;
  const range = { arriveOn: first, leaveOn: date(first).add({ months: 1 }).toString() };
  const days = nightsOf(range);
  let outOfServiceNights = 0;
  let occupiedNights = 0;
  let heldNights = 0;
  for (const s of stays) {
    const n = sharedNights(s, range);
    if (s.kind === 'out_of_service' && s.state === 'booked') outOfServiceNights += n;
    else if (s.state === 'on_hold') heldNights += n;
    else if (OCCUPYING.includes(s.state)) occupiedNights += n;
  }
  const inService = bedCount * days - outOfServiceNights;
  return {
    month,
    bedNights: bedCount * days,
    outOfServiceNights,
    occupiedNights,
    heldNights,
    utilisationPercent: inService <= 0 ? 0 : Math.floor((occupiedNights * 100) / inService + 0.5),
  };
}

/** One invoice line's worth of a nightly or daily service: the nights of the stay inside the period. */
export function nightsInPeriod(stay: Nights, period: { from: string; to: string }): number {
  return sharedNights(stay, { arriveOn: period.from, leaveOn: addDays(period.to, 1) });
}
