import { divideHalfUp } from '../contracts/money.js';
import { KM_RATE_MINOR, TRAVEL_CAP_MINUTES, travelAreaOf } from '../sessions/session-charges.js';

/**
 * Provider travel, non-labour costs, activity-based transport and group pricing under the 2025-26 PAPL (pure).
 * The dated figures are parameters with the 2025-26 values as defaults, so a later year passes its own; the
 * minutes actually claimed per leg are apportioned by sessions/session-charges.ts, whose caps and km rates
 * these rules reuse rather than restate.
 */

/** 2025-26 figures (PAPL 2025-26 v1.1, p.22–23; sources in batch2-research §3.4). */
export const TRAVEL_RULES_2025_26 = {
  /** Travel-time cap per participant, per trip, per worker, by MMM band; null: no cap (agree it). */
  capMinutes: Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((b) => [b, TRAVEL_CAP_MINUTES[travelAreaOf(b)]]),
  ) as Record<number, number | null>,
  /** Therapy travel is priced at this share of the item's price limit from this date. */
  therapyTravelShareBasisPoints: 5_000,
  therapyTravelFrom: '2025-07-01',
  /** Non-labour vehicle costs, cents per km, at most. */
  nonLabourKmMinor: KM_RATE_MINOR.standard as number,
};

export type TravelRules = typeof TRAVEL_RULES_2025_26;

/** The travel-time cap for the participant's MMM band (the band of where the participant is). */
export function travelCapMinutes(mmmBand: number, rules: TravelRules = TRAVEL_RULES_2025_26): number | null {
  if (!Number.isInteger(mmmBand) || mmmBand < 1 || mmmBand > 7) throw new RangeError('MMM band is 1 to 7');
  return rules.capMinutes[mmmBand] ?? null;
}

/** Minutes of one trip claimable for one participant: the cap, or all of them when uncapped. */
export const claimableTravelMinutes = (minutes: number, mmmBand: number, rules = TRAVEL_RULES_2025_26) => {
  const cap = travelCapMinutes(mmmBand, rules);
  return cap === null ? minutes : Math.min(minutes, cap);
};

/**
 * Whether travel time may be claimed: the item's Provider Travel flag, the service agreement says so, the
 * support is face-to-face, and the worker is paid for the travel (or is a sole trader).
 */
export function travelTimeClaimable(c: {
  itemAllowsTravel: boolean;
  agreed: boolean;
  faceToFace: boolean;
  workerPaid: boolean;
}): { claimable: boolean; why: string } {
  if (!c.itemAllowsTravel)
    return { claimable: false, why: "the item's Provider Travel flag does not allow it" };
  if (!c.agreed) return { claimable: false, why: 'the service agreement does not provide for travel' };
  if (!c.faceToFace) return { claimable: false, why: 'the support was not face-to-face' };
  if (!c.workerPaid) return { claimable: false, why: 'the worker is not paid for the travel' };
  return { claimable: true, why: 'travel is allowed by the item and agreed' };
}

/**
 * The hourly rate of travel time: the primary support's agreed rate; for therapy supports delivered from
 * 1 July 2025, at most 50% of the item's price limit.
 */
export function travelHourlyRate(c: {
  agreedRateMinor: number;
  priceLimitMinor: number | null;
  therapy: boolean;
  date: string;
  rules?: TravelRules;
}): { rateMinor: number; why: string } {
  const rules = c.rules ?? TRAVEL_RULES_2025_26;
  if (c.therapy && c.date >= rules.therapyTravelFrom && c.priceLimitMinor !== null) {
    const half = divideHalfUp(c.priceLimitMinor * rules.therapyTravelShareBasisPoints, 10_000);
    if (c.agreedRateMinor > half)
      return {
        rateMinor: half,
        why: `therapy travel from ${rules.therapyTravelFrom}: ${rules.therapyTravelShareBasisPoints / 100}% of the price limit`,
      };
  }
  return { rateMinor: c.agreedRateMinor, why: "the primary support's agreed rate" };
}

/**
 * Non-labour travel costs: only when travel time is claimable; km at most the year's rate (a lower agreed rate
 * is kept), tolls and parking at cost. Amount in minor units; null when not claimable.
 */
export function nonLabourCost(c: {
  travelTimeClaimable: boolean;
  kmHundredths: number;
  agreedKmMinor?: number;
  tollsMinor: number;
  parkingMinor: number;
  rules?: TravelRules;
}): { amountMinor: number; kmRateMinor: number } | null {
  if (!c.travelTimeClaimable) return null;
  const cap = (c.rules ?? TRAVEL_RULES_2025_26).nonLabourKmMinor;
  const kmRateMinor = Math.min(c.agreedKmMinor ?? cap, cap);
  return {
    amountMinor: divideHalfUp(c.kmHundredths * kmRateMinor, 100) + c.tollsMinor + c.parkingMinor,
    kmRateMinor,
  };
}

/** Activity-based transport is never a short-notice cancellation claim (PAPL; batch2-research §3.3). */
export const transportCancellable = (): false => false;

/**
 * A participant's price limit for a group support: the item's limit × workers who directly supported them ÷
 * participants in the group, claimed for the full duration (half-up to the cent).
 */
export function groupUnitPrice(limitMinor: number, workers: number, participants: number): number {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError('at least one worker');
  if (!Number.isInteger(participants) || participants < 1) throw new RangeError('at least one participant');
  return divideHalfUp(limitMinor * workers, participants);
}
