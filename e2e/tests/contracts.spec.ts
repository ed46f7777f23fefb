import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
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

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  // Success notifications are the app shell's (and fade away); the pages under test are what is checked.
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => {});
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(blocking, `serious/critical axe violations on ${name}:\n${report}`).toEqual([]);
}

/** Mantine's switch input sits under its track, so the click is forced. */
async function flip(scope: Page | Locator, name: string | RegExp, on: boolean): Promise<void> {
  const input = scope.getByRole('switch', { name, exact: typeof name === 'string' });
  if ((await input.isChecked()) !== on) await input.click({ force: true });
  await (on ? expect(input).toBeChecked() : expect(input).not.toBeChecked());
}

type TypeBody = {
  id: string;
  optionSets: { effectiveFrom: string; options: Record<string, unknown> }[];
};

test('a contract type, a client contract that overrides it from a date, and the timeline that shows both', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Contracta');
  const typeName = `Private hourly ${uniqueSuffix()}`;

  await signIn(page, USERS.admin);
  await page.goto('/contract-types');
  await page.getByRole('link', { name: 'New contract type' }).click();
  await expect(page.getByRole('heading', { name: 'New contract type' })).toBeVisible();
  await field(page, 'Name').fill(typeName);
  await chooseOption(page, page.locator('form'), 'Category', 'Private');

  // The first option set: an hourly rate, a fixed 30-minute rate and a weekend range.
  const first = page.getByTestId('option-set-0');
  await fillDate(field(first, 'Effective from'), '2026-01-01');
  await field(first, 'Hourly rate').fill('30');
  const rates = first.getByRole('group', { name: 'Non-pro-rata rates' });
  await rates.getByRole('button', { name: 'Add non-pro-rata rate' }).click();
  await field(rates, 'Minutes').fill('30');
  await field(rates, 'Amount').fill('18.5');
  await first.getByRole('button', { name: 'Add unsociable range' }).click();
  const range = first.getByRole('group', { name: 'Unsociable range 1' });
  await chooseOption(page, range, 'Applies on', 'Weekends (Sat–Sun)');
  await fillDate(field(range, 'From'), '00:00');
  await fillDate(field(range, 'To'), '24:00');
  await field(range, 'Range hourly rate').fill('45.00');

  // A later option set: copied from the first, with a new hourly rate from 1 July.
  await page.getByRole('button', { name: 'Add option set' }).click();
  const second = page.getByTestId('option-set-1');
  await fillDate(field(second, 'Effective from'), '2026-07-01');
  await field(second, 'Hourly rate').fill('32.00');
  await expect(second.getByRole('group', { name: 'Unsociable range 1' })).toBeVisible();
  await page.getByRole('button', { name: 'Create contract type' }).click();

  await expect(page.getByText('Contract type created')).toBeVisible();
  await expect(page.getByRole('heading', { name: typeName })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'From Wed 1 Jul 2026' })).toBeVisible();
  const typeId = page.url().split('/').at(-1) ?? '';
  // Dollars typed by a person arrive as exact cents.
  const stored = await admin.get<TypeBody>(`/contract-types/${typeId}`);
  expect(stored.optionSets.map((s) => [s.effectiveFrom, s.options.hourlyRate])).toEqual([
    ['2026-01-01', 3000],
    ['2026-07-01', 3200],
  ]);
  expect(stored.optionSets[0]?.options.nonProRataRates).toEqual([{ minutes: 30, amount: 1850 }]);
  expect(stored.optionSets[0]?.options.unsociableRanges).toEqual([
    { when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: 4500 },
  ]);

  await page.getByRole('link', { name: 'Contract types' }).first().click();
  const row = page.getByRole('row', { name: new RegExp(typeName) });
  await expect(row).toContainText('Private');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');

  // Assign it to the client, overriding the hourly rate until 1 April.
  await page.goto(`/clients/${client.id}/contracts`);
  await expect(page.getByText('No contracts yet')).toBeVisible();
  await page.getByRole('button', { name: 'New contract' }).click();
  await chooseOption(page, page.locator('form'), 'Contract type', typeName);
  await expect(field(page, 'Contract name')).toHaveValue(typeName);
  await field(page, 'Contract name').fill('Home care 2026');
  await fillDate(field(page, 'Start date'), '2026-01-01');
  await fillDate(field(page, 'End date'), '2026-12-31');
  await page.getByRole('button', { name: 'Add option set' }).click();
  const own = page.getByTestId('option-set-0');
  await expect(field(own, 'Effective from')).toHaveValue('01/01/2026');
  const hourly = own.getByTestId('option-hourlyRate');
  await expect(hourly).toContainText('Inherited: $30.00/h');
  await flip(own, 'Override hourly rate', true);
  await expect(field(hourly, 'Hourly rate')).toHaveValue('30.00');
  await field(hourly, 'Hourly rate').fill('28');

  await page.getByRole('button', { name: 'Add option set' }).click();
  const later = page.getByTestId('option-set-1');
  await fillDate(field(later, 'Effective from'), '2026-04-01');
  await flip(later, 'Override hourly rate', false);
  await expect(later.getByTestId('option-hourlyRate')).toContainText('Inherited: $30.00/h');
  await flip(later, 'Override bill on actual times', true);
  await flip(later.getByTestId('option-billOnActualTimes'), /^Bill on actual times/, true);
  await page.getByRole('button', { name: 'Create contract' }).click();

  await expect(page.getByText('Contract created')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Home care 2026' })).toBeVisible();
  await expect(page.getByText('Default', { exact: true }).first()).toBeVisible();

  // The timeline opens on today while the contract runs, else on its start; read it from the start.
  const today = todayIn('Australia/Sydney');
  const opensOn = today >= '2026-01-01' && today <= '2026-12-31' ? today : '2026-01-01';
  const [y, m, d] = opensOn.split('-');
  await expect(field(page, 'From')).toHaveValue(`${d}/${m}/${y}`);
  await fillDate(field(page, 'From'), '01/01/2026');
  await fillDate(field(page, 'Until (exclusive)'), '01/01/2027');
  // The timeline: the contract's $28 until April, then the type's $30 and, from July, $32.
  const chart = page.getByTestId('timeline-chart');
  const hourlyRow = chart.getByTestId('timeline-row-hourlyRate');
  const segments = hourlyRow.getByRole('img');
  await expect(segments).toHaveCount(3);
  await expect(segments.nth(0)).toHaveAttribute('data-source', 'assignment');
  await expect(segments.nth(0)).toHaveAccessibleName(
    /\$28\.00\/h, Thu 1 Jan 2026 to Tue 31 Mar 2026\. This contract/,
  );
  await expect(segments.nth(1)).toHaveAttribute('data-source', 'type');
  await expect(segments.nth(1)).toHaveAccessibleName(
    /\$30\.00\/h, Wed 1 Apr 2026 to Tue 30 Jun 2026\. Contract type/,
  );
  await expect(segments.nth(2)).toHaveAccessibleName(/\$32\.00\/h, Wed 1 Jul 2026 to Thu 31 Dec 2026/);
  await expect(segments.nth(0)).toContainText('Contract $28.00/h');
  await expect(segments.nth(1)).toContainText('Type $30.00/h');
  const actual = chart.getByTestId('timeline-row-billOnActualTimes').getByRole('img');
  await expect(actual).toHaveCount(2);
  await expect(actual.nth(1)).toHaveAccessibleName(/Bill on actual times: Yes, Wed 1 Apr 2026/);
  await expect(chart.locator('[data-boundary="assignment"]')).toHaveCount(1);
  await expect(chart.locator('[data-boundary="type"]')).toHaveCount(1);
  const boundaries = page.getByTestId('timeline-boundaries');
  await expect(boundaries).toContainText("Wed 1 Apr 2026: this contract's option set 2 takes over");
  await expect(boundaries).toContainText("Wed 1 Jul 2026: the contract type's option set 2 takes over");

  // The same facts as a table, for screen readers and for reading exact dates.
  await page.getByText('Table', { exact: true }).click();
  const table = page.getByRole('table', { name: 'Effective options by period' });
  await expect(
    table.getByRole('row', { name: /Thu 1 Jan 2026 Tue 31 Mar 2026 \$28\.00\/h This contract, overridden/ }),
  ).toBeVisible();
  await expect(
    table.getByRole('row', { name: /Wed 1 Jul 2026 Thu 31 Dec 2026 \$32\.00\/h Contract type/ }),
  ).toBeVisible();

  // A second contract can take over as the default.
  await page.getByRole('button', { name: '← All contracts' }).click();
  await page.getByRole('button', { name: 'New contract' }).click();
  await chooseOption(page, page.locator('form'), 'Contract type', typeName);
  await field(page, 'Contract name').fill('Respite 2027');
  await fillDate(field(page, 'Start date'), '2027-01-01');
  await page.getByRole('button', { name: 'Create contract' }).click();
  await expect(page.getByRole('heading', { name: 'Respite 2027' })).toBeVisible();
  await page.getByRole('button', { name: '← All contracts' }).click();
  const contracts = page.getByRole('table', { name: 'Client contracts' });
  await expect(contracts.getByRole('row', { name: /Home care 2026/ })).toContainText('Default');
  await contracts.getByRole('button', { name: 'Make Respite 2027 the default' }).click();
  await expect(page.getByText('Default contract changed')).toBeVisible();
  await expect(contracts.getByRole('row', { name: /Respite 2027/ })).toContainText('Default');
  await expect(contracts.getByRole('button', { name: 'Make Home care 2026 the default' })).toBeVisible();
  await admin.dispose();
});

