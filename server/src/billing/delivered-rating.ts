import type { DeliveredRecord } from '../bookings/session.types.js';
import type { RatedLine } from '../contracts/rating.types.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';
import {
  type BillableBooking,
  type BillableContract,
  type BookingRating,
  chooseContract,
  usesLocalAuthorityReference,
  visitDate,
} from './visit-rating.js';

/**
 * A completed session's delivered records as an invoice's rated lines: the client is billed what completion
 * priced and explained (their portion of each service, travel, transport, expenses, a charged cancellation),
 * not a re-rating of the session. Invoice lines keep four kinds, so a service, travel or transport time is a
 * time line, a distance a mileage line, an expense at cost a flat (call-out) line; the explanation and
 * `source.delivered` say which it is.
 */
export function deliveredRating(
  clock: ZoneClock,
  contracts: readonly BillableContract[],
  booking: BillableBooking,
  records: readonly DeliveredRecord[],
): BookingRating {
  const date = visitDate(clock, booking.startsAt);
  const choice = chooseContract(contracts, booking.contractId, date);
  if ('reason' in choice)
    return { ok: false, date, issues: [{ field: 'contractId', reason: choice.reason }] };
  const lines = records.map(
    (r): RatedLine => ({
      kind: r.unit === 'km' ? 'mileage' : r.unit === 'dollars' ? 'callOut' : 'time',
      ...(r.unit === 'minutes' ? { minutes: Math.round(r.quantity) } : {}),
      ...(r.rateMinor !== null ? { rateMinor: r.rateMinor } : {}),
      amountMinor: r.amountMinor,
      explanation: `${r.description}: ${r.explanation}`,
      source: { delivered: { id: r.id, kind: r.kind, portionBasisPoints: r.portionBasisPoints } } as never,
    }),
  );
  return {
    ok: true,
    date,
    choice,
    rated: { id: booking.id, totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0), lines },
    usesLocalAuthorityReference: usesLocalAuthorityReference(choice.contract, date),
  };
}
