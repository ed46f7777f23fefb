import { readFileSync } from 'node:fs';
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

// Claim types (blank, NF2F, REPW, TRAN), provider travel and transport, and group supports, each checked in the
// bulk payment file's rows as written by hand. Exports happen on 2 Feb 2026 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-02-01T23:00:00Z'));
const demoCsv = readFileSync(DEMO_CATALOGUE_FILE, 'utf8');
// The centre capital cost item, in the NDIA layout (a test price: the catalogue's figure is dated data).
const centreCapitalCsv = `${demoCsv.split('\r\n')[0]}\r\n04_599_0136_6_1,"Group Activities - Centre Capital Cost",0136,"Group And Centre Based Activities",4,4,"Assistance with Social, Economic and Community Participation","Assistance with Social, Economic and Community Participation",H,N,20250701,,2.59,2.59,2.59,2.59,2.59,2.59,2.59,2.59,2.59,2.59,N,N,N,N,N,Price Limited Supports\r\n`;
const REG = '4050012345';
const ABN = '51824753556';

let t: TestApp;
let org: SeededOrg;
let admin: Agent;
let finance: Agent;
let coordinator: Agent;
let travelType: string;
let noTravelType: string;
let secondWorker: string;

type Client = { clientId: string; contractId: string };
type Line = {
  deliveredServiceId: string;
  deliveredFrom: string;
  ndisNumber: string;
  supportNumber: string;
  hoursMinutes: number | null;
  quantityHundredths: number | null;
  unitPriceMinor: number;
  claimType: string | null;
  explanation: string;
  deliveredAs: string | null;
};
type Problem = {
  deliveredServiceId: string;
  description: string;
  reason: string;
  deliveredAs: string | null;
};

