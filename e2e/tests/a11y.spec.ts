import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSession, createClient, isoDateInDays, signIn, USERS } from './support';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  // Let Mantine's transitions settle so axe sees final colours.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const report = blocking
      .map(
        (v) =>
          `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
      )
      .join('\n');
    console.log(`Accessibility violations on ${name}:\n${report}`);
  }
  expect(blocking, `serious/critical axe violations on ${name}`).toEqual([]);
}

test('main pages have no serious or critical accessibility violations', async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Avery');
  await admin.post(`/clients/${client.id}/service-orders`, {
    name: 'Physiotherapy assessment',
    bookingDate: isoDateInDays(70),
    startTime: '10:15',
    durationMinutes: 60,
    assignee: null,
    notes: 'Ground floor entrance.',
  });
  await admin.dispose();

  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Carebook' })).toBeVisible();
  await expectAccessible(page, 'sign-in');

  await signIn(page, USERS.admin);

  await page.goto('/clients');
  await expect(page.getByRole('table', { name: 'Clients' })).toBeVisible();
  await expectAccessible(page, 'clients-list');

  await page.goto(`/clients/${client.id}/profile`);
  await expect(page.getByRole('heading', { name: 'Detailed Profile' })).toBeVisible();
  await expectAccessible(page, 'client-profile');

  await page.getByRole('button', { name: 'Edit profile' }).click();
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toBeVisible();
  await expectAccessible(page, 'client-profile-edit');

  await page.goto(`/clients/${client.id}/service-orders`);
  await expect(page.getByRole('table', { name: 'Service orders' })).toBeVisible();
  await expectAccessible(page, 'service-orders');

  await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
  await expect(page.getByRole('dialog', { name: 'New ad-hoc booking' })).toBeVisible();
  await expectAccessible(page, 'service-orders-create');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Physiotherapy assessment' }).click();
  await expect(page.getByRole('dialog', { name: 'Physiotherapy assessment' })).toBeVisible();
  await expectAccessible(page, 'booking-drawer');
  await page.keyboard.press('Escape');

  await page.goto('/staff');
  await expect(page.getByRole('table', { name: 'Staff' })).toBeVisible();
  await expectAccessible(page, 'staff');

  await page.goto('/staff/roles');
  await expect(page.getByRole('table', { name: 'Roles' })).toBeVisible();
  await expectAccessible(page, 'roles');

  await page.getByRole('button', { name: /^Edit Coordinator/ }).click();
  await expect(page.getByRole('dialog', { name: 'Coordinator' })).toBeVisible();
  await expectAccessible(page, 'role-editor');
  await page.keyboard.press('Escape');

  await page.goto('/audit');
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  await page.getByRole('button', { name: 'Show changes' }).first().click();
  await expectAccessible(page, 'audit');
});

test('the worker pages are accessible too', async ({ page }) => {
  await signIn(page, USERS.worker);
  await page.goto('/my-appointments');
  await expect(page.getByRole('heading', { name: 'My appointments' })).toBeVisible();
  await expectAccessible(page, 'my-appointments');

  await page.goto('/staff/roles');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expectAccessible(page, 'no-access');
});
