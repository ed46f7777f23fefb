import { readFile } from 'node:fs/promises';
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

const time = manualClock(Temporal.Instant.from('2025-10-01T00:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let finance: Agent;
let coordinator: Agent;
let typeId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'NdisItems');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  const csv = await readFile(DEMO_CATALOGUE_FILE, 'utf8');
  // A 2024-25 version of weekday daytime self-care ($67.56) before the 2025-26 one ($70.23).
  const older = csv
    .split('\n')
    .filter((l, i) => i === 0 || l.startsWith('01_011_0107_1_1'))
    .map((l) =>
      l.replace(
        ',20250701,,70.23,70.23,70.23,70.23,70.23,70.23,70.23,70.23,98.32,105.35,',
        ',20240701,20250630,67.56,67.56,67.56,67.56,67.56,67.56,67.56,67.56,94.58,101.34,',
      ),
    )
    .join('\n');
  expect((await admin.post('/ndis/catalogue/imports', { csv: older })).status).toBe(201);
  expect((await admin.post('/ndis/catalogue/imports', { csv })).status).toBe(201);
  // $72/h weekdays; $100/h Saturdays and $160/h public holidays; the option names the self-care item per band.
  const created = await finance.post('/contract-types', {
    name: 'NDIS self-care',
    category: 'ndis',
    optionSets: [
      {
        effectiveFrom: '2024-07-01',
        options: {
          hourlyRate: 7200,
          unsociableRanges: [
            { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: 16000 },
            { when: { kind: 'dayOfWeek', day: 'sat' }, from: '00:00', to: '24:00', hourlyRate: 10000 },
          ],
          ndisSupportItems: DEMO_SELF_CARE_FAMILY.bands,
        },
      },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  typeId = created.body.id;
  // Melbourne Cup day is a public holiday in Victoria's calendar only.
  for (const region of ['AU-VIC', 'AU-NSW'])
    await finance.post('/calendar-days', {
      region,
      date: region === 'AU-VIC' ? '2025-11-04' : '2025-10-06',
      kind: 'public_holiday',
      name: region === 'AU-VIC' ? 'Melbourne Cup' : 'Labour Day',
    });
});
afterAll(() => t.close());

async function client(givenName: string, state: string, region: string, mmmBand = 1) {
  const res = await admin.post('/clients', {
    givenName,
    familyName: 'Items',
    timeZone: state === 'VIC' ? 'Australia/Melbourne' : 'Australia/Sydney',
    state,
    mmmBand,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as string;
  expect((await finance.put(`/clients/${id}/region`, { region })).status).toBe(200);
  const contract = await finance.post(`/clients/${id}/contracts`, {
    contractTypeId: typeId,
    name: 'NDIS',
    startDate: '2024-07-01',
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  return id;
}

async function setLimitMode(priceLimitMode: 'warn' | 'refuse') {
  const settings = (await admin.get('/ndis/claim-settings')).body;
  expect((await admin.put('/ndis/claim-settings', { ...settings, priceLimitMode })).status).toBe(200);
}

/** Books a visit (in "warn": "refuse" would not book a rate above the limit), then reads its price in `mode`. */
async function price(
  clientId: string,
  bookingDate: string,
  startTime = '09:00',
  durationMinutes = 60,
  mode: 'warn' | 'refuse' = 'refuse',
) {
  await setLimitMode('warn');
  const b = await coordinator.post(`/clients/${clientId}/service-orders`, {
    name: 'Personal care',
    bookingDate,
    startTime,
    durationMinutes,
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  await setLimitMode(mode);
  const p = await finance.get(`/bookings/${b.body.id}/price`);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  return p.body;
}

describe('the support item of a contract-priced visit, in "why this price"', () => {
  it('a public holiday of the client region picks the public holiday item; the same day elsewhere is a weekday', async () => {
    const vic = await client('Vera', 'VIC', 'AU-VIC');
    const cup = await price(vic, '2025-11-04');
    expect(cup.totalMinor).toBe(16000);
    expect(cup.supportItem).toMatchObject({
      band: 'public_holiday',
      bandReason: '2025-11-04 is a public holiday',
      itemNumber: '01_012_0107_1_1',
      zone: 'VIC',
      limitMinor: 15603,
      rateMinor: 16000,
      mode: 'refuse',
      verdict: 'refuse',
    });
    expect(cup.supportItem.message).toContain('$160.00 is above the price limit $156.03 of 01_012_0107_1_1');

    const nsw = await client('Nina', 'NSW', 'AU-NSW');
    const tuesday = await price(nsw, '2025-11-04');
    expect(tuesday.supportItem).toMatchObject({
      band: 'weekday_daytime',
      itemNumber: '01_011_0107_1_1',
      limitMinor: 7023,
      verdict: 'refuse',
    });
  });

  it('evening by its end, the limit of the version in force on the date, remote limits, and warn', async () => {
    const nsw = await client('Ned', 'NSW', 'AU-NSW');
    const evening = await price(nsw, '2025-11-05', '19:30', 60);
    expect(evening.supportItem).toMatchObject({ band: 'weekday_evening', itemNumber: '01_015_0107_1_1' });
    expect(evening.supportItem).toMatchObject({ limitMinor: 7738, verdict: 'within' });
    const june = await price(nsw, '2025-06-30');
    expect(june.supportItem).toMatchObject({ limitMinor: 6756, verdict: 'refuse' });

    const remote = await client('Remy', 'NT', 'AU-NT', 6);
    expect((await price(remote, '2025-11-05')).supportItem).toMatchObject({
      zone: 'REMOTE',
      limitMinor: 9832,
      verdict: 'within',
    });

    const settings = (await admin.get('/ndis/claim-settings')).body;
    expect((await admin.put('/ndis/claim-settings', { ...settings, priceLimitMode: 'warn' })).status).toBe(
      200,
    );
    const warned = await price(nsw, '2025-11-06', '09:00', 60, 'warn');
    expect(warned.supportItem).toMatchObject({ verdict: 'warn', mode: 'warn' });
    expect(warned.supportItem.message).toContain('claimed at the limit');
    await admin.put('/ndis/claim-settings', { ...settings, priceLimitMode: 'refuse' });
  });

  it('refuses an option naming something that is not a support item number', async () => {
    const bad = await finance.post('/contract-types', {
      name: 'Bad items',
      category: 'ndis',
      optionSets: [
        {
          effectiveFrom: '2025-07-01',
          options: { hourlyRate: 7000, ndisSupportItems: { saturday: '01-013' } },
        },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('optionSets.0.options.ndisSupportItems.saturday');
  });
});
