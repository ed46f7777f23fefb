import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { recordDelivery } from '../bookings/booking-write.store.js';
import type {
  BookingBillingInput,
  BookingBillingView,
  BookingPriceView,
} from '../contracts/contract.schemas.js';
import { findCarerContracts, findClientBilling } from '../contracts/contract.store.js';
import { describeSource, effectiveOption } from '../contracts/option-sets.js';
import { MAX_VISIT_MINUTES } from '../contracts/rating.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, DomainError, type FieldIssue, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import {
  type BookingBillingRecord,
  findBookingBilling,
  listBillableContracts,
  regionCalendar,
} from './billing.store.js';
import { supportItemCheck } from './support-item-check.action.js';
import { type BillableContract, calendarOf, chooseContract, rateBooking, visitDate } from './visit-rating.js';

function toView(b: BookingBillingRecord): BookingBillingView {
  return {
    bookingId: b.id,
    contractId: b.contractId,
    actualStart: b.actualStart?.toString() ?? null,
    actualEnd: b.actualEnd?.toString() ?? null,
    mileage: b.mileage === null ? null : Number(b.mileage),
    invoiceId: b.invoiceId,
  };
}

export async function bookingBilling(tx: Tx, actor: Actor, id: string): Promise<BookingBillingView> {
  const booking = await findBookingBilling(tx, actor.organisationId, id);
  if (!booking) throw notFound('Booking');
  return toView(booking);
}

/**
 * Records what a booking is billed under and what happened at the visit. Absent fields stay as they are,
 * null clears. Mileage is refused when the contract in force disables travel payments for the visit's date.
 */
export async function setBookingBilling(
  tx: Tx,
  actor: Actor,
  id: string,
  input: BookingBillingInput,
): Promise<BookingBillingView> {
  const current = await findBookingBilling(tx, actor.organisationId, id, true);
  if (!current) throw notFound('Booking');
  if (current.invoiceId !== null)
    throw conflict('This booking is on an invoice; void the invoice before changing its billing', {
      invoiceId: current.invoiceId,
    });
  const pick = <K extends 'contractId' | 'actualStart' | 'actualEnd'>(
    key: K,
    fallback: BookingBillingRecord[K],
  ) => (input[key] === undefined ? fallback : input[key]);
  const contractId = pick('contractId', current.contractId) as string | null;
  const startText = input.actualStart;
  const endText = input.actualEnd;
  const actualStart =
    startText === undefined
      ? current.actualStart
      : startText === null
        ? null
        : Temporal.Instant.from(startText);
  const actualEnd =
    endText === undefined ? current.actualEnd : endText === null ? null : Temporal.Instant.from(endText);
  const mileage =
    input.mileage === undefined ? (current.mileage === null ? null : Number(current.mileage)) : input.mileage;

  const issues: FieldIssue[] = [];
  if ((actualStart === null) !== (actualEnd === null))
    issues.push({
      field: actualStart === null ? 'actualStart' : 'actualEnd',
      reason: 'is required when the other actual time is given',
    });
  if (actualStart && actualEnd) {
    const minutes = actualStart.until(actualEnd).total('minutes');
    if (minutes < 0) issues.push({ field: 'actualEnd', reason: 'must not be before actualStart' });
    else if (minutes > MAX_VISIT_MINUTES)
      issues.push({
        field: 'actualEnd',
        reason: `must be within ${MAX_VISIT_MINUTES} minutes of actualStart`,
      });
  }

  const client = (await findClientBilling(tx, actor.organisationId, current.clientId))!;
  const clock = createZoneClock(client.timeZone);
  const date = visitDate(clock, current.startsAt);
  const contracts = await listBillableContracts(tx, actor.organisationId, current.clientId);
  const choice = chooseContract(contracts, contractId, date);
  if (contractId !== null && 'reason' in choice) issues.push({ field: 'contractId', reason: choice.reason });
  if (mileage !== null && mileage > 0) {
    if ('reason' in choice) {
      if (contractId === null) issues.push({ field: 'contractId', reason: choice.reason });
    } else {
      const travel = effectiveOption(
        { contractType: choice.contract.typeOptionSets, assignment: choice.contract.optionSets },
        'enableTravelPayments',
        date,
      )!;
      if (!travel.value)
        issues.push({
          field: 'mileage',
          reason: `cannot be recorded: travel payments are disabled on ${date} by contract "${choice.contract.name}" (enableTravelPayments: ${describeSource(travel.source)})`,
        });
    }
  }
  if (issues.length > 0) throw new DomainError('invalid', 'The billing details are not valid', issues);

  await recordDelivery(tx, actor.organisationId, id, current.clientId, {
    contractId,
    actualStart,
    actualEnd,
    mileage,
  });
  const after = toView((await findBookingBilling(tx, actor.organisationId, id))!);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'booking',
    entityId: id,
    before: toView(current),
    after,
  });
  return after;
}

/** "Why this price": the engine's rated lines for the booking, each with its explanation and source. */
export async function priceBooking(tx: Tx, actor: Actor, id: string): Promise<BookingPriceView> {
  const booking = await findBookingBilling(tx, actor.organisationId, id);
  if (!booking) throw notFound('Booking');
  const client = (await findClientBilling(tx, actor.organisationId, booking.clientId))!;
  const clock = createZoneClock(client.timeZone);
  const contracts = await listBillableContracts(tx, actor.organisationId, booking.clientId);
  const calendar = calendarOf(await regionCalendar(tx, actor.organisationId, client.region));
  const carers = await findCarerContracts(tx, actor.organisationId, booking.staffId ? [booking.staffId] : []);
  const rating = rateBooking(clock, calendar, contracts, carers, booking, 'booking');
  if (!rating.ok) throw new DomainError('invalid', 'The booking cannot be priced', rating.issues);
  const { contract, chosen } = rating.choice;
  const billed = actualTimesBilled(booking, contract, rating.date);
  const supportItem = await supportItemCheck(tx, actor.organisationId, {
    clientId: booking.clientId,
    contract,
    date: rating.date,
    ...billed,
    timeZone: client.timeZone,
    publicHolidays: calendar.publicHolidays,
    rated: rating.rated,
  });
  return {
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
    supportItem,
  };
}

/** The times a visit is billed on: its actual times when recorded and its contract bills them, else planned. */
function actualTimesBilled(booking: BookingBillingRecord, contract: BillableContract, date: string) {
  const actual = effectiveOption(
    { contractType: contract.typeOptionSets, assignment: contract.optionSets },
    'billOnActualTimes',
    date,
  )?.value;
  return actual && booking.actualStart && booking.actualEnd
    ? { startsAt: booking.actualStart, endsAt: booking.actualEnd }
    : { startsAt: booking.startsAt, endsAt: booking.endsAt };
}
