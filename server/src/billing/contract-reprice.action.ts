import type { ContractInput, RepricePreviewView } from '../contracts/contract.schemas.js';
import {
  findCarerContracts,
  findClientBilling,
  findContract,
  findContractType,
} from '../contracts/contract.store.js';
import type { ContractOptions, OptionSet } from '../contracts/rating.types.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import { listBillableBookings, listBillableContracts, regionCalendar } from './billing.store.js';
import { type BillableContract, calendarOf, rateBooking } from './visit-rating.js';

/**
 * What saving a client contract change would do to delivered visits not yet invoiced: each visit the
 * contract prices (before or after) whose total changes, with the old and new totals, rated by the engine
 * as the invoice run will. The contract screen shows this and asks to confirm before saving.
 */
export async function previewContractReprice(
  tx: Tx,
  actor: Actor,
  contractId: string,
  input: ContractInput,
): Promise<RepricePreviewView> {
  const current = await findContract(tx, actor.organisationId, contractId);
  if (!current) throw notFound('Contract');
  const type = await findContractType(tx, actor.organisationId, input.contractTypeId);
  if (!type) throw invalid('contractTypeId', 'is not a contract type of this organisation');
  const client = (await findClientBilling(tx, actor.organisationId, current.clientId))!;
  const clock = createZoneClock(client.timeZone);
  const calendar = calendarOf(await regionCalendar(tx, actor.organisationId, client.region));
  const before = await listBillableContracts(tx, actor.organisationId, current.clientId);
  const after: BillableContract[] = before.map((c) =>
    c.id === contractId
      ? {
          ...c,
          name: input.name,
          contractTypeId: type.id,
          typeName: type.name,
          typeOptionSets: type.optionSets as OptionSet<ContractOptions>[],
          optionSets: input.optionSets as OptionSet<ContractOptions>[],
          startDate: input.startDate,
          endDate: input.endDate,
        }
      : c,
  );
  const bookings = await listBillableBookings(tx, actor.organisationId, {
    periodFrom: '1900-01-01',
    periodTo: '2200-12-31',
    clientIds: [current.clientId],
  });
  const staffIds = [...new Set(bookings.map((b) => b.staffId).filter((s): s is string => s !== null))];
  const carers = await findCarerContracts(tx, actor.organisationId, staffIds);
  const visits: RepricePreviewView['visits'] = [];
  for (const booking of bookings) {
    const old = rateBooking(clock, calendar, before, carers, booking, 'booking');
    const next = rateBooking(clock, calendar, after, carers, booking, 'booking');
    const touches =
      (old.ok && old.choice.contract.id === contractId) ||
      (next.ok && next.choice.contract.id === contractId);
    const oldTotal = old.ok ? old.rated.totalMinor : null;
    const newTotal = next.ok ? next.rated.totalMinor : null;
    if (!touches || oldTotal === newTotal) continue;
    visits.push({
      bookingId: booking.id,
      visitDate: old.date,
      oldTotalMinor: oldTotal,
      newTotalMinor: newTotal,
      problem: next.ok ? null : next.issues.map((i) => i.reason).join('; '),
    });
  }
  visits.sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0));
  const sum = (key: 'oldTotalMinor' | 'newTotalMinor') => visits.reduce((n, v) => n + (v[key] ?? 0), 0);
  return {
    contractId,
    visits,
    oldTotalMinor: sum('oldTotalMinor'),
    newTotalMinor: sum('newTotalMinor'),
  };
}
