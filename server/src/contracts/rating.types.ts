import type { Temporal } from 'temporal-polyfill';

/** Shapes shared by the rating engine: contract options, their schedules, visits and rated lines. */

export type DayOfWeek = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export type DayKind = 'specialDay' | 'publicHoliday' | 'dayOfWeek' | 'weekday' | 'weekend';

export type NonProRataRate = { minutes: number; amount: number };

/** `from`/`to` are 'HH:MM'; `to` at or before `from` crosses midnight; '24:00' ends at midnight. */
export type UnsociableRange = {
  when: { kind: DayKind; day?: DayOfWeek };
  from: string;
  to: string;
  hourlyRate: number;
  nonProRataRates?: NonProRataRate[];
};

export type CallOutCharge = { name: string; amount: number };

/**
 * A price per night or per 24-hour day (NDIS short-term accommodation) for a stay in a bed, named so a stay's
 * service can refer to it across dated option sets; `supportItem` is the NDIS support item it claims.
 */
export type AccommodationRate = { name: string; unit: 'night' | 'day'; rate: number; supportItem?: string };

export type RoundingMode = 'none' | 'up' | 'down' | 'nearest';
export type Rounding = { mode: RoundingMode; minutes: 5 | 10 | 15 | 30 | 60 };

/** Every option a client contract (type or assignment) can set; money in integer minor units. */
export type ContractOptions = {
  hourlyRate: number;
  nonProRataRates: NonProRataRate[];
  unsociableRanges: UnsociableRange[];
  useFirstRange: boolean;
  callOutCharges: CallOutCharge[];
  billOnActualTimes: boolean;
  rounding: Rounding;
  chargeMileageToClient: boolean;
  enableTravelPayments: boolean;
  useLocalAuthorityReference: boolean;
  terminationRights: string;
  /**
   * NDIS: the support item a visit is claimed under, per time band (weekday daytime … public holiday); the
   * rating engine does not read it (ndis/ checks the rate against the item's price limit).
   */
  ndisSupportItems: Partial<Record<NdisTimeBand, string>>;
  accommodationRates: AccommodationRate[];
};

export type NdisTimeBand =
  | 'weekday_daytime'
  | 'weekday_evening'
  | 'weekday_night'
  | 'saturday'
  | 'sunday'
  | 'public_holiday';

export type OptionName = keyof ContractOptions;

export type CarerContractOptions = ContractOptions & { mileageRate: number };

/** An option absent from `options` is inherited (assignment) or defaulted (type, carer contract). */
export type OptionSet<O> = { effectiveFrom: string; options: Partial<O> };

/** Option sets in ascending `effectiveFrom` order; the first applies from the beginning of time. */
export type Schedule<O> = OptionSet<O>[];

export type Contracts = {
  contractType: Schedule<ContractOptions>;
  assignment: Schedule<ContractOptions>;
  carerContract?: Schedule<CarerContractOptions>;
};

/** Where an effective option value came from. */
export type OptionSource =
  | { from: 'assignment'; setIndex: number; effectiveFrom: string; inheritance: 'overridden' }
  | { from: 'type'; setIndex: number; effectiveFrom: string; inheritance: 'inherited' }
  | { from: 'default'; inheritance: 'inherited' }
  | { from: 'carerContract'; setIndex: number; effectiveFrom: string };

export type Effective<T> = { value: T; source: OptionSource };

export type VisitInput = {
  id: string;
  plannedStart: Temporal.Instant;
  plannedMinutes: number;
  actualStart?: Temporal.Instant;
  actualEnd?: Temporal.Instant;
  /** Distance with at most two decimals. */
  mileage?: number;
};

/**
 * A visit's times as epoch numbers, what the engine computes with: converting a Temporal.Instant costs more
 * than rating (the polyfill divides a BigInt), so callers that have numbers (a query can return them) pass them.
 */
export type EpochVisit = {
  id: string;
  /** Epoch minute of the planned start. */
  plannedStart: number;
  plannedMinutes: number;
  /** Epoch seconds of the actual check-in and check-out, when recorded. */
  actualStart?: number;
  actualEnd?: number;
  mileage?: number;
};

/** The client's calendar: local dates that are public holidays or special days. */
export type RatingCalendar = {
  publicHolidays: ReadonlySet<string>;
  specialDays: ReadonlySet<string>;
};

/** The rule that prices a stretch of time: the contract's base rate or one unsociable range. */
export type RuleRef =
  | { kind: 'default' }
  | {
      kind: 'range';
      rangeIndex: number;
      when: UnsociableRange['when'];
      from: string;
      to: string;
      /** The local date the matched window starts on (the day whose classification matched). */
      windowDate: string;
    };

export type LineKind = 'time' | 'nonProRata' | 'callOut' | 'mileage';

export type LineSource = {
  date: string;
  rule?: RuleRef;
  /** Local wall-clock stretch this line prices, for time and non-pro-rata lines. */
  period?: { from: string; to: string };
  /** The option that supplied the rate or amount, and where it came from. */
  option: { name: OptionName | 'mileageRate'; source: OptionSource };
  /** For mileage: the client contract's chargeMileageToClient setting. */
  via?: { name: OptionName; source: OptionSource };
};

export type RatedLine = {
  kind: LineKind;
  minutes?: number;
  rateMinor?: number;
  amountMinor: number;
  explanation: string;
  source?: LineSource;
};

export type RatedVisit = { id: string; totalMinor: number; lines: RatedLine[] };
