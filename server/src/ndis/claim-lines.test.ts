import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { bprCsv, chunkLines, claimReference, fileName, MAX_FILE_NAME } from './bulk-payment-file.js';
import { readResults } from './bulk-payment-results.js';
import type { SupportItem, TimeBand } from './catalogue.types.js';
import { parseCsv } from './catalogue-csv.js';
import { type Catalogue, type ClaimSettings, claimLine, type DeliveredRecord } from './claim-lines.js';

const flags = {
  nonFaceToFace: true,
  providerTravel: true,
  shortNoticeCancellation: true,
  ndiaRequestedReports: false,
  irregularSil: false,
};
const item = (number: string, price: number, o: Partial<SupportItem> = {}): SupportItem => ({
  number,
  name: number,
  unit: 'H',
  registrationGroupNumber: null,
  registrationGroupName: null,
  supportCategoryNumber: null,
  supportCategoryName: null,
  quote: false,
  startsOn: '2025-07-01',
  endsOn: null,
  flags,
  therapy: false,
  itemType: null,
  prices: { NSW: price, REMOTE: Math.round(price * 1.4) },
  ...o,
});
const items = [
  item('01_011_0107_1_1', 7023),
  item('01_013_0107_1_1', 9883),
  item('01_011_0107_1_1_CA', 7023, { startsOn: '2026-07-01' }),
  item('15_617_0128_1_3', 19399, { therapy: true }),
  item('15_617_0128_1_3_PT', 9700, { startsOn: '2026-07-01', therapy: true }),
  item('04_590_0125_6_1', 100, { unit: 'E' }),
  item('04_104_0125_6_1', 7023, { flags: { ...flags, shortNoticeCancellation: false } }),
];
const family = new Map<TimeBand, string>([
  ['weekday_daytime', '01_011_0107_1_1'],
  ['saturday', '01_013_0107_1_1'],
]);
const catalogue: Catalogue = {
  item: (n, d) => items.find((i) => i.number === n && i.startsOn <= d) ?? null,
  family: (n) => ([...family.values()].includes(n) ? family : null),
};
const settings: ClaimSettings = {
  registrationNumber: '4050012345',
  abn: '51824753556',
  priceLimitMode: 'refuse',
  gstCode: 'P2',
  suffixedItemsFrom: '2026-07-01',
  nonLabourTravelItem: '01_799_0107_1_1',
  transportItem: '04_590_0125_6_1',
};
const at = (s: string) => Temporal.Instant.from(s);
const record = (o: Partial<DeliveredRecord>): DeliveredRecord => ({
  deliveredServiceId: '00000000-0000-4000-8000-000000000001',
  clientId: '00000000-0000-4000-8000-000000000002',
  clientName: 'Ava Claim',
  ndisNumber: '430000001',
  state: 'NSW',
  mmmBand: 1,
  kind: 'service',
  description: 'Personal care',
  quantity: 120,
  unit: 'minutes',
  rateMinor: 7023,
  portionBasisPoints: 10_000,
  amountMinor: 14046,
  supportItem: '01_011_0107_1_1',
  start: at('2025-12-06T10:00:00+11:00'),
  end: at('2025-12-06T12:00:00+11:00'),
  timeZone: 'Australia/Sydney',
  cancellationCode: null,
  ndisDecision: null,
  ...o,
});
const claim = (o: Partial<DeliveredRecord>, s: Partial<ClaimSettings> = {}) =>
  claimLine(record(o), catalogue, { ...settings, ...s }, new Set());

