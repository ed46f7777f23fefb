import type { Currency } from '../billing/billing-settings.js';
import { duration, money } from '../billing/line-reason.js';
import { distanceCharge, divideHalfUp, proRata } from '../contracts/money.js';
import { defaultBasisPoints, largestRemainder, portionWeights } from './apportion.js';

/**
 * What a completed session charges each client (pure): every service split by the clients' portions (the
 * primary one as edited, the others at 1/ratio), the workers' travel and the activity-based transport split
 * between the clients it served, each line explained. Rates come in already decided (the rating engine prices
 * contract services); nothing here reads a clock or a database.
 */

export type TravelArea = 'metro' | 'regional' | 'remote';

/** NDIS provider travel caps per participant, per trip, per worker (2025-26 PAPL): MMM 1-3 30 min, 4-5 60. */
export const TRAVEL_CAP_MINUTES: Record<TravelArea, number | null> = {
  metro: 30,
  regional: 60,
  remote: null,
};

/** NDIS non-labour vehicle rates, cents per km (2025-26): standard vehicles, and modified vehicles (ABT). */
export const KM_RATE_MINOR = { standard: 99, modified: 276 } as const;

/** Activity-based transport records' descriptions begin with this (the NDIS claims tell them from travel by it). */
const TRANSPORT_LABEL = 'Transport';
export const isTransportRecord = (description: string) => description.startsWith(`${TRANSPORT_LABEL} (`);

/** Travel area from a Modified Monash Model band (1-7). */
export function travelAreaOf(mmmBand: number): TravelArea {
  return mmmBand <= 3 ? 'metro' : mmmBand <= 5 ? 'regional' : 'remote';
}

export type PricedService = {
  serviceId: string;
  name: string;
  ratio: number;
  primary: boolean;
  totalMinor: number;
  hourlyRateMinor: number;
  /** The minutes priced (each client is claimed for the full duration, at their portion). */
  minutes: number;
  /** How the total came about, e.g. "2 h at $60.00/h (Standard rate)". */
  basis: string;
  /** Whether the service's contract allows travel to be charged (the fields are kept either way). */
  travelAllowed: boolean;
};

export type ChargeLine = {
  kind: 'service' | 'travel' | 'transport' | 'expense' | 'cancellation';
  serviceId: string | null;
  staffParticipantId: string | null;
  description: string;
  quantity: number;
  unit: 'minutes' | 'km' | 'dollars';
  rateMinor: number | null;
  portionBasisPoints: number | null;
  amountMinor: number;
  explanation: string;
};

export type TravelLeg = {
  leg: 'to' | 'from' | 'between';
  minutes: number;
  km: number;
  vehicle: 'own' | 'company';
  tollsMinor: number;
  parkingMinor: number;
};

export type ChargeInput = {
  currency: Currency;
  travelArea: TravelArea;
  services: readonly PricedService[];
  /** Attending clients, in order; `basisPoints` null: the default 1/ratio of the primary service. */
  clients: readonly { participantId: string; name: string; basisPoints: number | null }[];
  /** Cancelled clients; `chargeBasisPoints` null: not charged. */
  cancelled: readonly { participantId: string; name: string; chargeBasisPoints: number | null }[];
  travel: readonly { participantId: string; name: string; legs: readonly TravelLeg[] }[];
  transport: readonly {
    workerParticipantId: string;
    workerName: string;
    km: number;
    minutes: number;
    clientParticipantIds: readonly string[];
    vehicleType: 'standard' | 'modified';
    tollsMinor: number;
    parkingMinor: number;
  }[];
};

export type Charges = {
  byClient: Map<string, ChargeLine[]>;
  cancelled: Map<string, ChargeLine[]>;
  primary: PricedService | null;
};

const percent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
const hundredths = (x: number) => Math.round(x * 100);
const fixed2 = (n: number) => Math.round(n * 100) / 100;

/** The primary service: the one marked primary, or else the first. */
export function primaryOf<S extends { primary: boolean }>(services: readonly S[]): S | null {
  return services.find((s) => s.primary) ?? services[0] ?? null;
}

