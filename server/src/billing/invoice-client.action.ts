import type { BillableStayService } from '../accommodation/stay-billing.store.js';
import { deliveredFor } from '../bookings/session-parts.store.js';
import {
  type ClientBillingRecord,
  findCarerContracts,
  findClientsBilling,
} from '../contracts/contract.store.js';
import type { Contracts, RatingCalendar } from '../contracts/rating.types.js';
import type { Tx } from '../platform/db/database.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { type BookingBillingRecord, listBillableContractsOf, regionCalendar } from './billing.store.js';
import { billingSettingsOf } from './billing-settings.action.js';
import type { BillingSettings } from './billing-settings.js';
import { deliveredRating } from './delivered-rating.js';
import type { RunProblem } from './invoice.schemas.js';
import {
  claimBookings,
  deleteDraft,
  type InvoiceLineRecord,
  insertInvoice,
  insertLines,
  setDraftTotal,
} from './invoice.store.js';
import { bookingNames, findContractBilling } from './invoice-parties.store.js';
import type { InvoiceRunRecord } from './invoice-run.store.js';
import { lineTax } from './invoice-tax.js';
import { MISSING_REFERENCE, recipientOf } from './invoice-view.js';
import { claimedStayNights, claimStayNights, nightKey } from './stay-claims.store.js';
import { nightsInPeriod, stayLines } from './stay-lines.js';
import { type BookingRating, calendarOf, rateBooking } from './visit-rating.js';

/**
 * One client's draft invoice in an invoice run (invoice-run.action.ts drives the batches), and the facts a
 * batch of clients needs read once for all of them: the clients, their contracts, carers' contracts,
 * delivered records and booking names in one query each, region calendars, billing settings and contracts'
 * tax terms once per batch. Reading them per client was most of the run's round trips to the database.
 */

export type BatchFacts = {
  clients: Map<string, ClientBillingRecord>;
  contracts: Awaited<ReturnType<typeof listBillableContractsOf>>;
  carers: Awaited<ReturnType<typeof findCarerContracts>>;
  delivered: Awaited<ReturnType<typeof deliveredFor>>;
  names: Map<string, string>;
  calendar: (region: string | null) => Promise<RatingCalendar>;
  settings: () => Promise<BillingSettings>;
  taxFreeReason: (contractId: string) => Promise<string | null>;
};