describe('claim lines', () => {
  it('a Saturday visit naming the weekday item is claimed under the Saturday item of its family', () => {
    const out = claim({});
    expect(out.ok && out.line).toMatchObject({
      supportNumber: '01_013_0107_1_1',
      hoursMinutes: 120,
      unitPriceMinor: 7023,
    });
  });

  it('a short-notice cancellation is CANC with its reason, and the _CA item from 1 July 2026', () => {
    const before = claim({
      kind: 'cancellation',
      cancellationCode: 'transport',
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T12:00:00+11:00'),
    });
    expect(before.ok && before.line).toMatchObject({
      supportNumber: '01_011_0107_1_1',
      claimType: 'CANC',
      cancellationReason: 'NSDT',
    });
    const after = claim({
      kind: 'cancellation',
      cancellationCode: 'health',
      start: at('2026-07-07T10:00:00+10:00'),
      end: at('2026-07-07T12:00:00+10:00'),
    });
    expect(after.ok && after.line).toMatchObject({
      supportNumber: '01_011_0107_1_1_CA',
      claimType: 'CANC',
      cancellationReason: 'NSDH',
    });
  });

  it('refuses a cancellation claim on an item whose Short Notice Cancellations flag says no', () => {
    const out = claim({ kind: 'cancellation', cancellationCode: 'other', supportItem: '04_104_0125_6_1' });
    expect(!out.ok && out.problem.reason).toBe(
      '04_104_0125_6_1 does not allow short-notice cancellation claims',
    );
  });

  it('therapy travel is at 50% of the limit until the _PT item takes over on 1 July 2026', () => {
    const ot = { kind: 'travel' as const, supportItem: '15_617_0128_1_3', rateMinor: 19399, quantity: 30 };
    const now = claim({
      ...ot,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T11:00:00+11:00'),
    });
    expect(now.ok && now.line).toMatchObject({
      supportNumber: '15_617_0128_1_3',
      unitPriceMinor: 9700,
      claimType: 'TRAN',
      amountMinor: 4850,
    });
    const later = claim({
      ...ot,
      rateMinor: 9700,
      start: at('2026-07-07T10:00:00+10:00'),
      end: at('2026-07-07T11:00:00+10:00'),
    });
    expect(later.ok && later.line).toMatchObject({
      supportNumber: '15_617_0128_1_3_PT',
      unitPriceMinor: 9700,
    });
  });

  it('a group participant is priced at their share of the rate, checked against the same share of the limit', () => {
    const out = claim({
      portionBasisPoints: 3333,
      rateMinor: 7023,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T12:00:00+11:00'),
    });
    expect(out.ok && out.line).toMatchObject({ unitPriceMinor: 2341, hoursMinutes: 120 });
  });

  it('activity-based transport distance is a $1-unit TRAN line on the transport item; remote uses the remote limit', () => {
    const out = claim({ kind: 'transport', unit: 'km', quantity: 10, amountMinor: 2760, supportItem: null });
    expect(out.ok && out.line).toMatchObject({
      supportNumber: '04_590_0125_6_1',
      quantityHundredths: 2760,
      unitPriceMinor: 100,
      claimType: 'TRAN',
    });
    const remote = claim({
      mmmBand: 6,
      rateMinor: 9000,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T12:00:00+11:00'),
    });
    expect(remote.ok).toBe(true);
  });

  it('says why a record cannot be claimed', () => {
    const none = claim({ ndisNumber: null });
    expect(!none.ok && none.problem.reason).toBe('Ava Claim has no NDIS number');
    const unset = claim({}, { abn: null });
    expect(!unset.ok && unset.problem.reason).toContain('registration number and ABN');
  });
});

describe('bulk payment files', () => {
  it('splits at 5,000 rows and keeps names within 20 characters', () => {
    expect(chunkLines(Array.from({ length: 10_001 }, (_, i) => i)).map((c) => c.length)).toEqual([
      5000, 5000, 1,
    ]);
    expect(fileName('2026-02-02', 999).length).toBeLessThanOrEqual(MAX_FILE_NAME);
    expect(claimReference('BPR260202-1.csv', 17)).toBe('BPR260202-1-17');
  });

  it('writes a cancellation row with its claim type and reason in columns 14 and 15', () => {
    const out = claim({
      kind: 'cancellation',
      cancellationCode: 'family',
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T11:30:00+11:00'),
      quantity: 90,
    });
    if (!out.ok) throw new Error(out.problem.reason);
    const csv = bprCsv('4050012345', [{ ...out.line, claimReference: 'BPR251202-1-1' }]);
    const [, row] = parseCsv(csv);
    expect(row).toEqual([
      '4050012345',
      '430000001',
      '2025/12/02',
      '2025/12/02',
      '01_011_0107_1_1',
      'BPR251202-1-1',
      '',
      '1:30',
      '70.23',
      'P2',
      '',
      '',
      '',
      'CANC',
      'NSDF',
      '51824753556',
    ]);
  });

  it("reads the portal's results by column name, whatever their order", () => {
    const r = readResults(
      parseCsv(
        'Payment Request Status,Error Message,ClaimReference,PaidTotalAmount\nSUCCESSFUL,,A-1,"1,234.50"\nERROR,Invalid item,A-2,\n',
      ),
    );
    expect(r.results.map((x) => [x.claimReference, x.outcome, x.paidAmountMinor, x.errorMessage])).toEqual([
      ['A-1', 'paid', 123450, null],
      ['A-2', 'rejected', null, 'Invalid item'],
    ]);
  });
});