export function sessionCharges(input: ChargeInput): Charges {
  const { currency: cur } = input;
  const byClient = new Map(input.clients.map((c) => [c.participantId, [] as ChargeLine[]]));
  const cancelled = new Map(input.cancelled.map((c) => [c.participantId, [] as ChargeLine[]]));
  const primary = primaryOf(input.services);
  const n = input.clients.length;
  const ids = input.clients.map((c) => c.participantId);
  const push = (id: string, line: ChargeLine) => byClient.get(id)?.push(line);

  // Services: each split by portions with the largest remainder rule.
  for (const s of input.services) {
    const portions = input.clients.map((c) => ({
      participantId: c.participantId,
      basisPoints: s === primary ? c.basisPoints : null,
    }));
    const { weights, denominator } = portionWeights(portions, s.ratio);
    const shares = largestRemainder(s.totalMinor, weights, denominator);
    for (const [i, c] of input.clients.entries()) {
      const edited = portions[i]!.basisPoints;
      const bp = edited ?? defaultBasisPoints(s.ratio);
      const share = edited === null ? `1/${s.ratio} (1:${s.ratio} ratio)` : `${percent(edited)} (edited)`;
      push(c.participantId, {
        kind: 'service',
        serviceId: s.serviceId,
        staffParticipantId: null,
        description: s.name,
        quantity: s.minutes,
        unit: 'minutes',
        rateMinor: s.hourlyRateMinor,
        portionBasisPoints: bp,
        amountMinor: shares[i]!,
        explanation: `${share} of ${s.name}: ${money(s.totalMinor, cur)} for ${s.basis} = ${money(shares[i]!, cur)}`,
      });
    }
  }
  // Cancelled clients charged: their portion of the primary service, on its own.
  if (primary)
    for (const c of input.cancelled) {
      if (c.chargeBasisPoints === null) continue;
      const amount = divideHalfUp(primary.totalMinor * c.chargeBasisPoints, 10_000);
      cancelled.get(c.participantId)!.push({
        kind: 'cancellation',
        serviceId: primary.serviceId,
        staffParticipantId: null,
        description: `Cancellation: ${primary.name}`,
        quantity: primary.minutes,
        unit: 'minutes',
        rateMinor: primary.hourlyRateMinor,
        portionBasisPoints: c.chargeBasisPoints,
        amountMinor: amount,
        explanation: `${c.name} cancelled; charged ${percent(c.chargeBasisPoints)} of ${primary.name} (${money(primary.totalMinor, cur)}) = ${money(amount, cur)}`,
      });
    }

  // Travel: per worker, per leg, split evenly between the attending clients; minutes capped per client.
  const cap = TRAVEL_CAP_MINUTES[input.travelArea];
  if (primary?.travelAllowed && n > 0)
    for (const w of input.travel)
      for (const leg of w.legs) {
        const label = `Travel ${leg.leg === 'between' ? 'between appointments' : leg.leg === 'to' ? 'to the session' : 'from the session'} (${w.name})`;
        if (leg.minutes > 0) {
          // Each client's share is minutes / n, capped: in total min(minutes, cap × n).
          const billable = cap === null ? leg.minutes : Math.min(leg.minutes, cap * n);
          const total = proRata(billable, primary.hourlyRateMinor);
          const shares = largestRemainder(
            total,
            ids.map(() => 1),
            n,
          );
          const capped =
            billable < leg.minutes ? `, capped at ${cap} min per client (${input.travelArea})` : '';
          for (const [i, id] of ids.entries())
            push(id, {
              kind: 'travel',
              serviceId: primary.serviceId,
              staffParticipantId: w.participantId,
              description: label,
              quantity: fixed2(billable / n),
              unit: 'minutes',
              rateMinor: primary.hourlyRateMinor,
              portionBasisPoints: null,
              amountMinor: shares[i]!,
              explanation: `${duration(leg.minutes)} shared by ${n} client${n > 1 ? 's' : ''}${capped}, at ${primary.name}'s rate ${money(primary.hourlyRateMinor, cur)}/h = ${money(shares[i]!, cur)}`,
            });
        }
        if (leg.km > 0) {
          const total = distanceCharge(hundredths(leg.km), KM_RATE_MINOR.standard);
          const shares = largestRemainder(
            total,
            ids.map(() => 1),
            n,
          );
          for (const [i, id] of ids.entries())
            push(id, {
              kind: 'travel',
              serviceId: null,
              staffParticipantId: w.participantId,
              description: `${label}: distance`,
              quantity: fixed2(leg.km / n),
              unit: 'km',
              rateMinor: KM_RATE_MINOR.standard,
              portionBasisPoints: null,
              amountMinor: shares[i]!,
              explanation: `${leg.km} km (${leg.vehicle} vehicle) at ${money(KM_RATE_MINOR.standard, cur)}/km shared by ${n} = ${money(shares[i]!, cur)}`,
            });
        }
        expenseLines(
          leg.tollsMinor + leg.parkingMinor,
          ids,
          w.participantId,
          `${label}: tolls and parking`,
          cur,
          push,
        );
      }

  // Activity-based transport: the clients carried share its distance, time and expenses.
  for (const t of input.transport) {
    const carried = t.clientParticipantIds.filter((id) => byClient.has(id));
    const m = carried.length;
    if (m === 0) continue;
    const label = `${TRANSPORT_LABEL} (${t.workerName}, ${t.vehicleType} vehicle)`;
    const rate = KM_RATE_MINOR[t.vehicleType];
    if (t.km > 0) {
      const total = distanceCharge(hundredths(t.km), rate);
      const shares = largestRemainder(
        total,
        carried.map(() => 1),
        m,
      );
      for (const [i, id] of carried.entries())
        push(id, {
          kind: 'transport',
          serviceId: null,
          staffParticipantId: t.workerParticipantId,
          description: `${label}: distance`,
          quantity: fixed2(t.km / m),
          unit: 'km',
          rateMinor: rate,
          portionBasisPoints: null,
          amountMinor: shares[i]!,
          explanation: `${t.km} km at ${money(rate, cur)}/km (${t.vehicleType}) shared by ${m} client${m > 1 ? 's' : ''} carried = ${money(shares[i]!, cur)}`,
        });
    }
    if (t.minutes > 0 && primary) {
      const total = proRata(t.minutes, primary.hourlyRateMinor);
      const shares = largestRemainder(
        total,
        carried.map(() => 1),
        m,
      );
      for (const [i, id] of carried.entries())
        push(id, {
          kind: 'transport',
          serviceId: primary.serviceId,
          staffParticipantId: t.workerParticipantId,
          description: `${label}: time`,
          quantity: fixed2(t.minutes / m),
          unit: 'minutes',
          rateMinor: primary.hourlyRateMinor,
          portionBasisPoints: null,
          amountMinor: shares[i]!,
          explanation: `${duration(t.minutes)} of transport at ${primary.name}'s rate ${money(primary.hourlyRateMinor, cur)}/h shared by ${m} = ${money(shares[i]!, cur)}`,
        });
    }
    expenseLines(
      t.tollsMinor + t.parkingMinor,
      carried,
      t.workerParticipantId,
      `${label}: tolls and parking`,
      cur,
      push,
    );
  }
  return { byClient, cancelled, primary };
}

function expenseLines(
  amount: number,
  ids: readonly string[],
  staffParticipantId: string,
  description: string,
  cur: Currency,
  push: (id: string, line: ChargeLine) => void,
) {
  if (amount <= 0 || ids.length === 0) return;
  const shares = largestRemainder(
    amount,
    ids.map(() => 1),
    ids.length,
  );
  for (const [i, id] of ids.entries())
    push(id, {
      kind: 'expense',
      serviceId: null,
      staffParticipantId,
      description,
      quantity: shares[i]! / 100,
      unit: 'dollars',
      rateMinor: null,
      portionBasisPoints: null,
      amountMinor: shares[i]!,
      explanation: `${money(amount, cur)} at cost shared by ${ids.length} = ${money(shares[i]!, cur)}`,
    });
}