/** Memoises `fn` by its key for the life of one batch. */
function memo<K, V>(fn: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const seen = new Map<K, Promise<V>>();
  return (key) => {
    let value = seen.get(key);
    if (!value) {
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

function once<V>(fn: () => Promise<V>): () => Promise<V> {
  let value: Promise<V> | undefined;
  return () => {
    value ??= fn();
    return value;
  };
}

export async function loadBatchFacts(
  tx: Tx,
  org: string,
  clientIds: readonly string[],
  bookings: readonly BookingBillingRecord[],
): Promise<BatchFacts> {
  const staffIds = [...new Set(bookings.flatMap((b) => (b.staffId ? [b.staffId] : [])))];
  return {
    clients: await findClientsBilling(tx, org, clientIds),
    contracts: await listBillableContractsOf(tx, org, clientIds),
    carers: await findCarerContracts(tx, org, staffIds),
    delivered: await deliveredFor(
      tx,
      org,
      bookings.map((b) => b.participantId),
    ),
    names: await bookingNames(
      tx,
      org,
      bookings.map((b) => b.id),
    ),
    calendar: memo(async (region) => calendarOf(await regionCalendar(tx, org, region))),
    settings: once(async () => (await billingSettingsOf(tx, org)).settings),
    taxFreeReason: memo(
      async (id: string) => (await findContractBilling(tx, org, id))?.taxFreeReason ?? null,
    ),
  };
}

/** The contract the client's earliest visit in the run was charged on: its terms and payer apply. */
function inOrderContract(
  rated: { booking: BookingBillingRecord; rating: { choice: { contract: { id: string } } } }[],
) {
  const first = [...rated].sort(
    (a, b) => a.booking.startsAt.epochMilliseconds - b.booking.startsAt.epochMilliseconds,
  )[0];
  return first?.rating.choice.contract.id ?? null;
}

export type ClientOutcome = {
  invoiceId: string | null;
  visitsRated: number;
  bookingCount: number;
  problems: RunProblem[];
};

/**
 * Rates one client's billable bookings and creates its draft invoice. Bookings are claimed in
 * `invoiced_bookings`, so a concurrent or overlapping run waits for this transaction and then skips what it
 * took. Bookings that cannot be rated are reported as problems and left for a later run.
 */
export async function invoiceClient(
  tx: Tx,
  run: InvoiceRunRecord,
  organisationId: string,
  clientId: string,
  clientBookings: BookingBillingRecord[],
  clientStays: BillableStayService[],
  facts: BatchFacts,
): Promise<ClientOutcome> {
  const org = organisationId;
  const outcome: ClientOutcome = { invoiceId: null, visitsRated: 0, bookingCount: 0, problems: [] };
  const client = facts.clients.get(clientId);
  if (!client || (clientBookings.length === 0 && clientStays.length === 0)) return outcome;
  const clock = createZoneClock(client.timeZone);
  const contracts = facts.contracts.get(clientId) ?? [];
  const calendar = await facts.calendar(client.region);
  const carers = facts.carers;

  const rated: { booking: BookingBillingRecord; rating: Extract<BookingRating, { ok: true }> }[] = [];
  // A completed session bills its delivered records (the client's portion, travel, transport, expenses).
  const delivered = facts.delivered;
  for (const booking of clientBookings) {
    const records = delivered.get(booking.participantId);
    const rating = records
      ? deliveredRating(clock, contracts, booking, records)
      : rateBooking(clock, calendar, contracts, carers, booking, 'booking');
    if (rating.ok) rated.push({ booking, rating });
    else outcome.problems.push({ bookingId: booking.id, clientId, errors: rating.issues });
  }
  outcome.visitsRated = rated.length;
  const schedulesOf = (s: BillableStayService) => {
    const c = contracts.find((x) => x.id === s.contractId);
    return c ? { contractType: c.typeOptionSets, assignment: c.optionSets } : null;
  };
  const stayNights = await unbilledStayNights(tx, org, run, clientStays, schedulesOf);
  if (rated.length === 0 && stayNights.length === 0) return outcome;

  const usesReference = rated.some((r) => r.rating.usesLocalAuthorityReference);
  const invoiceId = await insertInvoice(tx, org, {
    clientId,
    runId: run.id,
    kind: 'invoice',
    periodFrom: run.periodFrom,
    periodTo: run.periodTo,
    recipient: recipientOf(client, usesReference) ?? MISSING_REFERENCE,
    usesLocalAuthorityReference: usesReference,
    creditForId: null,
    clientContractId: inOrderContract(rated) ?? clientStays[0]?.contractId ?? null,
    userId: run.createdById,
  });
  const claimed = await claimBookings(
    tx,
    org,
    invoiceId,
    rated.map((r) => ({ bookingId: r.booking.id, participantId: r.booking.participantId })),
  );
  const inOrder = rated
    .filter((r) => claimed.has(r.booking.id))
    .sort(
      (a, b) =>
        a.booking.startsAt.epochMilliseconds - b.booking.startsAt.epochMilliseconds ||
        (a.booking.id < b.booking.id ? -1 : 1),
    );
  const stayClaimed = await claimStayNights(tx, org, invoiceId, stayNights);
  if (inOrder.length === 0 && stayClaimed.size === 0) {
    await deleteDraft(tx, org, invoiceId);
    return outcome;
  }
  const settings = await facts.settings();
  const taxFree = new Map<string, string | null>();
  const contractIds = [
    ...inOrder.map((r) => r.rating.choice.contract.id),
    ...clientStays.flatMap((s) => (s.contractId ? [s.contractId] : [])),
  ];
  for (const id of new Set(contractIds)) taxFree.set(id, await facts.taxFreeReason(id));
  const names = facts.names;
  const lines: InvoiceLineRecord[] = [];
  for (const { booking, rating } of inOrder)
    for (const line of rating.rated.lines)
      lines.push({
        ...lineTax(line.amountMinor, settings, taxFree.get(rating.choice.contract.id) ?? null),
        serviceName: names.get(booking.id) ?? null,
        position: lines.length,
        bookingId: booking.id,
        visitDate: rating.date,
        kind: line.kind,
        minutes: line.minutes ?? null,
        rateMinor: line.rateMinor ?? null,
        amountMinor: line.amountMinor,
        explanation: line.explanation,
        source: line.source ?? null,
      });
  // Stay services after the visits: one line per service and run of nights this invoice claimed.
  for (const service of clientStays) {
    const nights = nightsInPeriod(service, run.periodFrom, run.periodTo).filter((n) =>
      stayClaimed.has(nightKey(service.stayServiceId, n)),
    );
    for (const line of stayLines(service, nights, schedulesOf(service)).lines)
      lines.push({
        ...lineTax(
          line.amountMinor,
          settings,
          service.contractId ? (taxFree.get(service.contractId) ?? null) : null,
        ),
        serviceName: service.name,
        position: lines.length,
        bookingId: null,
        visitDate: line.nights[0]!,
        kind: 'stay',
        minutes: null,
        rateMinor: line.rateMinor,
        amountMinor: line.amountMinor,
        explanation: line.explanation,
        source: {
          stayId: service.stayId,
          stayServiceId: service.stayServiceId,
          unit: service.unit,
          units: line.nights.length,
          nights: line.nights,
          supportItem: line.supportItem,
          calculation: line.calculation,
          ...(line.option ? { option: line.option } : {}),
        },
      });
  }
  await insertLines(tx, org, invoiceId, lines);
  const tax = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  await setDraftTotal(tx, org, invoiceId, lines.reduce((sum, l) => sum + l.amountMinor, 0) + tax, tax);
  return { ...outcome, invoiceId, bookingCount: inOrder.length };
}

/**
 * The nights of the client's stay services in the run's period that no live invoice holds yet and that have a
 * price (a night whose option set lacks the service's contract rate waits for a later run).
 */
async function unbilledStayNights(
  tx: Tx,
  org: string,
  run: InvoiceRunRecord,
  stays: BillableStayService[],
  schedulesOf: (s: BillableStayService) => Pick<Contracts, 'contractType' | 'assignment'> | null,
): Promise<{ stayServiceId: string; night: string }[]> {
  const claimed = await claimedStayNights(
    tx,
    org,
    stays.map((s) => s.stayServiceId),
  );
  return stays.flatMap((s) => {
    const open = nightsInPeriod(s, run.periodFrom, run.periodTo).filter(
      (night) => !claimed.has(nightKey(s.stayServiceId, night)),
    );
    return stayLines(s, open, schedulesOf(s)).lines.flatMap((l) =>
      l.nights.map((night) => ({ stayServiceId: s.stayServiceId, night })),
    );
  });
}
