import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { findCarerContracts, findClientBilling } from '../contracts/contract.store.js';
import { createZoneClock } from '../contracts/zone-clock.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import {
  type BookingBillingRecord,
  listBillableBookings,
  listBillableContracts,
  regionCalendar,
} from './billing.store.js';
import type { InvoiceRunInput, InvoiceRunView, RunProblem } from './invoice.schemas.js';
import {
  claimBookings,
  deleteDraft,
  findRun,
  finishRun,
  type InvoiceLineRecord,
  insertInvoice,
  insertLines,
  insertRun,
  setDraftTotal,
} from './invoice.store.js';
import { MISSING_REFERENCE, recipientOf } from './invoice-view.js';
import { type BookingRating, calendarOf, rateBooking } from './visit-rating.js';

const MAX_PERIOD_DAYS = 366;

export async function invoiceRun(tx: Tx, actor: Actor, id: string): Promise<InvoiceRunView> {
  const run = await findRun(tx, actor.organisationId, id);
  if (!run) throw notFound('Invoice run');
  return { ...run, createdAt: run.createdAt.toString() };
}

/**
 * Rates every completed, not yet invoiced booking in the period (by local date in the client's zone) and
 * creates one draft invoice per client. Synchronous, in the request's transaction: bookings are claimed in
 * `invoiced_bookings`, so a concurrent or overlapping run waits for this one and then skips what it took.
 * Bookings that cannot be rated are reported in `problems` and left for a later run.
 */
export async function runInvoices(tx: Tx, actor: Actor, input: InvoiceRunInput): Promise<InvoiceRunView> {
  const days = createZoneClock('UTC');
  if (days.addDays(input.periodFrom, MAX_PERIOD_DAYS) <= input.periodTo)
    throw invalid('periodTo', `must be within ${MAX_PERIOD_DAYS} days of periodFrom`);
  if (input.clientId !== undefined && !(await findClientBilling(tx, actor.organisationId, input.clientId)))
    throw invalid('clientId', 'is not a client of this organisation');
  const org = actor.organisationId;
  const runId = await insertRun(tx, org, {
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    clientId: input.clientId ?? null,
    userId: actor.userId,
  });
  const bookings = await listBillableBookings(tx, org, input);
  const byClient = new Map<string, BookingBillingRecord[]>();
  for (const b of bookings) byClient.set(b.clientId, [...(byClient.get(b.clientId) ?? []), b]);

  const problems: RunProblem[] = [];
  let invoiceCount = 0;
  let bookingCount = 0;
  for (const [clientId, clientBookings] of byClient) {
    const client = (await findClientBilling(tx, org, clientId))!;
    const clock = createZoneClock(client.timeZone);
    const contracts = await listBillableContracts(tx, org, clientId);
    const calendar = calendarOf(await regionCalendar(tx, org, client.region));
    const staffIds = [...new Set(clientBookings.flatMap((b) => (b.staffId ? [b.staffId] : [])))];
    const carers = await findCarerContracts(tx, org, staffIds);

    const rated: { booking: BookingBillingRecord; rating: Extract<BookingRating, { ok: true }> }[] = [];
    for (const booking of clientBookings) {
      const rating = rateBooking(clock, calendar, contracts, carers, booking, 'booking');
      if (rating.ok) rated.push({ booking, rating });
      else problems.push({ bookingId: booking.id, clientId, errors: rating.issues });
    }
    if (rated.length === 0) continue;

    const usesReference = rated.some((r) => r.rating.usesLocalAuthorityReference);
    const invoiceId = await insertInvoice(tx, org, {
      clientId,
      runId,
      kind: 'invoice',
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      recipient: recipientOf(client, usesReference) ?? MISSING_REFERENCE,
      usesLocalAuthorityReference: usesReference,
      creditForId: null,
      userId: actor.userId,
    });
    const claimed = await claimBookings(
      tx,
      org,
      invoiceId,
      rated.map((r) => r.booking.id),
    );
    const lines: InvoiceLineRecord[] = [];
    const inOrder = rated
      .filter((r) => claimed.has(r.booking.id))
      .sort(
        (a, b) =>
          a.booking.startsAt.epochMilliseconds - b.booking.startsAt.epochMilliseconds ||
          (a.booking.id < b.booking.id ? -1 : 1),
      );
    for (const { booking, rating } of inOrder)
      for (const line of rating.rated.lines)
        lines.push({
          position: lines.length,
          bookingId: booking.id,
          visitDate: rating.date,
          kind: line.kind,
          minutes: line.minutes ?? null,
          rateMinor: line.rateMinor ?? null,
          amountMinor: line.amountMinor,
          explanation: line.explanation,
        });
    if (inOrder.length === 0) {
      await deleteDraft(tx, org, invoiceId);
      continue;
    }
    await insertLines(tx, org, invoiceId, lines);
    await setDraftTotal(
      tx,
      org,
      invoiceId,
      lines.reduce((sum, l) => sum + l.amountMinor, 0),
    );
    invoiceCount += 1;
    bookingCount += inOrder.length;
  }
  await finishRun(tx, org, runId, { invoiceCount, bookingCount, problems });
  const after = await invoiceRun(tx, actor, runId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'invoice_run',
    entityId: runId,
    after: { ...after, problems: after.problems.length },
  });
  return after;
}
