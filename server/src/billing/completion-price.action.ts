import { Temporal } from 'temporal-polyfill';
import type { CompleteVisitInput } from '../bookings/booking.schemas.js';
import type { CompletionPreviewView } from '../contracts/contract.schemas.js';
import { findCarerContracts, findClientBilling } from '../contracts/contract.store.js';
import { effectiveOption } from '../contracts/option-sets.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { findBookingBilling, listBillableContracts, regionCalendar } from './billing.store.js';
import { calendarOf, rateBooking } from './visit-rating.js';

/**
 * What completing (or correcting) a visit with these actual times and mileage will bill, rated by the same
 * engine as the invoice run: the completion dialog shows it beside the planned times, and never computes a
 * price itself. A visit that cannot be rated gives its problems instead of a price.
 */
export async function previewCompletionPrice(
  tx: Tx,
  actor: Actor,
  id: string,
  input: CompleteVisitInput,
): Promise<CompletionPreviewView> {
  const booking = await findBookingBilling(tx, actor.organisationId, id);
  if (!booking) throw notFound('Booking');
  const client = (await findClientBilling(tx, actor.organisationId, booking.clientId))!;
  const clock = createZoneClock(client.timeZone);
  const contracts = await listBillableContracts(tx, actor.organisationId, booking.clientId);
  const calendar = calendarOf(await regionCalendar(tx, actor.organisationId, client.region));
  const carers = await findCarerContracts(tx, actor.organisationId, booking.staffId ? [booking.staffId] : []);
  const completed = {
    ...booking,
    actualStart: input.actualStart ? Temporal.Instant.from(input.actualStart) : booking.startsAt,
    actualEnd: input.actualEnd ? Temporal.Instant.from(input.actualEnd) : booking.endsAt,
    mileage:
      input.mileage === undefined
        ? booking.mileage
        : input.mileage === null
          ? null
          : input.mileage.toFixed(2),
  };
  const rating = rateBooking(clock, calendar, contracts, carers, completed, 'completion');
  if (!rating.ok) return { bookingId: id, price: null, billOnActualTimes: null, problems: rating.issues };
  const { contract, chosen } = rating.choice;
  const billOnActualTimes =
    effectiveOption(
      { contractType: contract.typeOptionSets, assignment: contract.optionSets },
      'billOnActualTimes',
      rating.date,
    )?.value === true;
  return {
    bookingId: id,
    billOnActualTimes,
    problems: [],
    price: {
      bookingId: id,
      visitDate: rating.date,
      timeZone: client.timeZone,
      contract: {
        id: contract.id,
        name: contract.name,
        chosen,
        contractType: { id: contract.contractTypeId, name: contract.typeName },
      },
      totalMinor: rating.rated.totalMinor,
      lines: rating.rated.lines,
    },
  };
}
