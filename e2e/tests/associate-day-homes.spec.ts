import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSession, field, signIn, transitionsSettled, USERS } from './support';

// Issue 13 §1, §4 and §6: the administrator's settings of the associate's day, and finance's home. finance@
// signs in here only: permissions.spec (which runs later, files run in name order) fails its password to test
// the sign-in throttle.
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `serious/critical axe violations on ${name}`,
  ).toEqual([]);
}

test('an administrator sets the retrospective window and the overdue flag; the wizard and Quick View read them', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, USERS.admin);
  await page.getByRole('link', { name: 'Appointment settings' }).click();
  await expect(page.getByRole('heading', { name: 'Appointment settings' })).toBeVisible();
  const retro = page.getByRole('form', { name: 'Retrospective bookings' });
  const overdue = page.getByRole('form', { name: 'Overdue appointments' });
  await expect(field(page, 'Retrospective window (days)')).toHaveValue('30');
  await expect(field(page, 'Flag an appointment not completed after (days)')).toHaveValue('7');
  await expectAccessible(page, 'appointment-settings');

  await field(page, 'Retrospective window (days)').fill('45');
  await retro.getByRole('button', { name: 'Save' }).click();
  await expect(retro.getByRole('status')).toHaveText('Saved.');
  await field(page, 'Flag an appointment not completed after (days)').fill('10');
  await overdue.getByRole('button', { name: 'Save' }).click();
  await expect(overdue.getByRole('status')).toHaveText('Saved.');

  // Read back from the server after a reload, and as the API gives them to the wizard and Quick View.
  await page.reload();
  await expect(field(page, 'Retrospective window (days)')).toHaveValue('45');
  await expect(field(page, 'Flag an appointment not completed after (days)')).toHaveValue('10');
  const worker = await apiSession(USERS.worker);
  expect(await worker.get<{ retrospectiveDays: number }>('/settings/rebooking')).toEqual({
    retrospectiveDays: 45,
  });
  expect(await worker.get<{ overdueAfterDays: number }>('/appointment-settings')).toEqual({
    overdueAfterDays: 10,
  });
  await worker.dispose();

  // Back to the defaults, so other specs see them.
  await field(page, 'Retrospective window (days)').fill('30');
  await retro.getByRole('button', { name: 'Save' }).click();
  await expect(retro.getByRole('status')).toHaveText('Saved.');
  await field(page, 'Flag an appointment not completed after (days)').fill('7');
  await overdue.getByRole('button', { name: 'Save' }).click();
  await expect(overdue.getByRole('status')).toHaveText('Saved.');

  // Only an administrator (scheduling.configure) has the screen.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, USERS.worker);
  await expect(page.getByRole('link', { name: 'Appointment settings' })).toHaveCount(0);
});

test('finance signing in lands on billing: the drafts to issue (the demo’s draft among them) and the overdue invoices', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.finance);
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByRole('heading', { name: 'Billing', exact: true })).toBeVisible();
  const drafts = page.getByRole('table', { name: 'Drafts to issue' });
  const draft = drafts.getByRole('link').first();
  await expect(draft).toBeVisible();
  const billTo = (await draft.textContent()) ?? '';
  expect(billTo.trim()).not.toBe('');
  await expect(page.getByRole('region', { name: 'Overdue invoices' })).toBeVisible();
  await expectAccessible(page, 'billing-home');
  // The draft opens as a draft invoice.
  await draft.click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Draft', { exact: true }).first()).toBeVisible();
});
