import type { Temporal } from 'temporal-polyfill';
import { covers } from '../contracts/contract-view.js';
import { effectiveOption } from '../contracts/option-sets.js';
import { type RatingContext, rateVisit } from '../contracts/rating.js';
import type {
  CarerContractOptions,
  ContractOptions,
  OptionSet,
  RatedVisit,
  RatingCalendar,
  VisitInput,
} from '../contracts/rating.types.js';
import { DomainError, type FieldIssue } from '../shared/domain-error.js';
import { epochMinuteOf } from '../shared/time/civil-date.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';

/** How a booking meets the rating engine: its contract, the client's calendar and zone, the visit. */

export type BillableContract = {
  id: string;
  name: string;
  contractTypeId: string;
  typeName: string;
  typeOptionSets: OptionSet<ContractOptions>[];
  optionSets: OptionSet<ContractOptions>[];
  startDate: string;
  endDate: string | null;
  isDefault: boolean;
};

export type BillableBooking = {
  id: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  contractId: string | null;
  actualStart: Temporal.Instant | null;
  actualEnd: Temporal.Instant | null;
  /** numeric(8,2) as text, e.g. '12.30'. */
  mileage: string | null;
};

export type ContractChoice = { contract: BillableContract; chosen: 'booking' | 'default' | 'in_force' };

/** The local date of a visit in the client's zone (option sets and calendars are chosen by it). */
export function visitDate(clock: ZoneClock, startsAt: Temporal.Instant): string {
  return clock.localDateOf(epochMinuteOf(startsAt));
}

const runs = (c: BillableContract) => `${c.startDate} to ${c.endDate ?? 'open-ended'}`;

/**
 * The contract a visit on `date` is priced by: the one named on the booking (or its series), which must
 * cover the date; else the client's default contract when it covers the date; else the client's contract in
 * force then (the latest to start, if several are). A visit outside a contract's dates is never priced by
 * it: with none in force the reason says so, and the run lists the visit as a problem.
 */
export function chooseContract(
  contracts: readonly BillableContract[],
  contractId: string | null,
  date: string,
): ContractChoice | { reason: string } {
  if (contractId !== null) {
    const own = contracts.find((c) => c.id === contractId);
    if (!own) return { reason: 'is not a contract of this client' };
    if (!covers(own, date))
      return {
        reason: `names client contract "${own.name}" (${runs(own)}), which does not cover the visit's date ${date}`,
      };
    return { contract: own, chosen: 'booking' };
  }
  const fallback = contracts.find((c) => c.isDefault);
  if (fallback && covers(fallback, date)) return { contract: fallback, chosen: 'default' };
  const inForce = contracts
    .filter((c) => covers(c, date))
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))[0];
  if (inForce) return { contract: inForce, chosen: 'in_force' };
  if (!fallback)
    return {
      reason:
        contracts.length === 0
          ? 'is required: the client has no default contract'
          : `is required: no client contract is in force on ${date}`,
    };
  return {
    reason: `is required: no client contract is in force on ${date} (the default "${fallback.name}" runs ${runs(fallback)})`,
  };
}

export function calendarOf(days: readonly { date: string; kind: string }[]): RatingCalendar {
  return {
    publicHolidays: new Set(days.filter((d) => d.kind === 'public_holiday').map((d) => d.date)),
    specialDays: new Set(days.filter((d) => d.kind === 'special_day').map((d) => d.date)),
  };
}

export function ratingContext(
  clock: ZoneClock,
  calendar: RatingCalendar,
  contract: BillableContract,
  carer: OptionSet<CarerContractOptions>[] | undefined,
): RatingContext {
  return {
    clock,
    calendar,
    contracts: {
      contractType: contract.typeOptionSets,
      assignment: contract.optionSets,
      carerContract: carer,
    },
  };
}

export function visitOf(b: BillableBooking): VisitInput {
  return {
    id: b.id,
    plannedStart: b.startsAt,
    plannedMinutes: Math.round(b.startsAt.until(b.endsAt).total('minutes')),
    actualStart: b.actualStart ?? undefined,
    actualEnd: b.actualEnd ?? undefined,
    mileage: b.mileage === null ? undefined : Number(b.mileage),
  };
}

/** Whether the contract asks for the local-authority reference instead of the name on `date`. */
export function usesLocalAuthorityReference(contract: BillableContract, date: string): boolean {
  return (
    effectiveOption(
      { contractType: contract.typeOptionSets, assignment: contract.optionSets },
      'useLocalAuthorityReference',
      date,
    )?.value === true
  );
}

export type BookingRating =
  | {
      ok: true;
      date: string;
      choice: ContractChoice;
      rated: RatedVisit;
      usesLocalAuthorityReference: boolean;
    }
  | { ok: false; date: string; issues: FieldIssue[] };

/**
 * Rates one booking with the engine: its contract (own or the default at its date), the client's calendar
 * and the assignee's carer contract (for mileage). `at` prefixes the visit's error fields.
 */
export function rateBooking(
  clock: ZoneClock,
  calendar: RatingCalendar,
  contracts: readonly BillableContract[],
  carers: ReadonlyMap<string, OptionSet<CarerContractOptions>[]>,
  booking: BillableBooking & { staffId: string | null },
  at: string,
): BookingRating {
  const date = visitDate(clock, booking.startsAt);
  const choice = chooseContract(contracts, booking.contractId, date);
  if ('reason' in choice)
    return { ok: false, date, issues: [{ field: 'contractId', reason: choice.reason }] };
  const carer = booking.staffId === null ? undefined : carers.get(booking.staffId);
  try {
    const rated = rateVisit(ratingContext(clock, calendar, choice.contract, carer), visitOf(booking), at);
    return {
      ok: true,
      date,
      choice,
      rated,
      usesLocalAuthorityReference: usesLocalAuthorityReference(choice.contract, date),
    };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, date, issues: error.issues };
    throw error;
  }
}