test("the server's validation errors land on the field they are about", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto('/contract-types/new');
  await field(page, 'Name').fill(`Twice ${uniqueSuffix()}`);
  await chooseOption(page, page.locator('form'), 'Category', 'NDIS');
  const set = page.getByTestId('option-set-0');
  await field(set, 'Hourly rate').fill('12.345');
  const rates = set.getByRole('group', { name: 'Non-pro-rata rates' });
  await rates.getByRole('button', { name: 'Add non-pro-rata rate' }).click();
  await rates.getByRole('button', { name: 'Add non-pro-rata rate' }).click();
  await field(rates, 'Minutes').nth(0).fill('45');
  await field(rates, 'Amount').nth(0).fill('20');
  await field(rates, 'Minutes').nth(1).fill('45');
  await field(rates, 'Amount').nth(1).fill('21');
  await page.getByRole('button', { name: 'Create contract type' }).click();
  // Checked in the browser: amounts must be dollars and cents.
  await expect(field(set, 'Hourly rate')).toHaveAccessibleDescription(/dollars and cents/);
  await field(set, 'Hourly rate').fill('12.35');
  await page.getByRole('button', { name: 'Create contract type' }).click();
  // Checked by the server (422): the duplicate is the second rate's minutes.
  await expect(page.getByRole('alert').filter({ hasText: "couldn't be saved" })).toBeVisible();
  await expect(field(rates, 'Minutes').nth(1)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(rates, 'Minutes').nth(1)).toHaveAccessibleDescription(/is listed twice/i);
  await expect(field(rates, 'Minutes').nth(0)).not.toHaveAttribute('aria-invalid', 'true');
});

