import type { Temporal } from 'temporal-polyfill';
import { divideHalfUp, proRata } from '../contracts/money.js';
import { isTransportRecord } from '../sessions/session-charges.js';
import type { SupportItem, TimeBand } from './catalogue.types.js';
import { type ClaimWay, suffixedCandidate } from './catalogue-number.js';
import {
  checkLimit,
  dollars,
  type LimitMode,
  priceLimitOf,
  priceZoneOf,
  timeBandOf,
} from './catalogue-pricing.js';
import {
  TRAVEL_RULES_2025_26,
  transportCancellable,
  travelCapMinutes,
  travelHourlyRate,
} from './travel-rules.js';

/**
 * Claim lines from delivered records (pure): which item each record is claimed under (the visit's time band
 * picks it; from the suffixed-items date a cancellation, non-face-to-face time, a report or travel uses the
 * item's `_CA`/`_NF`/`_RR`/`_PT` variant, when the catalogue has one), the unit price within the price limit for
 * the date and the participant's zone, the claim type (blank, CANC, NF2F, REPW, TRAN), each only when the item's
 * catalogue flag allows it, and the cancellation reason. A record that cannot be claimed is a problem saying why.
 */

export type ClaimType = 'CANC' | 'REPW' | 'TRAN' | 'NF2F';
/** How a service record was provided (recorded on it in the claims screen; face-to-face unless said). */
export type DeliveredAs = 'face_to_face' | 'non_face_to_face' | 'ndia_report';
export type GstCode = 'P1' | 'P2' | 'P5';
export type CancellationReason = 'NSDH' | 'NSDF' | 'NSDT' | 'NSDO';

export type ClaimSettings = {
  registrationNumber: string | null;
  abn: string | null;
  priceLimitMode: LimitMode;
  gstCode: GstCode;
  suffixedItemsFrom: string;
  nonLabourTravelItem: string | null;
  transportItem: string | null;
  /** A booking over a funding period's allocation: a soft conflict overridden with a reason, or refused. */
  fundingOverrunMode?: 'override' | 'refuse';
};

export type DeliveredRecord = {
  deliveredServiceId: string;
  clientId: string;
  clientName: string;
  ndisNumber: string | null;
  state: string | null;
  mmmBand: number | null;
  kind: 'service' | 'travel' | 'transport' | 'expense' | 'cancellation';
  description: string;
  quantity: number;
  unit: 'minutes' | 'km' | 'dollars';
  rateMinor: number | null;
  portionBasisPoints: number | null;
  amountMinor: number;
  /** The support item of the record's service (for travel and cancellations: the primary service's). */
  supportItem: string | null;
  start: Temporal.Instant;
  end: Temporal.Instant;
  timeZone: string;
  cancellationCode: 'health' | 'family' | 'transport' | 'other' | null;
  /**
   * The NDIS short-notice decision stored with the client's cancellation (the NDIS cancellation route), or null
   * when it was cancelled without one. A judged cancellation is claimed (CANC) only when the decision allows it.
   */
  ndisDecision: { shortNotice: boolean; claimable: boolean; explanation: string } | null;
  /** How this record was provided (only service records are other than face-to-face). */
  deliveredAs: DeliveredAs;
  /** Whether the participant's visit had face-to-face support (provider travel needs it). */
  faceToFace: boolean;
};

export type Catalogue = {
  /** The version of `number` in force on `date`, or null. */
  item: (number: string, date: string) => SupportItem | null;
  /** The time-band family a number belongs to: band → item number. */
  family: (number: string) => ReadonlyMap<TimeBand, string> | null;
};

export type ClaimDraft = {
  deliveredServiceId: string;
  clientId: string;
  ndisNumber: string;
  deliveredFrom: string;
  deliveredTo: string;
  supportNumber: string;
  quantityHundredths: number | null;
  hoursMinutes: number | null;
  unitPriceMinor: number;
  amountMinor: number;
  gstCode: GstCode;
  claimType: ClaimType | null;
  cancellationReason: CancellationReason | null;
  abn: string;
  explanation: string;
  warning: string | null;
  /** A service record's way of delivery (changeable before export); null for other records. */
  deliveredAs: DeliveredAs | null;
};

export type ClaimProblem = {
  deliveredServiceId: string;
  clientId: string;
  clientName: string;
  description: string;
  date: string;
  reason: string;
  deliveredAs: DeliveredAs | null;
};

export const CANCELLATION_REASONS: Record<
  NonNullable<DeliveredRecord['cancellationCode']>,
  CancellationReason
> = {
  health: 'NSDH',
  family: 'NSDF',
  transport: 'NSDT',
  other: 'NSDO',
};

