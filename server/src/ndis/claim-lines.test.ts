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
  item('15_617_0128_1_3', 19399, { therapy: true, flags: { ...flags, ndiaRequestedReports: true } }),
  item('15_617_0128_1_3_RR', 19399, { startsOn: '2026-07-01', therapy: true }),
  item('01_011_0107_1_1_NF', 7023, { startsOn: '2026-07-01' }),
  item('04_210_0125_6_1', 7023, {
    flags: { ...flags, nonFaceToFace: false, providerTravel: false, shortNoticeCancellation: false },
  }),
  item('15_617_0128_1_3_PT', 9700, { startsOn: '2026-07-01', therapy: true }),
  item('01_799_0107_1_1', 100, { unit: 'E' }),
  item('04_590_0125_6_1', 100, { unit: 'E', flags: { ...flags, shortNoticeCancellation: true } }),
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
  deliveredAs: 'face_to_face',
  faceToFace: true,
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

  it('non-face-to-face time is NF2F where the item allows it, under the _NF item from 1 July 2026', () => {
    const nf = { deliveredAs: 'non_face_to_face' as const, quantity: 30, amountMinor: 3512 };
    const out = claim({
      ...nf,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T10:30:00+11:00'),
    });
    expect(out.ok && out.line).toMatchObject({
      supportNumber: '01_011_0107_1_1',
      claimType: 'NF2F',
      hoursMinutes: 30,
      unitPriceMinor: 7023,
      amountMinor: 3512,
      deliveredAs: 'non_face_to_face',
    });
    const later = claim({
      ...nf,
      start: at('2026-07-07T10:00:00+10:00'),
      end: at('2026-07-07T10:30:00+10:00'),
    });
    expect(later.ok && later.line).toMatchObject({ supportNumber: '01_011_0107_1_1_NF', claimType: 'NF2F' });
    const refused = claim({ ...nf, supportItem: '04_210_0125_6_1' });
    expect(!refused.ok && refused.problem).toMatchObject({
      reason: '04_210_0125_6_1 does not allow non-face-to-face claims',
      deliveredAs: 'non_face_to_face',
    });
  });

  it('an NDIA-requested report is REPW where the item allows it, under the _RR item from 1 July 2026', () => {
    const report = {
      deliveredAs: 'ndia_report' as const,
      supportItem: '15_617_0128_1_3',
      rateMinor: 19399,
      quantity: 90,
    };
    const out = claim({
      ...report,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T11:30:00+11:00'),
    });
    expect(out.ok && out.line).toMatchObject({
      supportNumber: '15_617_0128_1_3',
      claimType: 'REPW',
      hoursMinutes: 90,
      amountMinor: 29099,
    });
    const later = claim({
      ...report,
      start: at('2026-07-07T10:00:00+10:00'),
      end: at('2026-07-07T11:30:00+10:00'),
    });
    expect(later.ok && later.line).toMatchObject({ supportNumber: '15_617_0128_1_3_RR', claimType: 'REPW' });
    const refused = claim({ deliveredAs: 'ndia_report' });
    expect(!refused.ok && refused.problem.reason).toBe(
      '01_013_0107_1_1 does not allow NDIA-requested report claims',
    );
  });

  it('a face-to-face service has a blank claim type', () => {
    const out = claim({ start: at('2025-12-02T10:00:00+11:00'), end: at('2025-12-02T12:00:00+11:00') });
    expect(out.ok && out.line).toMatchObject({
      claimType: null,
      deliveredAs: 'face_to_face',
      amountMinor: 14046,
    });
  });

  it('provider travel: the item must allow it, the support be face-to-face, capped by the participant’s MMM band', () => {
    const trip = {
      kind: 'travel' as const,
      rateMinor: 7023,
      quantity: 45,
      start: at('2025-12-02T10:00:00+11:00'),
      end: at('2025-12-02T11:00:00+11:00'),
    };
    const metro = claim({ ...trip, mmmBand: 2 });
    expect(metro.ok && metro.line).toMatchObject({ claimType: 'TRAN', hoursMinutes: 30, amountMinor: 3512 });
    expect(metro.ok && metro.line.explanation).toContain('capped at 30 min per participant per trip (MMM2)');
    const regional = claim({ ...trip, mmmBand: 4, quantity: 75 });
    expect(regional.ok && regional.line).toMatchObject({ hoursMinutes: 60, amountMinor: 7023 });
    const remote = claim({ ...trip, mmmBand: 7, quantity: 150 });
    expect(remote.ok && remote.line).toMatchObject({ hoursMinutes: 150 });
    const notAllowed = claim({ ...trip, supportItem: '04_210_0125_6_1' });
    expect(!notAllowed.ok && notAllowed.problem.reason).toBe(
      '04_210_0125_6_1 does not allow provider travel',
    );
    const phone = claim({ ...trip, faceToFace: false });
    expect(!phone.ok && phone.problem.reason).toBe(
      'provider travel is claimable only for face-to-face supports',
    );
  });

  it('non-labour travel: at most $0.99/km, tolls and parking at cost, only when travel time is claimable', () => {
    const km = {
      kind: 'travel' as const,
      unit: 'km' as const,
      quantity: 12,
      rateMinor: 99,
      amountMinor: 1188,
    };
    const out = claim(km);
    expect(out.ok && out.line).toMatchObject({
      supportNumber: '01_799_0107_1_1',
      quantityHundredths: 1188,
      unitPriceMinor: 100,
      claimType: 'TRAN',
    });
    const dear = claim({ ...km, rateMinor: 120, amountMinor: 1440 });
    expect(!dear.ok && dear.problem.reason).toBe('$1.20/km is above the $0.99/km non-labour travel limit');
    const tolls = claim({
      kind: 'expense',
      unit: 'dollars',
      description: 'Travel to the session (Kim): tolls and parking',
      rateMinor: null,
      amountMinor: 650,
    });
    expect(tolls.ok && tolls.line).toMatchObject({
      supportNumber: '01_799_0107_1_1',
      quantityHundredths: 650,
    });
    const noTravel = claim({ ...km, supportItem: '04_210_0125_6_1' });
    expect(!noTravel.ok && noTravel.problem.reason).toContain('does not allow provider travel');
    const notF2F = claim({ ...km, faceToFace: false });
    expect(!notF2F.ok && notF2F.problem.reason).toContain('not face-to-face');
  });

  it('activity-based transport tolls go on the transport item, and transport is never a cancellation claim', () => {
    const tolls = claim({
      kind: 'expense',
      unit: 'dollars',
      description: 'Transport (Kim, standard vehicle): tolls and parking',
      supportItem: '04_210_0125_6_1',
      rateMinor: null,
      amountMinor: 400,
    });
    expect(tolls.ok && tolls.line).toMatchObject({ supportNumber: '04_590_0125_6_1', claimType: 'TRAN' });
    const cancelled = claim({
      kind: 'cancellation',
      cancellationCode: 'health',
      supportItem: '04_590_0125_6_1',
    });
    expect(!cancelled.ok && cancelled.problem.reason).toBe(
      'activity-based transport is never a short-notice cancellation claim',
    );
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
