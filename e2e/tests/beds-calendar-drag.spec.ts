import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  type ApiSession,
  addDays,
  apiSession,
  createClient,
  formatBookingDate,
  signIn,
  todayIn,
  USERS,
  uniqueSuffix,
} from './support';

type StayRead = { id: string; bedId: string; arriveOn: string; leaveOn: string; nights: number };

/** A pointer drag as a person makes it: press, move in steps (the calendar needs movement), release. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

function centre(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
}

/** The calendar redraws its bars while data arrives: act on it only once it says it is done. */
async function calendarSettled(page: Page) {
  await expect(page.getByTestId('beds-calendar')).toHaveAttribute('aria-busy', 'false');
}

/** The bar sits in the bed's row: its middle lies within the row's height. */
async function expectInRow(bar: Locator, row: Locator) {
  await expect
    .poll(async () => {
      const b = centre(await boxOf(bar));
      const r = await boxOf(row);
      return b.y > r.y && b.y < r.y + r.height;
    })
    .toBe(true);
}

async function setUp(admin: ApiSession, today: string) {
  const suffix = uniqueSuffix();
  const site = await admin.post<{ id: string; name: string }>('/accommodation-sites', {
    name: `E2E Drag House ${suffix}`,
    timeZone: 'Australia/Sydney',
  });
  const room = await admin.post<{ id: string }>(`/accommodation-sites/${site.id}/rooms`, { name: 'Room 1' });
  const bed = (name: string) =>
    admin.post<{ id: string; name: string }>('/beds', {
      roomId: room.id,
      name: `${name} ${suffix}`,
      bedType: 'respite',
      amenities: [],
    });
  const beds = { a: await bed('Drag A'), b: await bed('Drag B'), c: await bed('Drag C') };
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `E2E drag respite ${suffix}`,
    category: 'ndis',
    optionSets: [{ effectiveFrom: addDays(today, -60), options: { hourlyRate: 6000 } }],
  });
  const clientWithContract = async (givenName: string) => {
    const client = await createClient(admin, 'Australia/Sydney', givenName);
    await admin.post(`/clients/${client.id}/contracts`, {
      contractTypeId: type.id,
      name: 'NDIS plan',
      startDate: addDays(today, -30),
    });
    return client;
  };
  const mover = await clientWithContract('Mia');
  const neighbour = await clientWithContract('Ned');
  // Within a fortnight of this week's Monday whatever today is, so the default view shows every night.
  const stay = (bedId: string, clientId: string, from: number, to: number) =>
    admin.post<StayRead>('/stays', {
      bedId,
      clientId,
      arriveOn: addDays(today, from),
      leaveOn: addDays(today, to),
    });
  const moving = await stay(beds.a.id, mover.id, 1, 3);
  await stay(beds.c.id, neighbour.id, 1, 5);
  return { site, beds, mover, neighbour, moving };
}

test('on the beds calendar a stay is stretched by a night, dragged to another bed, and refused a bed that is taken', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await apiSession(USERS.admin);
  const today = todayIn('Australia/Sydney');
  const { site, beds, mover, neighbour, moving } = await setUp(admin, today);
  const readStay = () => admin.get<StayRead>(`/stays/${moving.id}`);
  const changes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/api/v1/stays/')) changes.push(r.url());
  });
  const stayChanged = () =>
    page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/stays/${moving.id}`),
    );

  await signIn(page, USERS.coordinator);
  await page.goto('/beds');
  const calendar = page.getByTestId('beds-calendar');
  const bar = calendar.locator('.ec-event:not(.ec-preview):not(.ec-ghost)', { hasText: mover.familyName });
  const row = (bed: { name: string }) => calendar.locator('.ec-row-head', { hasText: bed.name });
  await calendarSettled(page);
  await bar.scrollIntoViewIfNeeded();
  await expectInRow(bar, row(beds.a));

  // 1. Stretch the bar's end one day to the right: the stay now leaves a day later.
  const widthBefore = (await boxOf(bar)).width;
  const handle = centre(await boxOf(bar.locator('.ec-resizer')));
  const dayWidth = widthBefore / 2; // two nights
  const extended = stayChanged();
  await drag(page, handle, { x: handle.x + dayWidth, y: handle.y });
  expect((await extended).status()).toBe(200);
  await calendarSettled(page);
  await expect.poll(async () => (await boxOf(bar)).width).toBeGreaterThan(widthBefore + dayWidth / 2);
  await bar.click();
  const drawer = page.getByRole('dialog', { name: 'Stay' });
  await expect(drawer).toContainText(
    `${formatBookingDate(addDays(today, 1))} to ${formatBookingDate(addDays(today, 4))} · 3 nights`,
  );
  expect(await readStay()).toMatchObject({ bedId: beds.a.id, leaveOn: addDays(today, 4), nights: 3 });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // 2. Drag the bar down to the next bed on the same nights: it moves there.
  await calendarSettled(page);
  const from = await boxOf(bar);
  const start = { x: from.x + Math.min(20, from.width / 2), y: from.y + from.height / 2 };
  const moved = stayChanged();
  await drag(page, start, { x: start.x, y: centre(await boxOf(row(beds.b))).y });
  expect((await moved).status()).toBe(200);
  await calendarSettled(page);
  await expectInRow(bar, row(beds.b));
  expect(await readStay()).toMatchObject({
    bedId: beds.b.id,
    arriveOn: addDays(today, 1),
    leaveOn: addDays(today, 4),
  });

  // The site's and room's rows are headings, not beds: a bar dropped on one stays where it was, unsent.
  const onBed = await boxOf(bar);
  const hold = { x: onBed.x + Math.min(20, onBed.width / 2), y: onBed.y + onBed.height / 2 };
  await drag(page, hold, { x: hold.x, y: centre(await boxOf(row(site))).y });
  await expectInRow(bar, row(beds.b));

  // 3. Drag it onto the bed another client has on those nights: the server refuses and says why.
  const again = await boxOf(bar);
  const grip = { x: again.x + Math.min(20, again.width / 2), y: again.y + again.height / 2 };
  const refused = stayChanged();
  await drag(page, grip, { x: grip.x, y: centre(await boxOf(row(beds.c))).y });
  expect((await refused).status()).toBe(409);
  const alert = page.getByRole('alert').filter({ hasText: 'The stay was not changed' });
  await expect(alert).toContainText('The bed is taken on some of those nights');
  await expect(alert).toContainText(neighbour.familyName);
  await expectInRow(bar, row(beds.b));

  await page.reload();
  await calendarSettled(page);
  await bar.scrollIntoViewIfNeeded();
  await expectInRow(bar, row(beds.b));
  expect(await readStay()).toMatchObject({
    bedId: beds.b.id,
    arriveOn: addDays(today, 1),
    leaveOn: addDays(today, 4),
  });
  // Stretch, move and the refused move: nothing else was sent.
  expect(changes).toHaveLength(3);
  await admin.dispose();
});
