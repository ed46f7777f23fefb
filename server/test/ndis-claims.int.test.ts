import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE_FILE, DEMO_SELF_CARE_FAMILY } from '../src/ndis/catalogue-demo.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Exports happen on 2 Feb 2026 (Sydney); the sessions are in December 2025 and on Australia Day 2026.
const time = manualClock(Temporal.Instant.from('2026-02-01T23:00:00Z'));
const demoCsv = readFileSync(DEMO_CATALOGUE_FILE, 'utf8');
const HEADER =
  'RegistrationNumber,NDISNumber,SupportsDeliveredFrom,SupportsDeliveredTo,SupportNumber,ClaimReference,Quantity,Hours,UnitPrice,GSTCode,AuthorisedBy,ParticipantApproved,InKindFundingProgram,ClaimType,CancellationReason,ABN of Support Provider';

let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let finance: Agent;
let coordinator: Agent;
let typeId: string;

async function ndisClient(givenName: string, ndisNumber: string, mmmBand = 1) {
  const res = await admin.post('/clients', {
    givenName,
    familyName: 'Claim',
    timeZone: 'Australia/Sydney',
    state: 'NSW',
    ndisNumber,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await sql`UPDATE clients SET mmm_band = ${mmmBand} WHERE id = ${res.body.id}`.execute(t.db);
  const contract = await finance.post(`/clients/${res.body.id}/contracts`, {
    contractTypeId: typeId,
    name: 'NDIS service agreement',
    startDate: '2025-07-01',
    optionSets: [],
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  return { clientId: res.body.id as string, contractId: contract.body.id as string };
}

/** A completed one-to-one visit under the client's contract, naming a support item. */
async function visit(
  c: { clientId: string; contractId: string },
  at: { date: string; time: string; minutes: number },
  extra: { travel?: unknown[]; hourlyRateMinor?: number } = {},
) {
  const created = await coordinator.post('/sessions', {
    category: 'visit',
    name: 'Personal care',
    bookingDate: at.date,
    startTime: at.time,
    durationMinutes: at.minutes,
    clients: [{ clientId: c.clientId, contractId: c.contractId }],
    workers: [{ staffId: org.staffIds.worker }],
    services: [
      extra.hourlyRateMinor
        ? {
            source: 'adhoc',
            name: 'Personal care',
            hourlyRateMinor: extra.hourlyRateMinor,
            ratio: 1,
            supportItem: '01_011_0107_1_1',
          }
        : {
            source: 'contract',
            contractId: c.contractId,
            name: 'Personal care',
            ratio: 1,
            supportItem: '01_011_0107_1_1',
          },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const s = created.body.session;
  const done = await coordinator.post(`/sessions/${s.id}/complete`, {
    travelArea: 'metro',
    ...(extra.travel
      ? {
          workers: [
            {
              participantId: s.workers[0].participantId,
              // Summer in Sydney (AEDT, +11:00) for every visit here.
              actualStart: `${Temporal.PlainDateTime.from(`${at.date}T${at.time}`).toString()}+11:00`,
              actualEnd:
                Temporal.PlainDateTime.from(`${at.date}T${at.time}`).add({ minutes: at.minutes }).toString() +
                '+11:00',
              travel: extra.travel,
            },
          ],
        }
      : {}),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return s.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'NdisClaims');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  typeId = (
    await finance.post('/contract-types', {
      name: 'NDIS self-care',
      category: 'ndis',
      optionSets: [
        { effectiveFrom: '2025-07-01', options: { hourlyRate: 7023, enableTravelPayments: true } },
      ],
    })
  ).body.id;
});
afterAll(() => t.close());

describe('the support catalogue', () => {
  it('imports the NDIA layout, and a re-import replaces the same versions instead of doubling them', async () => {
    const first = await admin.post('/ndis/catalogue/imports', { csv: demoCsv, source: 'demo 2025-26' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ format: 'wide', items: 10, inserted: 10, replaced: 0 });
    const again = await admin.post('/ndis/catalogue/imports', { csv: demoCsv });
    expect(again.body).toMatchObject({ inserted: 10, replaced: 10 });
    const items = await finance.get('/ndis/catalogue/items?on=2025-12-02&search=self-care');
    expect(items.body.items.map((i: { number: string }) => i.number)).toContain('01_012_0107_1_1');
    const daytime = items.body.items.find((i: { number: string }) => i.number === '01_011_0107_1_1');
    expect(daytime).toMatchObject({ unit: 'H', prices: { NSW: 7023, REMOTE: 9832, VERY_REMOTE: 10535 } });
    expect(daytime.flags).toMatchObject({ providerTravel: true, shortNoticeCancellation: true });
    // The _PT item is not in force before 1 July 2026.
    const before = await finance.get('/ndis/catalogue/items?on=2026-06-30&search=_PT');
    expect(before.body.items).toEqual([]);
  });

  it('ends the open version when a new price starts, keeping one version per day', async () => {
    const header = demoCsv.split('\r\n')[0];
    const newer = `${header}\r\n01_799_0107_1_1,Provider travel - non-labour costs,0107,x,1,1,x,x,E,N,20260701,,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,1.00,N,N,N,N,N,\r\n`;
    expect((await admin.post('/ndis/catalogue/imports', { csv: newer })).body).toMatchObject({ ended: 1 });
    const versions = (await finance.get('/ndis/catalogue/items?search=01_799')).body.items;
    expect(versions.map((v: { startsOn: string; endsOn: string | null }) => [v.startsOn, v.endsOn])).toEqual([
      ['2025-07-01', '2026-06-30'],
      ['2026-07-01', null],
    ]);
  });

  it('refuses a file with a bad row, naming the line and column, and imports nothing', async () => {
    const bad = demoCsv.replace('01_015_0107_1_1', '01_015_0107_1');
    const res = await admin.post('/ndis/catalogue/imports', { csv: bad });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'line 3, Support Item Number', reason: expect.stringContaining('AA_BBB_CCCC_D_E') },
    ]);
    expect((await coordinator.post('/ndis/catalogue/imports', { csv: demoCsv })).status).toBe(403);
  });

  it('names one item per time band for the self-care family', async () => {
    const res = await admin.put(
      `/ndis/catalogue/families/${encodeURIComponent(DEMO_SELF_CARE_FAMILY.family)}`,
      { bands: DEMO_SELF_CARE_FAMILY.bands },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const unknown = await admin.put('/ndis/catalogue/families/Other', {
      bands: { saturday: '01_999_0107_1_1' },
    });
    expect(unknown.status).toBe(422);
  });
});

describe('checking a rate before booking', () => {
  const check = (o: Record<string, unknown>) =>
    coordinator.post('/ndis/catalogue/price-check', {
      supportItem: '01_011_0107_1_1',
      timeZone: 'Australia/Sydney',
      state: 'NSW',
      mmmBand: 1,
      rateMinor: 7023,
      ...o,
    });

  it("picks the item of the visit's band, the public holiday of the state of delivery included", async () => {
    const sunday = await check({ start: '2025-12-07T09:00:00+11:00', end: '2025-12-07T11:00:00+11:00' });
    expect(sunday.status, JSON.stringify(sunday.body)).toBe(200);
    expect(sunday.body).toMatchObject({
      band: 'sunday',
      item: { number: '01_014_0107_1_1' },
      limitMinor: 12743,
      allowed: true,
    });
    // Boxing Day 2025 (a Friday) is a public holiday in NSW.
    const boxing = await check({ start: '2025-12-26T09:00:00+11:00', end: '2025-12-26T10:00:00+11:00' });
    expect(boxing.body).toMatchObject({ band: 'public_holiday', item: { number: '01_012_0107_1_1' } });
    const evening = await check({ start: '2025-12-02T19:00:00+11:00', end: '2025-12-02T21:00:00+11:00' });
    expect(evening.body).toMatchObject({ band: 'weekday_evening', item: { number: '01_015_0107_1_1' } });
  });

  it('refuses a rate above the limit for the date and zone, naming both, and knows the remote limit', async () => {
    const over = await check({
      start: '2025-12-02T09:00:00+11:00',
      end: '2025-12-02T10:00:00+11:00',
      rateMinor: 9000,
    });
    expect(over.body).toMatchObject({
      allowed: false,
      message: '$90.00 is above the price limit $70.23 of 01_011_0107_1_1',
    });
    const remote = await check({
      start: '2025-12-02T09:00:00+11:00',
      end: '2025-12-02T10:00:00+11:00',
      rateMinor: 9000,
      mmmBand: 6,
    });
    expect(remote.body).toMatchObject({ zone: 'REMOTE', limitMinor: 9832, allowed: true });
    const before = await check({ start: '2025-06-02T09:00:00+10:00', end: '2025-06-02T10:00:00+10:00' });
    expect(before.status).toBe(422);
    expect(before.body.errors[0]).toEqual({
      field: 'supportItem',
      reason: '01_011_0107_1_1 is not in the catalogue on 2025-06-02',
    });
  });
});

describe('bulk payment requests', () => {
  let ava: { clientId: string; contractId: string };
  let ben: { clientId: string; contractId: string };

  it('refuses an ABN whose check digits do not add up', async () => {
    const res = await finance.put('/ndis/claim-settings', {
      registrationNumber: '4050012345',
      abn: '51824753557',
      priceLimitMode: 'refuse',
      gstCode: 'P2',
      suffixedItemsFrom: '2026-07-01',
      nonLabourTravelItem: '01_799_0107_1_1',
      transportItem: '04_590_0125_6_1',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('abn');
    const ok = await finance.put('/ndis/claim-settings', {
      registrationNumber: '4050012345',
      abn: '51824753556',
      priceLimitMode: 'refuse',
      gstCode: 'P2',
      suffixedItemsFrom: '2026-07-01',
      nonLabourTravelItem: '01_799_0107_1_1',
      transportItem: '04_590_0125_6_1',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('claims each visit under its band item, within the price limit, with travel capped and non-labour costs', async () => {
    ava = await ndisClient('Ava', '430000001');
    ben = await ndisClient('Ben', '430000002');
    // Tuesday daytime, 2 h, with 40 min of travel (capped at 30 min in MMM1) and 12.5 km.
    await visit(
      ava,
      { date: '2025-12-02', time: '10:00', minutes: 120 },
      {
        travel: [{ leg: 'to', minutes: 40, km: 12.5, vehicle: 'own', parkingMinor: 0 }],
      },
    );
    // Australia Day, a public holiday in NSW: the public holiday item.
    await visit(ava, { date: '2026-01-26', time: '09:00', minutes: 60 });
    // Saturday evening (still the Saturday item).
    await visit(ben, { date: '2025-12-06', time: '18:00', minutes: 90 });
    // An agreed rate above the limit.
    await visit(ben, { date: '2025-12-03', time: '10:00', minutes: 60 }, { hourlyRateMinor: 8000 });

    const preview = await finance.post('/ndis/bulk-payments/preview', {
      from: '2025-12-01',
      to: '2026-01-31',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const lines = preview.body.lines.map(
      (l: {
        supportNumber: string;
        hoursMinutes: number | null;
        quantityHundredths: number | null;
        unitPriceMinor: number;
        claimType: string | null;
      }) => [l.supportNumber, l.hoursMinutes, l.quantityHundredths, l.unitPriceMinor, l.claimType],
    );
    expect(lines).toEqual([
      ['01_011_0107_1_1', 120, null, 7023, null],
      ['01_011_0107_1_1', 30, null, 7023, 'TRAN'],
      ['01_799_0107_1_1', null, 1238, 100, 'TRAN'],
      ['01_013_0107_1_1', 90, null, 7023, null],
      ['01_012_0107_1_1', 60, null, 7023, null],
    ]);
    expect(preview.body.problems).toEqual([
      expect.objectContaining({
        clientName: 'Ben Claim',
        date: '2025-12-03',
        reason: '$80.00 is above the price limit $70.23 of 01_011_0107_1_1',
      }),
    ]);
    expect(preview.body.lines[4].explanation).toContain('2026-01-26 is a public holiday');
  });

  it('in warn mode claims a rate above the limit at the limit, with a warning that says so', async () => {
    const s = (await finance.get('/ndis/claim-settings')).body;
    await finance.put('/ndis/claim-settings', { ...s, priceLimitMode: 'warn' });
    const preview = await finance.post('/ndis/bulk-payments/preview', {
      from: '2025-12-03',
      to: '2025-12-03',
    });
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.lines).toEqual([
      expect.objectContaining({
        unitPriceMinor: 7023,
        warning: '$80.00 is above the price limit $70.23 of 01_011_0107_1_1; claimed at the limit',
      }),
    ]);
  });

  let fileId: string;
  let csv: string;
  it('exports the 16 columns in order, each in its format, and locks the lines; two exports at once claim once', async () => {
    const [a, b] = await Promise.all([
      finance.post('/ndis/bulk-payments', { from: '2025-12-01', to: '2026-01-31' }),
      finance.post('/ndis/bulk-payments', { from: '2025-12-01', to: '2026-01-31' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 422]);
    const won = a.status === 201 ? a : b;
    expect(won.body.files).toEqual([expect.objectContaining({ name: 'BPR260202-1.csv', rowCount: 6 })]);
    fileId = won.body.files[0].id;
    const res = await fetch(`${t.baseUrl}/api/v1/ndis/bulk-payments/${fileId}/file.csv`, {
      headers: { cookie: finance.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="BPR260202-1.csv"');
    csv = await res.text();
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(HEADER);
    expect(rows[1]).toBe(
      '4050012345,430000001,2025/12/02,2025/12/02,01_011_0107_1_1,BPR260202-1-1,,2:00,70.23,P2,,,,,,51824753556',
    );
    expect(rows[2]).toBe(
      '4050012345,430000001,2025/12/02,2025/12/02,01_011_0107_1_1,BPR260202-1-2,,0:30,70.23,P2,,,,TRAN,,51824753556',
    );
    expect(rows[3]).toBe(
      '4050012345,430000001,2025/12/02,2025/12/02,01_799_0107_1_1,BPR260202-1-3,12.38,,1.00,P2,,,,TRAN,,51824753556',
    );
    expect(rows).toHaveLength(8); // header, 6 lines, and the final line break
    await expect(
      sql`UPDATE ndis_claim_lines SET unit_price_minor = 1 WHERE file_id = ${fileId}`.execute(t.db),
    ).rejects.toThrow(/locked/);
    const again = await finance.post('/ndis/bulk-payments/preview', { from: '2025-12-01', to: '2026-01-31' });
    expect(again.body.lines).toEqual([]);
  });

  it("imports the portal's results: paid with the amount, rejected with the message, unknown lines reported", async () => {
    const results =
      `${HEADER},PaidTotalAmount,Payment Request Number,Participant Name,Capped Price,Payment Request Status,Error Message\r\n` +
      '4050012345,430000001,02/12/2025,02/12/2025,01_011_0107_1_1,BPR260202-1-1,,2:00,70.23,P2,,,,,,51824753556,140.46,PR001,Ava Claim,,SUCCESSFUL,\r\n' +
      '4050012345,430000001,02/12/2025,02/12/2025,01_011_0107_1_1,BPR260202-1-2,,0:30,70.23,P2,,,,TRAN,,51824753556,30.00,PR002,Ava Claim,60.00,SUCCESSFUL,\r\n' +
      '4050012345,430000002,06/12/2025,06/12/2025,01_013_0107_1_1,BPR260202-1-5,,1:30,70.23,P2,,,,,,51824753556,,,Ben Claim,,ERROR,"Support not in service booking, please check"\r\n' +
      '4050012345,430000002,06/12/2025,06/12/2025,01_013_0107_1_1,NOT-OURS-1,,1:30,70.23,P2,,,,,,51824753556,,,Ben Claim,,ERROR,x\r\n';
    const res = await finance.post('/ndis/bulk-payments/results', { csv: results });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      paid: 2,
      rejected: 1,
      unmatched: [{ line: 5, claimReference: 'NOT-OURS-1' }],
    });
    const attention = res.body.attention.map((l: { claimReference: string; attention: string }) => [
      l.claimReference,
      l.attention,
    ]);
    expect(attention).toEqual([
      ['BPR260202-1-2', 'Paid 30.00 of 35.12 claimed'],
      [
        'BPR260202-1-4',
        'Claimed with a warning: $80.00 is above the price limit $70.23 of 01_011_0107_1_1; claimed at the limit',
      ],
      [
        'BPR260202-1-5',
        'Rejected: Support not in service booking, please check. Correct it and claim the record again (it is free to be claimed).',
      ],
    ]);
    const lines = (await finance.get(`/ndis/bulk-payments/${fileId}/lines`)).body.items;
    expect(lines[0]).toMatchObject({ status: 'paid', paidAmountMinor: 14046, paymentRequestNumber: 'PR001' });
    // The rejected record is free to be claimed again; the paid ones are not.
    const again = await finance.post('/ndis/bulk-payments/preview', { from: '2025-12-01', to: '2026-01-31' });
    expect(again.body.lines.map((l: { supportNumber: string }) => l.supportNumber)).toEqual([
      '01_013_0107_1_1',
    ]);
  });

  it("claims a group participant's short-notice cancellation as CANC with its reason, at their share", async () => {
    const cal = await ndisClient('Cal', '430000003');
    const dee = await ndisClient('Dee', '430000004');
    const created = await coordinator.post('/sessions', {
      category: 'group',
      name: 'Cooking group',
      bookingDate: '2025-12-09',
      startTime: '10:00',
      durationMinutes: 120,
      capacity: 4,
      clients: [
        { clientId: cal.clientId, contractId: cal.contractId },
        { clientId: dee.clientId, contractId: dee.contractId },
      ],
      workers: [{ staffId: org.staffIds.worker }],
      services: [
        {
          source: 'contract',
          contractId: cal.contractId,
          name: 'Self-care group',
          ratio: 2,
          supportItem: '01_011_0107_1_1',
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = created.body.session;
    const deePlace = s.clients[1].participantId;
    const cancelled = await coordinator.post(`/sessions/${s.id}/clients/${deePlace}/cancel`, {
      cancelledBy: 'client',
      notifiedAt: '2025-12-08T16:00:00+11:00',
      reasonCode: 'family',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const done = await coordinator.post(`/sessions/${s.id}/complete`, {
      travelArea: 'metro',
      cancelledCharges: [{ participantId: deePlace, portionBasisPoints: 5000 }],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const preview = await finance.post('/ndis/bulk-payments/preview', {
      from: '2025-12-09',
      to: '2025-12-09',
    });
    const byNumber = new Map(preview.body.lines.map((l: { ndisNumber: string }) => [l.ndisNumber, l]));
    expect(byNumber.get('430000003')).toMatchObject({
      claimType: null,
      hoursMinutes: 120,
      unitPriceMinor: 3512,
    });
    expect(byNumber.get('430000004')).toMatchObject({
      supportNumber: '01_011_0107_1_1',
      claimType: 'CANC',
      cancellationReason: 'NSDF',
      hoursMinutes: 120,
      unitPriceMinor: 3512,
    });
  });

  it('claims a short-notice cancellation recorded under the NDIS rules once as CANC, and an in-time one not at all', async () => {
    const [fay, gus, hal] = await Promise.all([
      ndisClient('Fay', '430000005'),
      ndisClient('Gus', '430000006'),
      ndisClient('Hal', '430000007'),
    ]);
    const created = await coordinator.post('/sessions', {
      category: 'group',
      name: 'Art group',
      bookingDate: '2025-12-10',
      startTime: '10:00',
      durationMinutes: 60,
      capacity: 4,
      clients: [fay, gus, hal].map((c) => ({ clientId: c.clientId, contractId: c.contractId })),
      workers: [{ staffId: org.staffIds.worker }],
      services: [
        {
          source: 'contract',
          contractId: fay.contractId,
          name: 'Self-care group',
          ratio: 3,
          supportItem: '01_011_0107_1_1',
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = created.body.session;
    const [gusPlace, halPlace] = [s.clients[1].participantId, s.clients[2].participantId];
    const cancel = (place: string, notifiedAt: string, reasonCode: string) =>
      coordinator.post(`/ndis/sessions/${s.id}/clients/${place}/cancellation`, {
        cancelledBy: 'client',
        notifiedAt,
        reasonCode,
        attestedNoOtherWork: true,
        attestedWorkerPaid: true,
      });
    // Told the afternoon before: short notice. Told four weeks before: in time.
    const late = await cancel(gusPlace, '2025-12-09T14:00:00+11:00', 'transport');
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body.decision).toMatchObject({ shortNotice: true, claimable: true });
    const early = await cancel(halPlace, '2025-11-12T09:00:00+11:00', 'health');
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body.decision).toMatchObject({ shortNotice: false, claimable: false });
    // The coordinator charges both cancelled clients at completion; only the short-notice one is claimable.
    const done = await coordinator.post(`/sessions/${s.id}/complete`, {
      travelArea: 'metro',
      cancelledCharges: [
        { participantId: gusPlace, portionBasisPoints: 3333 },
        { participantId: halPlace, portionBasisPoints: 3333 },
      ],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const preview = await finance.post('/ndis/bulk-payments/preview', {
      from: '2025-12-10',
      to: '2025-12-10',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const rows = preview.body.lines.map((l: { ndisNumber: string; claimType: string | null }) => [
      l.ndisNumber,
      l.claimType,
    ]);
    expect(rows).toEqual([
      ['430000005', null],
      ['430000006', 'CANC'],
    ]);
    expect(preview.body.lines[1]).toMatchObject({
      supportNumber: '01_011_0107_1_1',
      cancellationReason: 'NSDT',
    });
    expect(preview.body.problems).toEqual([
      expect.objectContaining({
        clientName: 'Hal Claim',
        reason: expect.stringContaining('the cancellation was in time, so it cannot be claimed'),
      }),
    ]);
    const exported = await finance.post('/ndis/bulk-payments', { from: '2025-12-10', to: '2025-12-10' });
    expect(exported.status, JSON.stringify(exported.body)).toBe(201);
    const file = await fetch(`${t.baseUrl}/api/v1/ndis/bulk-payments/${exported.body.files[0].id}/file.csv`, {
      headers: { cookie: finance.cookie },
    });
    const canc = (await file.text()).split('\r\n').filter((row) => row.includes(',CANC,'));
    expect(canc).toHaveLength(1);
    expect(canc[0]).toMatch(
      /^4050012345,430000006,2025\/12\/10,2025\/12\/10,01_011_0107_1_1,.*,CANC,NSDT,51824753556$/,
    );
  });

  it('refuses a results file it cannot read, recording nothing', async () => {
    const res = await finance.post('/ndis/bulk-payments/results', {
      csv: 'ClaimReference,Payment Request Status\r\nBPR260202-1-3,MAYBE\r\n',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'line 2, Payment Request Status', reason: '"MAYBE" is not SUCCESSFUL or ERROR' },
    ]);
  });
});

describe('the command line', () => {
  const server = fileURLToPath(new URL('..', import.meta.url));
  const cli = (...args: string[]) =>
    promisify(execFile)(`${server}../node_modules/.bin/tsx`, ['src/cli.ts', ...args], {
      cwd: server,
      env: { ...process.env, DATABASE_URL: t.databaseUrl },
    });

  it('imports a catalogue into an organisation, and refuses a file it cannot read with exit 1 and a problem', async () => {
    const other = await seedOrg(t.db, 'NdisCli');
    const ok = JSON.parse(
      (await cli('ndis', 'catalogue', 'import', fileURLToPath(DEMO_CATALOGUE_FILE), '--org', other.id))
        .stdout,
    );
    expect(ok).toMatchObject({ items: 10, inserted: 10 });
    const failed = await cli(
      'ndis',
      'catalogue',
      'import',
      '/nonexistent/catalogue.csv',
      '--org',
      other.id,
    ).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stderr).errors).toEqual([{ field: 'file', reason: 'cannot be read' }]);
  });
});
