import { Temporal } from 'temporal-polyfill';
import { stayClientIds } from '../accommodation/stay-billing.store.js';
import { updateBillingSettings } from '../billing/billing-settings.action.js';
import { setBookingBilling } from '../billing/booking-billing.action.js';
import { issueInvoice, payInvoice, voidInvoice } from '../billing/invoice.action.js';
import { awaitInvoiceRun, queueInvoiceRun } from '../billing/invoice-run.action.js';
import type { ContractInput, ContractTypeInput } from '../contracts/contract.schemas.js';
import {
  addCalendarDay,
  createContract,
  createContractType,
  saveCarerContract,
  setClientRegion,
} from '../contracts/contracts.action.js';
import type { Actor } from '../identity/actor.js';
import { DEMO_SELF_CARE_FAMILY } from '../ndis/catalogue-demo.js';
import type { ClientView } from '../people/people.schemas.js';
import { type Db, type Tx, withTenant } from '../platform/db/database.js';

/**
 * The billing side of the demo: three contract types with a rate rise on 1 July, a default contract per
 * client (one with a negotiated override), the NSW public holidays, carer contracts with a mileage rate,
 * mileage on some visits, and a handful of invoices in every state. Everything is derived from `today`.
 */

// NSW public holidays (including additional days when one falls on a weekend), 2025–2027.
const NSW_HOLIDAYS: [string, string][] = [
  ['2025-01-01', "New Year's Day"],
  ['2025-01-27', 'Australia Day'],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-19', 'Easter Saturday'],
  ['2025-04-20', 'Easter Sunday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-04-25', 'Anzac Day'],
  ['2025-06-09', "King's Birthday"],
  ['2025-10-06', 'Labour Day'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', "New Year's Day"],
  ['2026-01-26', 'Australia Day'],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-04', 'Easter Saturday'],
  ['2026-04-05', 'Easter Sunday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-04-25', 'Anzac Day'],
  ['2026-06-08', "King's Birthday"],
  ['2026-10-05', 'Labour Day'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', 'Boxing Day'],
  ['2026-12-28', 'Boxing Day (additional day)'],
  ['2027-01-01', "New Year's Day"],
  ['2027-01-26', 'Australia Day'],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-27', 'Easter Saturday'],
  ['2027-03-28', 'Easter Sunday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-04-25', 'Anzac Day'],
  ['2027-06-14', "King's Birthday"],
  ['2027-10-04', 'Labour Day'],
  ['2027-12-25', 'Christmas Day'],
  ['2027-12-26', 'Boxing Day'],
  ['2027-12-27', 'Christmas Day (additional day)'],
  ['2027-12-28', 'Boxing Day (additional day)'],
];

type Options = ContractTypeInput['optionSets'][number]['options'];

/** Rates in cents per hour; the second set is the 1 July rate rise (a type's set states every option). */
function typeSets(
  riseOn: Temporal.PlainDate,
  before: Options,
  after: Options,
): ContractTypeInput['optionSets'] {
  return [
    { effectiveFrom: riseOn.subtract({ years: 1 }).toString(), options: before },
    { effectiveFrom: riseOn.toString(), options: after },
  ];
}

/** A bed for a night (respite), priced per night by every type; NDIS also prices the 24-hour STA day. */
const respiteNight = (rate: number) => ({ name: 'Respite night', unit: 'night' as const, rate });

function privateOptions(rate: number, night: number): Options {
  return {
    hourlyRate: rate,
    accommodationRates: [respiteNight(night)],
    nonProRataRates: [
      { minutes: 30, amount: Math.round(rate * 0.6) },
      { minutes: 45, amount: Math.round(rate * 0.8) },
    ],
    unsociableRanges: [
      { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: rate * 2 },
      { when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: Math.round(rate * 1.5) },
      { when: { kind: 'weekday' }, from: '18:00', to: '24:00', hourlyRate: Math.round(rate * 1.25) },
    ],
    chargeMileageToClient: true,
  };
}

function localAuthorityOptions(rate: number, night: number): Options {
  return {
    hourlyRate: rate,
    accommodationRates: [respiteNight(night)],
    unsociableRanges: [
      { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: Math.round(rate * 1.5) },
    ],
    useLocalAuthorityReference: true,
  };
}

/** NDIS visits are claimed as self-care: the demo catalogue's item for each time band (within its limits). */
function ndisOptions(rate: number, staDay: number): Options {
  return {
    hourlyRate: rate,
    ndisSupportItems: { ...DEMO_SELF_CARE_FAMILY.bands },
    accommodationRates: [
      respiteNight(Math.round(staDay * 0.3)),
      { name: 'Short-term accommodation', unit: 'day', rate: staDay, supportItem: '01_058_0115_1_1' },
    ],
    unsociableRanges: [
      { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: Math.round(rate * 2.2) },
      {
        when: { kind: 'dayOfWeek', day: 'sun' },
        from: '00:00',
        to: '24:00',
        hourlyRate: Math.round(rate * 1.8),
      },
      {
        when: { kind: 'dayOfWeek', day: 'sat' },
        from: '00:00',
        to: '24:00',
        hourlyRate: Math.round(rate * 1.4),
      },
      { when: { kind: 'weekday' }, from: '20:00', to: '24:00', hourlyRate: Math.round(rate * 1.1) },
    ],
  };
}

/** The 1 July on or before `today`: the start of the Australian financial year. */
export function rateRiseDate(today: Temporal.PlainDate): Temporal.PlainDate {
  const july = Temporal.PlainDate.from({ year: today.year, month: 7, day: 1 });
  return Temporal.PlainDate.compare(today, july) >= 0 ? july : july.subtract({ years: 1 });
}

export async function seedDemoContracts(
  tx: Tx,
  admin: Actor,
  d: { clients: ClientView[]; workers: string[]; today: Temporal.PlainDate },
) {
  const rise = rateRiseDate(d.today);
  const privateType = await createContractType(tx, admin, {
    name: 'Private',
    category: 'private',
    payerName: null,
    payerAddress: null,
    taxFreeReason: null,
    optionSets: typeSets(rise, privateOptions(6500, 24_000), privateOptions(6800, 25_000)),
  });
  const laType = await createContractType(tx, admin, {
    name: 'Local authority',
    category: 'local_authority',
    payerName: 'Inner West Council',
    payerAddress: 'PO Box 14\nPetersham NSW 2049',
    taxFreeReason: 'Home care (GST-free, GST Act s 38-30)',
    optionSets: typeSets(rise, localAuthorityOptions(5900, 22_000), localAuthorityOptions(6100, 23_000)),
  });
  const ndisType = await createContractType(tx, admin, {
    name: 'NDIS',
    category: 'ndis',
    payerName: null,
    payerAddress: null,
    taxFreeReason: 'NDIS supports (GST-free, GST Act s 38-38)',
    optionSets: typeSets(rise, ndisOptions(6747, 80_126), ndisOptions(7023, 82_611)),
  });

  for (const [date, name] of NSW_HOLIDAYS)
    await addCalendarDay(tx, admin, { region: 'NSW', date, kind: 'public_holiday', name });

  const start = rise.subtract({ years: 1 }).toString();
  for (const [i, client] of d.clients.entries()) {
    await setClientRegion(tx, admin, client.id, client.timeZone === 'Australia/Perth' ? 'WA' : 'NSW');
    // Clients with a local-authority reference are council-funded; the others NDIS or private.
    const type = client.localAuthorityReference ? laType : i % 4 === 0 ? ndisType : privateType;
    const contract: ContractInput = {
      contractTypeId: type.id,
      name: `${type.name} care agreement`,
      startDate: start,
      endDate: null,
      // The council pays on 30-day terms; everyone else on the organisation's 14 days.
      paymentTermsDays: type === laType ? 30 : null,
      optionSets:
        // A negotiated rate from the rise on: this client's contract overrides the type's hourly rate.
        i === 2 ? [{ effectiveFrom: rise.toString(), options: { hourlyRate: 7200 } }] : [],
    };
    await createContract(tx, admin, client.id, contract);
  }

  // Carers paid for travel: a mileage rate (cents per km) that also prices mileage charged to clients.
  for (const staffId of d.workers)
    await saveCarerContract(tx, admin, staffId, {
      optionSets: [
        { effectiveFrom: start, options: { hourlyRate: 3400, mileageRate: 85 } },
        { effectiveFrom: rise.toString(), options: { hourlyRate: 3550, mileageRate: 88 } },
      ],
    });

  // Mileage on a few completed visits to private clients.
  const visits = await tx
    .selectFrom('bookings as b')
    .innerJoin('booking_participants as sp', (j) =>
      j.onRef('sp.organisation_id', '=', 'b.organisation_id').onRef('sp.booking_id', '=', 'b.id'),
    )
    .innerJoin('booking_participants as cp', (j) =>
      j.onRef('cp.organisation_id', '=', 'b.organisation_id').onRef('cp.booking_id', '=', 'b.id'),
    )
    .where('b.organisation_id', '=', admin.organisationId)
    .where('b.status', '=', 'completed')
    .where('sp.staff_id', 'in', d.workers)
    .where(
      'cp.client_id',
      'in',
      d.clients.filter((c, i) => !c.localAuthorityReference && i % 4 !== 0).map((c) => c.id),
    )
    .select('b.id')
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .limit(4)
    .execute();
  for (const [k, visit] of visits.entries())
    await setBookingBilling(tx, admin, visit.id, { mileage: [12.5, 8, 23.4, 5][k]! });
}

/**
 * The organisation's billing settings, then a few invoices from last fortnight's visits: four clients billed
 * one by one, then one invoice left draft, one issued, one paid and one voided (with its credit note). Other
 * clients' visits stay to be billed.
 */
export async function seedDemoBilling(db: Db, admin: Actor, now: Temporal.Instant) {
  const today = now.toZonedDateTimeISO('Australia/Sydney').toPlainDate();
  const period = {
    periodFrom: today.subtract({ days: 14 }).toString(),
    periodTo: today.subtract({ days: 1 }).toString(),
  };
  // One client of each contract type (and a second private one), among those with visits to bill.
  const candidates = await withTenant(db, admin.organisationId, (tx) =>
    tx
      .selectFrom('bookings as b')
      .innerJoin('booking_participants as cp', (j) =>
        j
          .onRef('cp.organisation_id', '=', 'b.organisation_id')
          .onRef('cp.booking_id', '=', 'b.id')
          .on('cp.participant_type', '=', 'client'),
      )
      .innerJoin('client_contracts as c', (j) =>
        j
          .onRef('c.organisation_id', '=', 'cp.organisation_id')
          .onRef('c.client_id', '=', 'cp.client_id')
          .on('c.is_default', '=', true),
      )
      .innerJoin('contract_types as t', (j) =>
        j.onRef('t.organisation_id', '=', 'c.organisation_id').onRef('t.id', '=', 'c.contract_type_id'),
      )
      .where('b.organisation_id', '=', admin.organisationId)
      .where('b.status', '=', 'completed')
      .select(['cp.client_id as clientId', 't.name as typeName'])
      .distinct()
      .orderBy('clientId')
      .execute(),
  );
  const clientIds: string[] = [];
  for (const typeName of ['Private', 'NDIS', 'Local authority', 'Private']) {
    const next = candidates.find(
      (c) => c.typeName === typeName && c.clientId !== null && !clientIds.includes(c.clientId),
    );
    if (next?.clientId) clientIds.push(next.clientId);
  }
  // Who issues the invoices: registered for GST, paid by bank transfer on 14-day terms.
  await withTenant(db, admin.organisationId, (tx) =>
    updateBillingSettings(tx, admin, {
      legalName: 'Sunrise Community Care Pty Ltd',
      currency: 'AUD',
      businessNumber: '51 824 753 556',
      taxRegistered: true,
      address: 'Level 2, 10 Smith Street\nParramatta NSW 2150',
      email: 'accounts@sunrise.example',
      phone: '02 9000 1234',
      paymentTermsDays: 14,
      bankAccountName: 'Sunrise Community Care Pty Ltd',
      bankBranchCode: '062000',
      bankAccountNumber: '10203040',
      logo: null,
    }),
  );
  const invoiceIds: string[] = [];
  for (const clientId of clientIds) {
    const run = await withTenant(db, admin.organisationId, (tx) =>
      queueInvoiceRun(tx, admin, { ...period, clientId }),
    );
    invoiceIds.push(...(await awaitInvoiceRun(db, admin, run.id)).invoiceIds);
  }
  const [, issued, paid, voided] = invoiceIds;
  await withTenant(db, admin.organisationId, async (tx) => {
    for (const id of [issued, paid, voided]) if (id) await issueInvoice(tx, admin, id, now);
    if (paid) await payInvoice(tx, admin, paid, now);
    if (voided) await voidInvoice(tx, admin, voided, now, 'Billed under the wrong contract');
  });
  // The respite house's nights slept so far: on a draft (or, if the client was billed above, on that invoice).
  const stayClients = await withTenant(db, admin.organisationId, (tx) =>
    stayClientIds(tx, admin.organisationId, { ...period, clientId: null }),
  );
  for (const clientId of stayClients) {
    const run = await withTenant(db, admin.organisationId, (tx) =>
      queueInvoiceRun(tx, admin, { ...period, clientId }),
    );
    await awaitInvoiceRun(db, admin, run.id);
  }
}
