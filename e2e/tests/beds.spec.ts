import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  addDays,
  apiSession,
  chooseOption,
  createClient,
  field,
  fillDate,
  signIn,
  todayIn,
  transitionsSettled,
  USERS,
  uniqueSuffix,
} from './support';

// Written beside the other specs' artifacts; docs/screenshots takes a copy by hand when the screen changes.
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(SCREENSHOTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(blocking, `serious/critical axe violations on ${name}:\n${report}`).toEqual([]);
}

test('a bed held from vacancy search is confirmed, given the contract’s nightly rate, checked in and out early, and charged for the nights used', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const site = await admin.post<{ id: string }>('/accommodation-sites', {
    name: `E2E House ${suffix}`,
    timeZone: 'Australia/Sydney',
  });
  const room = await admin.post<{ id: string }>(`/accommodation-sites/${site.id}/rooms`, { name: 'Room 1' });
  const bedName = `Bed ${suffix}`;
  await admin.post('/beds', { roomId: room.id, name: bedName, bedType: 'respite', amenities: ['hoist'] });
  const client = await createClient(admin, 'Australia/Sydney', 'Bea');
  const today = todayIn('Australia/Sydney');
  // A contract type whose option set prices a respite night (the service picks it; nobody types a rate).
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `E2E respite ${suffix}`,
    category: 'ndis',
    optionSets: [
      {
        effectiveFrom: addDays(today, -60),
        options: {
          hourlyRate: 6000,
          accommodationRates: [{ name: 'Respite night', unit: 'night', rate: 12_050 }],
        },
      },
    ],
  });
  await admin.post(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'NDIS plan',
    startDate: addDays(today, -30),
  });

  await signIn(page, USERS.coordinator);
  await page.getByRole('link', { name: 'Beds' }).click();
  await expect(page).toHaveTitle('Beds · Carebook');
  await expect(page.getByTestId('beds-calendar')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('beds-calendar')).toContainText('Harbour Respite House');
  await expectAccessible(page, 'the beds calendar');

  await page.getByRole('tab', { name: 'Vacancies' }).click();
  await page.getByRole('combobox', { name: 'Client' }).fill(client.familyName);
  await page
    .getByRole('option', { name: new RegExp(client.familyName) })
    .first()
    .click();
  await fillDate(field(page, 'Arrives'), addDays(today, -1));
  await fillDate(field(page, 'Leaves'), addDays(today, 3));
  await chooseOption(page, page.locator('body'), 'Holds expire after', '24 hours');
  await page.getByRole('button', { name: 'Find beds' }).click();
  const results = page.getByRole('table', { name: 'Free beds' });
  await expect(results.getByRole('row', { name: new RegExp(bedName) })).toContainText('Eligible');
  await expectAccessible(page, 'vacancy search');
  await page.getByRole('button', { name: `Hold ${bedName}` }).click();

  const drawer = page.getByRole('dialog', { name: 'Stay' });
  await expect(drawer.getByTestId('stay-state')).toHaveText('On hold');
  await expect(drawer).toContainText('Held until');
  await drawer.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(drawer.getByTestId('stay-state')).toHaveText('Booked');
  // The form offers the contract's rate with the API's price for the stay's nights.
  await expect(drawer.getByTestId('service-price-preview')).toContainText('4 nights: $482.00');
  await drawer.getByRole('button', { name: 'Add service' }).click();
  const charges = drawer.getByRole('table', { name: 'Charges for the stay' });
  await expect(charges).toContainText('Respite night');
  await expect(charges).toContainText('4 nights');
  await expect(charges).toContainText('$482.00');
  await drawer.getByRole('button', { name: 'Check in' }).click();
  await expect(drawer.getByTestId('stay-state')).toHaveText('Checked in');
  await fillDate(field(drawer, 'Left on'), today);
  await drawer.getByRole('button', { name: 'Check out' }).click();
  await expect(drawer.getByTestId('stay-state')).toHaveText('Checked out');
  await expect(drawer).toContainText('1 night');
  await expect(charges).toContainText('1 night');
  await expect(charges.getByRole('row', { name: /Total/ })).toContainText('$120.50');
  await expectAccessible(page, 'the stay drawer');
  await page.keyboard.press('Escape');

  // The freed nights are free again: the same bed is offered for them.
  await page.getByRole('tab', { name: 'Vacancies' }).click();
  await fillDate(field(page, 'Arrives'), today);
  await fillDate(field(page, 'Leaves'), addDays(today, 3));
  await page.getByRole('button', { name: 'Find beds' }).click();
  await expect(results.getByRole('row', { name: new RegExp(bedName) })).toBeVisible();

  await page.getByRole('tab', { name: 'Occupancy' }).click();
  await expect(page.getByRole('img', { name: /Utilisation of Harbour Respite House/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Calendar' }).click();
  await expect(page.getByTestId('beds-calendar')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('beds-calendar')).toContainText('Out of service: Painting');
  await page.screenshot({ path: join(SCREENSHOTS, 'beds-calendar.png'), fullPage: true });

  // Billing the stay: a run for the client bills the one day used (not the freed ones) at the service's rate.
  await page.context().clearCookies();
  await signIn(page, USERS.admin);
  await page.goto('/invoices');
  await page.getByRole('button', { name: 'New billing run' }).first().click();
  const modal = page.getByRole('dialog', { name: 'New billing run' });
  await fillDate(field(modal, 'From'), addDays(today, -1));
  await fillDate(field(modal, 'To'), addDays(today, 3));
  await modal.getByText('One client').click();
  const picker = modal.getByRole('combobox', { name: 'Client' });
  await picker.click();
  await picker.fill(client.familyName);
  await page
    .getByRole('option', { name: new RegExp(client.familyName) })
    .first()
    .click();
  await modal.getByRole('button', { name: 'Start billing run' }).click();
  await expect(modal.getByTestId('billing-run-summary').getByText('Billing run complete')).toBeVisible();
  await expect(modal.getByTestId('run-invoice-count')).toHaveText('1');
  await modal.getByRole('link', { name: 'Draft invoice 1' }).click();
  await expect(page.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
  const line = page.getByTestId('invoice-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Stay');
  await expect(line).toContainText(`Respite night, Room 1 ${bedName}, 1 night`);
  await expect(line).toContainText('$120.50');
  await expectAccessible(page, 'the stay’s invoice');
  await admin.dispose();
});
