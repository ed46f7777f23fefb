import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  createClient,
  field,
  fillDate,
  signIn,
  USERS,
  uniqueSuffix,
} from './support';

/** Mantine's switch input sits under its track, so the click is forced. */
async function flip(scope: Page | Locator, name: string, on: boolean): Promise<void> {
  const input = scope.getByRole('switch', { name, exact: true });
  if ((await input.isChecked()) !== on) await input.click({ force: true });
  await (on ? expect(input).toBeChecked() : expect(input).not.toBeChecked());
}

// The whole path in one go, through the screens: a contract type with an option set, a client contract
// overriding one option with a later option set, a delivered booking, a billing run, "why this price", the PDF.
test('from a new contract type to an explained invoice line and its PDF', async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Flora');
  const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name: 'Community access',
    bookingDate: '2026-03-10',
    startTime: '10:00',
    durationMinutes: 50,
  });
  await admin.dispose();
  const typeName = `Private ${uniqueSuffix()}`;

  await signIn(page, USERS.admin);
  // 1. The contract type: $30.00/h, 30 min for $18.50 and 45 min for $24.00.
  await page.goto('/contract-types');
  await page.getByRole('link', { name: 'New contract type' }).click();
  await field(page, 'Name').fill(typeName);
  await chooseOption(page, page.locator('form'), 'Category', 'Private');
  const typeSet = page.getByTestId('option-set-0');
  await fillDate(field(typeSet, 'Effective from'), '2026-01-01');
  await field(typeSet, 'Hourly rate').fill('30');
  const rates = typeSet.getByRole('group', { name: 'Non-pro-rata rates' });
  await rates.getByRole('button', { name: 'Add non-pro-rata rate' }).click();
  await rates.getByRole('button', { name: 'Add non-pro-rata rate' }).click();
  await field(rates, 'Minutes').nth(0).fill('30');
  await field(rates, 'Amount').nth(0).fill('18.50');
  await field(rates, 'Minutes').nth(1).fill('45');
  await field(rates, 'Amount').nth(1).fill('24');
  await page.getByRole('button', { name: 'Create contract type' }).click();
  await expect(page.getByText('Contract type created')).toBeVisible();

  // 2. The client's contract: the hourly rate overridden to $36.00 from January, inherited again from 1 April.
  await page.goto(`/clients/${client.id}/contracts`);
  await page.getByRole('button', { name: 'New contract' }).click();
  await chooseOption(page, page.locator('form'), 'Contract type', typeName);
  await field(page, 'Contract name').fill('Flexible support');
  await fillDate(field(page, 'Start date'), '2026-01-01');
  await page.getByRole('button', { name: 'Add option set' }).click();
  const own = page.getByTestId('option-set-0');
  await flip(own, 'Override hourly rate', true);
  await field(own.getByTestId('option-hourlyRate'), 'Hourly rate').fill('36');
  await page.getByRole('button', { name: 'Add option set' }).click();
  const later = page.getByTestId('option-set-1');
  await fillDate(field(later, 'Effective from'), '2026-04-01');
  await flip(later, 'Override hourly rate', false);
  await page.getByRole('button', { name: 'Create contract' }).click();
  await expect(page.getByText('Contract created')).toBeVisible();

  // 3. The booking is delivered (completed from its drawer at its planned times).
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  const drawer = page.getByRole('dialog', { name: 'Community access' });
  await drawer.getByRole('button', { name: 'Complete visit…' }).click();
  await drawer.getByRole('button', { name: 'Complete visit', exact: true }).click();
  await expect(drawer.getByText('Completed', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  // 4. A billing run for March, for this client.
  await page.goto('/invoices');
  await page.getByRole('button', { name: 'New billing run' }).first().click();
  const modal = page.getByRole('dialog', { name: 'New billing run' });
  await fillDate(field(modal, 'From'), '2026-03-01');
  await fillDate(field(modal, 'To'), '2026-03-31');
  await modal.getByText('One client').click();
  const picker = modal.getByRole('combobox', { name: 'Client' });
  await picker.click();
  await picker.fill(client.familyName);
  await page.getByRole('option', { name: `Flora ${client.familyName}` }).click();
  await modal.getByRole('button', { name: 'Start billing run' }).click();
  await expect(modal.getByTestId('billing-run-summary').getByText('Billing run complete')).toBeVisible();
  await modal.getByRole('link', { name: 'Draft invoice 1' }).click();

  // 5. 50 minutes: the 45-minute rate ($24.00) and 5 minutes at the overridden $36.00/h ($3.00).
  // $27.00 and GST 10%: the demo organisation is registered for GST.
  await expect(page.getByTestId('invoice-total')).toHaveText('$29.70');
  const lines = page.getByTestId('invoice-line');
  await expect(lines).toHaveCount(2);
  const time = lines.filter({ hasText: '$3.00' });
  await time.getByRole('button', { name: 'Why this price' }).click();
  const why = time.getByTestId('why-this-price');
  await expect(why).toContainText('Hourly rate');
  await expect(why).toContainText('Overridden by the client’s contract');
  await expect(why).toContainText('5 min × $36.00/h = $3.00');
  const fixed = lines.filter({ hasText: '$24.00' });
  await fixed.getByRole('button', { name: 'Why this price' }).click();
  await expect(fixed.getByTestId('why-this-price')).toContainText('Inherited');

  // 6. The PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The text is in an embedded font: read it as a person's PDF reader would.
  const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
  expect(text).toContain('$27.00');
  expect(text).toMatch(/Total AUD\s+\$29\.70/);
});