async function ndisClient(givenName: string, ndisNumber: string, mmmBand = 1, contractTypeId = travelType) {
  const res = await admin.post('/clients', {
    givenName,
    familyName: 'Type',
    timeZone: 'Australia/Sydney',
    state: 'NSW',
    ndisNumber,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await sql`UPDATE clients SET mmm_band = ${mmmBand} WHERE id = ${res.body.id}`.execute(t.db);
  const contract = await finance.post(`/clients/${res.body.id}/contracts`, {
    contractTypeId,
    name: 'NDIS service agreement',
    startDate: '2025-07-01',
    optionSets: [],
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  return { clientId: res.body.id as string, contractId: contract.body.id as string };
}

const aedt = (date: string, hhmm: string, plus = 0) =>
  `${Temporal.PlainDateTime.from(`${date}T${hhmm}`).add({ minutes: plus }).toString()}+11:00`;

/** A completed session (summer in Sydney, +11:00), with the completion's extra fields. */
async function session(o: {
  clients: Client[];
  date: string;
  time: string;
  minutes: number;
  services?: unknown[];
  workers?: string[];
  travel?: unknown[];
  complete?: (s: { clients: { participantId: string }[] }) => Record<string, unknown>;
  travelArea?: string;
}) {
  const workers = o.workers ?? [org.staffIds.worker];
  const created = await coordinator.post('/sessions', {
    category: o.clients.length > 1 ? 'group' : 'visit',
    name: 'NDIS support',
    bookingDate: o.date,
    startTime: o.time,
    durationMinutes: o.minutes,
    ...(o.clients.length > 1 ? { capacity: o.clients.length } : {}),
    clients: o.clients.map((c) => ({ clientId: c.clientId, contractId: c.contractId })),
    workers: workers.map((staffId) => ({ staffId })),
    services: o.services ?? [
      {
        source: 'contract',
        contractId: o.clients[0]!.contractId,
        name: 'Personal care',
        ratio: 1,
        supportItem: '01_011_0107_1_1',
      },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const s = created.body.session;
  const done = await coordinator.post(`/sessions/${s.id}/complete`, {
    travelArea: o.travelArea ?? 'metro',
    ...(o.travel
      ? {
          workers: [
            {
              participantId: s.workers[0].participantId,
              actualStart: aedt(o.date, o.time),
              actualEnd: aedt(o.date, o.time, o.minutes),
              travel: o.travel,
            },
          ],
        }
      : {}),
    ...(o.complete ? o.complete(s) : {}),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return s;
}

async function preview(from: string, to: string) {
  const res = await finance.post('/ndis/bulk-payments/preview', { from, to });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { lines: Line[]; problems: Problem[] };
}

/** Exports the period and returns the file's data rows. */
async function exportRows(from: string, to: string) {
  const res = await finance.post('/ndis/bulk-payments', { from, to });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const file = await fetch(`${t.baseUrl}/api/v1/ndis/bulk-payments/${res.body.files[0].id}/file.csv`, {
    headers: { cookie: finance.cookie },
  });
  const rows = (await file.text()).split('\r\n');
  return { name: res.body.files[0].name as string, rows: rows.slice(1, -1) };
}

const deliveredAs = (id: string, value: string) =>
  finance.put(`/ndis/claims/records/${id}/delivered-as`, { deliveredAs: value });

/** A bulk payment row as the NDIA's guide lays it out (16 columns). */
const row = (r: {
  ndis: string;
  date: string;
  item: string;
  ref: string;
  quantity?: string;
  hours?: string;
  price: string;
  type?: string;
  reason?: string;
}) => {
  const d = r.date.replaceAll('-', '/');
  return [REG, r.ndis, d, d, r.item, r.ref, r.quantity ?? '', r.hours ?? '', r.price, 'P2', '', '', '']
    .concat([r.type ?? '', r.reason ?? '', ABN])
    .join(',');
};

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'NdisClaimTypes');
  admin = await signedIn(t.baseUrl, org.emails.administrator);
  finance = await signedIn(t.baseUrl, org.emails.finance);
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  const type = async (name: string, enableTravelPayments: boolean) =>
    (
      await finance.post('/contract-types', {
        name,
        category: 'ndis',
        optionSets: [{ effectiveFrom: '2025-07-01', options: { hourlyRate: 7023, enableTravelPayments } }],
      })
    ).body.id as string;
  travelType = await type('NDIS with travel', true);
  noTravelType = await type('NDIS without travel', false);
  for (const csv of [demoCsv, centreCapitalCsv]) {
    const imported = await admin.post('/ndis/catalogue/imports', { csv, source: 'test' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  }
  const family = await admin.put(
    `/ndis/catalogue/families/${encodeURIComponent(DEMO_SELF_CARE_FAMILY.family)}`,
    { bands: DEMO_SELF_CARE_FAMILY.bands },
  );
  expect(family.status, JSON.stringify(family.body)).toBe(200);
  const settings = await finance.put('/ndis/claim-settings', {
    registrationNumber: REG,
    abn: ABN,
    priceLimitMode: 'refuse',
    gstCode: 'P2',
    suffixedItemsFrom: '2026-07-01',
    nonLabourTravelItem: '01_799_0107_1_1',
    transportItem: '04_590_0125_6_1',
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const worker = await admin.post('/staff', {
    givenName: 'Second',
    familyName: 'Worker',
    email: 'second.worker@ndis.example.org',
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    roleIds: [],
  });
  expect(worker.status, JSON.stringify(worker.body)).toBe(201);
  secondWorker = worker.body.id;
});
afterAll(() => t.close());

describe('claim types', () => {
  it('claims face-to-face as blank, non-face-to-face as NF2F and NDIA reports as REPW, each only where the item allows', async () => {
    const eve = await ndisClient('Eve', '430000021');
    await session({ clients: [eve], date: '2025-12-02', time: '10:00', minutes: 60 });
    await session({ clients: [eve], date: '2025-12-03', time: '10:00', minutes: 30 });
    const ot = {
      source: 'adhoc',
      name: 'Occupational therapy: NDIA-requested report',
      hourlyRateMinor: 19399,
      ratio: 1,
      supportItem: '15_617_0128_1_3',
    };
    await session({ clients: [eve], date: '2025-12-04', time: '14:00', minutes: 90, services: [ot] });
    await session({ clients: [eve], date: '2025-12-05', time: '10:00', minutes: 60 });
    await session({
      clients: [eve],
      date: '2025-12-08',
      time: '10:00',
      minutes: 60,
      travel: [{ leg: 'to', minutes: 20, km: 0 }],
    });

    const before = await preview('2025-12-01', '2025-12-31');
    const on = (date: string) => before.lines.filter((l) => l.deliveredFrom === date);
    const serviceOn = (date: string) => on(date).find((l) => l.deliveredAs !== null)!;
    const travelOn = (date: string) => on(date).find((l) => l.claimType === 'TRAN')!;
    expect(serviceOn('2025-12-02')).toMatchObject({ deliveredAs: 'face_to_face', claimType: null });
    expect(travelOn('2025-12-08').deliveredAs).toBeNull();

    // The phone check-in and the Monday visit were non-face-to-face; the report and Friday's visit are reports.
    for (const [date, as] of [
      ['2025-12-03', 'non_face_to_face'],
      ['2025-12-04', 'ndia_report'],
      ['2025-12-05', 'ndia_report'],
      ['2025-12-08', 'non_face_to_face'],
    ] as const) {
      const res = await deliveredAs(serviceOn(date).deliveredServiceId, as);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // Only a service is delivered one way or another.
    const travel = await deliveredAs(travelOn('2025-12-08').deliveredServiceId, 'non_face_to_face');
    expect(travel.status).toBe(422);
    expect(travel.body.errors[0]).toMatchObject({ field: 'deliveredAs' });
    const missing = await deliveredAs('00000000-0000-4000-8000-000000000000', 'ndia_report');
    expect(missing.status).toBe(404);

    const after = await preview('2025-12-01', '2025-12-31');
    expect(after.problems).toEqual([
      expect.objectContaining({
        description: 'Personal care',
        reason: '01_011_0107_1_1 does not allow NDIA-requested report claims',
        deliveredAs: 'ndia_report',
      }),
      expect.objectContaining({
        description: expect.stringMatching(/^Travel to the session/),
        reason: 'provider travel is claimable only for face-to-face supports',
        deliveredAs: null,
      }),
    ]);

    const { name, rows } = await exportRows('2025-12-01', '2025-12-31');
    const ref = (n: number) => `${name.replace(/\.csv$/, '')}-${n}`;
    expect(rows).toEqual([
      row({
        ndis: '430000021',
        date: '2025-12-02',
        item: '01_011_0107_1_1',
        ref: ref(1),
        hours: '1:00',
        price: '70.23',
      }),
      row({
        ndis: '430000021',
        date: '2025-12-03',
        item: '01_011_0107_1_1',
        ref: ref(2),
        hours: '0:30',
        price: '70.23',
        type: 'NF2F',
      }),
      row({
        ndis: '430000021',
        date: '2025-12-04',
        item: '15_617_0128_1_3',
        ref: ref(3),
        hours: '1:30',
        price: '193.99',
        type: 'REPW',
      }),
      row({
        ndis: '430000021',
        date: '2025-12-08',
        item: '01_011_0107_1_1',
        ref: ref(4),
        hours: '1:00',
        price: '70.23',
        type: 'NF2F',
      }),
    ]);
    // Exported: how it was delivered is locked with the line.
    const locked = await deliveredAs(serviceOn('2025-12-03').deliveredServiceId, 'face_to_face');
    expect(locked.status).toBe(409);
    // Refused records stay to be put right: the Friday visit was face-to-face after all.
    const fixed = await deliveredAs(serviceOn('2025-12-05').deliveredServiceId, 'face_to_face');
    expect(fixed.status).toBe(200);
    expect((await preview('2025-12-05', '2025-12-05')).lines).toEqual([
      expect.objectContaining({ supportNumber: '01_011_0107_1_1', claimType: null, hoursMinutes: 60 }),
    ]);
  });
});

/** Rows without their claim reference (column 6), to compare with rows written by hand. */
const unreferenced = (rows: string[]) =>
  rows.map((r) =>
    r
      .split(',')
      .filter((_, i) => i !== 5)
      .join(','),
  );
const rowNoRef = (r: Parameters<typeof row>[0] extends infer R ? Omit<R, 'ref'> : never) =>
  unreferenced([row({ ...r, ref: 'x' })])[0]!;

describe('provider travel and activity-based transport', () => {
  it('claims travel only where agreed and allowed, capped by the participant’s band, therapy at 50%; transport on its item', async () => {
    const fay = await ndisClient('Fay', '430000031', 2);
    const gus = await ndisClient('Gus', '430000032', 5);
    const ivy = await ndisClient('Ivy', '430000033', 1, noTravelType);
    const jon = await ndisClient('Jon', '430000034', 1);
    // MMM2, recorded with the regional area: 50 min of travel is capped at 30 for Fay; 12 km and $3 parking.
    await session({
      clients: [fay],
      date: '2026-01-13',
      time: '10:00',
      minutes: 60,
      travelArea: 'regional',
      travel: [{ leg: 'to', minutes: 50, km: 12, parkingMinor: 300 }],
    });
    // Therapy in MMM5: 75 min of travel, capped at 60, priced at 50% of the OT limit ($193.99 → $97.00/h).
    await session({
      clients: [gus],
      date: '2026-01-14',
      time: '10:00',
      minutes: 60,
      travelArea: 'regional',
      services: [
        {
          source: 'adhoc',
          name: 'Occupational therapy',
          hourlyRateMinor: 19399,
          ratio: 1,
          supportItem: '15_617_0128_1_3',
        },
      ],
      travel: [{ leg: 'to', minutes: 75, km: 0 }],
    });
    // Ivy's agreement does not provide for travel: her worker's 30 min are not claimed.
    await session({
      clients: [ivy],
      date: '2026-01-15',
      time: '10:00',
      minutes: 60,
      travel: [{ leg: 'to', minutes: 30, km: 8 }],
    });
    // Activity-based transport in a modified vehicle: 10 km at $2.76, 30 min of the worker's time, $5 tolls.
    await session({
      clients: [jon],
      date: '2026-01-16',
      time: '10:00',
      minutes: 60,
      complete: (s) => ({
        transport: [
          {
            workerParticipantId: (s as unknown as { workers: { participantId: string }[] }).workers[0]!
              .participantId,
            km: 10,
            minutes: 30,
            clientParticipantIds: [s.clients[0]!.participantId],
            vehicleType: 'modified',
            tollsMinor: 500,
          },
        ],
      }),
    });

    const p = await preview('2026-01-13', '2026-01-16');
    expect(p.problems).toEqual([]);
    expect(p.lines.find((l) => l.ndisNumber === '430000031' && l.hoursMinutes === 30)?.explanation).toContain(
      'capped at 30 min per participant per trip (MMM2)',
    );
    const { rows } = await exportRows('2026-01-13', '2026-01-16');
    expect(unreferenced(rows)).toEqual([
      rowNoRef({
        ndis: '430000031',
        date: '2026-01-13',
        item: '01_011_0107_1_1',
        hours: '1:00',
        price: '70.23',
      }),
      rowNoRef({
        ndis: '430000031',
        date: '2026-01-13',
        item: '01_011_0107_1_1',
        hours: '0:30',
        price: '70.23',
        type: 'TRAN',
      }),
      rowNoRef({
        ndis: '430000031',
        date: '2026-01-13',
        item: '01_799_0107_1_1',
        quantity: '11.88',
        price: '1.00',
        type: 'TRAN',
      }),
      rowNoRef({
        ndis: '430000031',
        date: '2026-01-13',
        item: '01_799_0107_1_1',
        quantity: '3.00',
        price: '1.00',
        type: 'TRAN',
      }),
      rowNoRef({
        ndis: '430000032',
        date: '2026-01-14',
        item: '15_617_0128_1_3',
        hours: '1:00',
        price: '193.99',
      }),
      rowNoRef({
        ndis: '430000032',
        date: '2026-01-14',
        item: '15_617_0128_1_3',
        hours: '1:00',
        price: '97.00',
        type: 'TRAN',
      }),
      rowNoRef({
        ndis: '430000033',
        date: '2026-01-15',
        item: '01_011_0107_1_1',
        hours: '1:00',
        price: '70.23',
      }),
      rowNoRef({
        ndis: '430000034',
        date: '2026-01-16',
        item: '01_011_0107_1_1',
        hours: '1:00',
        price: '70.23',
      }),
      rowNoRef({
        ndis: '430000034',
        date: '2026-01-16',
        item: '04_590_0125_6_1',
        quantity: '27.60',
        price: '1.00',
        type: 'TRAN',
      }),
      rowNoRef({
        ndis: '430000034',
        date: '2026-01-16',
        item: '01_011_0107_1_1',
        hours: '0:30',
        price: '70.23',
      }),
      rowNoRef({
        ndis: '430000034',
        date: '2026-01-16',
        item: '04_590_0125_6_1',
        quantity: '5.00',
        price: '1.00',
        type: 'TRAN',
      }),
    ]);
  });
});

describe('group supports', () => {
  it("prices each participant at the limit × workers who supported them ÷ participants, with the centre's capital cost on its own line", async () => {
    const group = [];
    for (let i = 1; i <= 5; i++) group.push(await ndisClient(`Kit${i}`, `43000004${i}`));
    await session({
      clients: group,
      date: '2026-01-20',
      time: '10:00',
      minutes: 120,
      workers: [org.staffIds.worker, secondWorker],
      services: [
        {
          source: 'adhoc',
          name: 'Centre program',
          hourlyRateMinor: 7023,
          ratio: 3,
          supportItem: '01_011_0107_1_1',
        },
        {
          source: 'adhoc',
          name: 'Centre capital cost',
          hourlyRateMinor: 259,
          ratio: 1,
          supportItem: '04_599_0136_6_1',
        },
      ],
      // Two workers supported all five: each participant's share is 2 ÷ 5 = 40%.
      complete: (s) => ({
        apportionment: s.clients.map((c) => ({ participantId: c.participantId, portionBasisPoints: 4000 })),
      }),
    });
    const p = await preview('2026-01-20', '2026-01-20');
    expect(p.problems).toEqual([]);
    expect(p.lines[0]!.explanation).toContain('40% share of $70.23/h');
    const { rows } = await exportRows('2026-01-20', '2026-01-20');
    expect(unreferenced(rows)).toEqual(
      group.flatMap((_, i) => [
        rowNoRef({
          ndis: `43000004${i + 1}`,
          date: '2026-01-20',
          item: '01_011_0107_1_1',
          hours: '2:00',
          price: '28.09',
        }),
        rowNoRef({
          ndis: `43000004${i + 1}`,
          date: '2026-01-20',
          item: '04_599_0136_6_1',
          hours: '2:00',
          price: '2.59',
        }),
      ]),
    );
  });
});