export function claimLine(
  r: DeliveredRecord,
  catalogue: Catalogue,
  settings: ClaimSettings,
  publicHolidays: ReadonlySet<string>,
): { ok: true; line: ClaimDraft } | { ok: false; problem: ClaimProblem } {
  const start = r.start.toZonedDateTimeISO(r.timeZone);
  const date = start.toPlainDate().toString();
  const deliveredAs = r.kind === 'service' ? r.deliveredAs : null;
  const fail = (reason: string) => ({
    ok: false as const,
    problem: {
      deliveredServiceId: r.deliveredServiceId,
      clientId: r.clientId,
      clientName: r.clientName,
      description: r.description,
      date,
      reason,
      deliveredAs,
    },
  });
  if (r.ndisNumber === null) return fail(`${r.clientName} has no NDIS number`);
  if (settings.registrationNumber === null || settings.abn === null)
    return fail('the NDIS registration number and ABN are not set in the claim settings');
  const zone = priceZoneOf(r.state, r.mmmBand);
  const suffixed = date >= settings.suffixedItemsFrom;
  const base = {
    deliveredServiceId: r.deliveredServiceId,
    clientId: r.clientId,
    ndisNumber: r.ndisNumber,
    deliveredFrom: date,
    deliveredTo: date,
    gstCode: settings.gstCode,
    abn: settings.abn,
    deliveredAs,
  };

  // A $1-unit item (non-labour travel costs, activity-based transport distance and costs): quantity in dollars.
  const dollarItem = (number: string | null, what: string, claimType: ClaimType | null, why: string) => {
    if (number === null) return fail(`no ${what} item is set in the claim settings`);
    const item = catalogue.item(number, date);
    if (!item) return fail(`${number} (${what}) is not in the catalogue on ${date}`);
    return {
      ok: true as const,
      line: {
        ...base,
        supportNumber: number,
        quantityHundredths: r.amountMinor,
        hoursMinutes: null,
        unitPriceMinor: 100,
        amountMinor: r.amountMinor,
        claimType,
        cancellationReason: null,
        explanation: `${r.description}: ${dollars(r.amountMinor)} as ${r.amountMinor / 100} × $1.00 under ${number} (${why})`,
        warning: null,
      },
    };
  };

  // Activity-based transport costs (distance, and its tolls and parking): the transport item, never the
  // primary support's provider travel.
  const transportCost =
    (r.kind === 'transport' && r.unit !== 'minutes') ||
    (r.kind === 'expense' && isTransportRecord(r.description));
  if (r.supportItem === null && !transportCost) return fail(`${r.description} names no NDIS support item`);
  // The primary item for the visit's band.
  let primaryNumber = r.supportItem ?? '';
  let bandWhy = '';
  const family = r.supportItem ? catalogue.family(r.supportItem) : null;
  if (family) {
    const { band, why } = timeBandOf(start, r.end.toZonedDateTimeISO(r.timeZone), publicHolidays);
    const member = family.get(band);
    if (!member) return fail(`the item family of ${r.supportItem} has no ${band.replace('_', ' ')} item`);
    primaryNumber = member;
    bandWhy = ` (${why})`;
  }
  const primary = r.supportItem ? catalogue.item(primaryNumber, date) : null;
  if (r.supportItem && !primary) return fail(`${primaryNumber} is not in the catalogue on ${date}`);

  if (transportCost)
    return dollarItem(settings.transportItem, 'activity-based transport', 'TRAN', 'activity-based transport');
  if (r.kind === 'expense' || (r.kind === 'travel' && r.unit !== 'minutes')) {
    if (!primary?.flags.providerTravel)
      return fail(
        `non-labour travel costs need travel time to be claimable, and ${primaryNumber} does not allow provider travel`,
      );
    if (!r.faceToFace)
      return fail(
        'non-labour travel costs need travel time to be claimable, and the support was not face-to-face',
      );
    if (r.unit === 'km' && r.rateMinor !== null && r.rateMinor > TRAVEL_RULES_2025_26.nonLabourKmMinor)
      return fail(
        `${dollars(r.rateMinor)}/km is above the ${dollars(TRAVEL_RULES_2025_26.nonLabourKmMinor)}/km non-labour travel limit`,
      );
    return dollarItem(
      settings.nonLabourTravelItem,
      'provider travel non-labour',
      'TRAN',
      'non-labour travel costs',
    );
  }
  if (!primary) return fail(`${r.description} names no NDIS support item`);

  // Time-based lines: a service, a cancellation, travel time, or transport time.
  let item = primary;
  let claimType: ClaimType | null = null;
  let cancellationReason: CancellationReason | null = null;
  let note = '';
  let minutes = Math.round(r.quantity);
  if (r.kind === 'service' && r.deliveredAs !== 'face_to_face') {
    const way = CLAIM_WAYS[r.deliveredAs];
    if (!primary.flags[way.flag]) return fail(`${primary.number} does not allow ${way.what} claims`);
    claimType = way.claimType;
    if (suffixed) {
      const variant = catalogue.item(suffixedCandidate(primary.number, way.suffix), date);
      if (!variant)
        return fail(`${suffixedCandidate(primary.number, way.suffix)} is not in the catalogue on ${date}`);
      item = variant;
    }
    note = `, ${way.what}`;
  } else if (r.kind === 'cancellation') {
    if (primary.number === settings.transportItem && !transportCancellable())
      return fail('activity-based transport is never a short-notice cancellation claim');
    if (!primary.flags.shortNoticeCancellation)
      return fail(`${primary.number} does not allow short-notice cancellation claims`);
    if (r.cancellationCode === null) return fail('the cancellation has no reason');
    if (r.ndisDecision && !r.ndisDecision.claimable)
      return fail(
        r.ndisDecision.shortNotice
          ? `the short-notice cancellation is not claimable (${r.ndisDecision.explanation})`
          : `the cancellation was in time, so it cannot be claimed (${r.ndisDecision.explanation})`,
      );
    claimType = 'CANC';
    cancellationReason = CANCELLATION_REASONS[r.cancellationCode];
    if (suffixed) {
      const ca = catalogue.item(suffixedCandidate(primary.number, 'cancellation'), date);
      if (!ca)
        return fail(
          `${suffixedCandidate(primary.number, 'cancellation')} is not in the catalogue on ${date}`,
        );
      item = ca;
    }
    note = ', short-notice cancellation';
  } else if (r.kind === 'travel') {
    if (!primary.flags.providerTravel) return fail(`${primary.number} does not allow provider travel`);
    if (!r.faceToFace) return fail('provider travel is claimable only for face-to-face supports');
    claimType = 'TRAN';
    // The cap per participant per trip follows the band of where the participant is (MMM1-3 30 min, 4-5 60).
    const cap = r.mmmBand === null ? null : travelCapMinutes(r.mmmBand);
    if (cap !== null && minutes > cap) {
      minutes = cap;
      note = `, capped at ${cap} min per participant per trip (MMM${r.mmmBand})`;
    }
    if (suffixed) {
      const pt = catalogue.item(suffixedCandidate(primary.number, 'providerTravel'), date);
      if (!pt)
        return fail(
          `${suffixedCandidate(primary.number, 'providerTravel')} is not in the catalogue on ${date}`,
        );
      item = pt;
    }
    note = `, provider travel${note}`;
  } else if (r.kind === 'transport') {
    note = ', activity-based transport time (part of the support)';
  }

  const portion = r.portionBasisPoints ?? 10_000;
  const limit = priceLimitOf(item, zone);
  if (item.unit !== 'H') {
    const unitLimit = limit;
    const verdict = checkLimit(r.amountMinor, unitLimit, settings.priceLimitMode, item.number);
    if (!verdict.ok) return fail(verdict.reason);
    return {
      ok: true,
      line: {
        ...base,
        supportNumber: item.number,
        quantityHundredths: 100,
        hoursMinutes: null,
        unitPriceMinor: verdict.unitPriceMinor,
        amountMinor: verdict.unitPriceMinor,
        claimType,
        cancellationReason,
        explanation: `${r.description}: 1 × ${dollars(verdict.unitPriceMinor)} under ${item.number}${bandWhy}${note}`,
        warning: verdict.warning,
      },
    };
  }
  let rate = r.rateMinor ?? 0;
  let rateWhy = '';
  if (r.kind === 'travel' && !suffixed) {
    const t = travelHourlyRate({
      agreedRateMinor: rate,
      priceLimitMinor: limit,
      therapy: item.therapy,
      date,
    });
    if (t.rateMinor !== rate) rateWhy = `; travel at ${dollars(t.rateMinor)}/h: ${t.why}`;
    rate = t.rateMinor;
  }
  // Group supports: each participant's share of the rate, and of the limit (limit × workers ÷ participants).
  const unitPrice = divideHalfUp(rate * portion, 10_000);
  const unitLimit = limit === null ? null : divideHalfUp(limit * portion, 10_000);
  const verdict = checkLimit(unitPrice, unitLimit, settings.priceLimitMode, item.number);
  if (!verdict.ok) return fail(verdict.reason);
  if (minutes < 1) return fail(`${r.description} is under a minute`);
  const share = portion === 10_000 ? '' : ` (${portion / 100}% share of ${dollars(rate)}/h)`;
  return {
    ok: true,
    line: {
      ...base,
      supportNumber: item.number,
      quantityHundredths: null,
      hoursMinutes: minutes,
      unitPriceMinor: verdict.unitPriceMinor,
      amountMinor: proRata(minutes, verdict.unitPriceMinor),
      claimType,
      cancellationReason,
      explanation: `${r.description}: ${hhmm(minutes)} h at ${dollars(verdict.unitPriceMinor)}/h${share} under ${item.number}${bandWhy}${note}${rateWhy}`,
      warning: verdict.warning,
    },
  };
}

/** The non-direct ways of delivering a service: the catalogue flag that allows each, its claim type, suffix. */
const CLAIM_WAYS = {
  non_face_to_face: {
    flag: 'nonFaceToFace',
    claimType: 'NF2F',
    suffix: 'nonFaceToFace',
    what: 'non-face-to-face',
  },
  ndia_report: {
    flag: 'ndiaRequestedReports',
    claimType: 'REPW',
    suffix: 'report',
    what: 'NDIA-requested report',
  },
} as const satisfies Record<
  Exclude<DeliveredAs, 'face_to_face'>,
  { flag: keyof SupportItem['flags']; claimType: ClaimType; suffix: ClaimWay; what: string }
>;

/** Minutes as hhh:mm (the Hours column). */
export const hhmm = (minutes: number) =>
  `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