test('calendars, a client region and a carer contract; the contract screens pass axe', async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Regina');
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `NDIS core ${uniqueSuffix()}`,
    category: 'ndis',
    optionSets: [
      { effectiveFrom: '2026-01-01', options: { hourlyRate: 6747 } },
      { effectiveFrom: '2026-07-01', options: { hourlyRate: 7000 } },
    ],
  });
  await admin.post(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'Core supports',
    startDate: '2026-01-01',
    optionSets: [{ effectiveFrom: '2026-03-01', options: { hourlyRate: 6500 } }],
  });
  const region = `R${uniqueSuffix()}`.slice(0, 12);

  await signIn(page, USERS.admin);
  await page.goto('/contract-types');
  await expect(page.getByRole('table', { name: 'Contract types' })).toBeVisible();
  await expectAccessible(page, 'contract-types');

  await page.getByRole('tab', { name: 'Calendars' }).click();
  const add = page.getByRole('form', { name: 'Add a calendar day' });
  await field(add, 'Region').first().fill(region);
  await fillDate(field(add, 'Date'), '2026-12-25');
  await field(add, 'Day name').fill('Christmas Day');
  await add.getByRole('button', { name: 'Add day' }).click();
  await expect(page.getByText('Day added')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Calendar days' })).toContainText('Christmas Day');
  await expectAccessible(page, 'contract-calendars');

  await page.goto(`/contract-types/${type.id}`);
  await expect(page.getByRole('tab', { name: 'From Wed 1 Jul 2026' })).toBeVisible();
  await expectAccessible(page, 'contract-type-editor');

  await page.goto(`/clients/${client.id}/contracts`);
  await expect(page.getByRole('table', { name: 'Client contracts' })).toContainText('Core supports');
  await field(page, 'Calendar region').first().fill(region);
  await page.getByRole('button', { name: 'Save region' }).click();
  await expect(page.getByText('Region saved')).toBeVisible();
  expect((await admin.get<{ region: string }>(`/clients/${client.id}/region`)).region).toBe(region);
  await expectAccessible(page, 'client-contracts');

  await page.getByRole('button', { name: 'Core supports' }).click();
  await expect(page.getByTestId('timeline-chart')).toBeVisible();
  await expectAccessible(page, 'client-contract-timeline');
  await page.getByText('Table', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Effective options by period' })).toBeVisible();
  await expectAccessible(page, 'client-contract-timeline-table');

  // The carer contract, from the staff list.
  await page.goto('/staff');
  await page
    .getByRole('button', { name: /^Carer contract of / })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/Carer contract: /)).toBeVisible();
  await field(dialog, 'Hourly rate').fill('35.10');
  await field(dialog, 'Mileage rate').fill('0.99');
  await expectAccessible(page, 'carer-contract');
  await dialog.getByRole('button', { name: /^(Create|Save) carer contract$/ }).click();
  await expect(page.getByText('Carer contract saved')).toBeVisible();
  await admin.dispose();
});
