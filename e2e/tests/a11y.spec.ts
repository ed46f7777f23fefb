import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSession, createClient, isoDateInDays, signIn, transitionsSettled, USERS } from './support';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
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

  // The new-client form warning of a likely duplicate (a demo client's name and date of birth).
  const demo = (await page.request.get('/api/v1/clients?limit=50').then((r) => r.json())) as {
    items: { givenName: string; familyName: string; dateOfBirth: string | null }[];
  };
  const twin = demo.items.find((c) => c.dateOfBirth)!;
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('form', { name: 'New client' });
  await newClient.getByLabel(/^Given name/).fill(twin.givenName);
  await newClient.getByLabel(/^Family name/).fill(twin.familyName);
  await newClient.getByLabel(/^Date of birth/).fill(twin.dateOfBirth!);
  await expect(newClient.getByText('Is this client already in Carebook?')).toBeVisible();
  await expectAccessible(page, 'client-date-picker');
  await newClient.getByRole('heading', { name: 'Personal details' }).click();
  await expect(newClient.getByLabel(/^Date of birth/)).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await expectAccessible(page, 'client-duplicate');
  await page.keyboard.press('Escape');

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
  const create = page.getByRole('dialog', { name: 'New ad-hoc booking' });
  await create.getByLabel(/^Name/).fill('Past visit');
  await create.getByLabel(/^Booking date/).fill('2020-03-02');
  await create.getByLabel(/^Start time/).fill('10:00');
  await create.getByRole('button', { name: 'Create booking' }).click();
  await expect(create.getByRole('alertdialog', { name: 'This visit is in the past' })).toBeVisible();
  await expectAccessible(page, 'service-orders-past-visit');
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
  await page.getByRole('button', { name: 'Show the full record' }).first().click();
  await expectAccessible(page, 'audit');

  await page.goto('/service-plans');
  await expect(page.getByRole('table', { name: 'Service plans' })).toBeVisible();
  await expectAccessible(page, 'service-plans');

  await page.getByRole('link', { name: 'New client onboarding' }).click();
  await expect(page.getByRole('region', { name: 'Step 1 of 3' })).toBeVisible();
  await page.getByRole('button', { name: /Day 3 · Home assessment/ }).click();
  await expect(page.getByRole('region', { name: 'Step 2 of 3' })).toBeVisible();
  await expectAccessible(page, 'plan-editor');

  await page.goto(`/clients/${client.id}/services`);
  await expect(page.getByRole('heading', { name: 'Services', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Deploy a plan' }).click();
  const deploy = page.getByRole('dialog', { name: 'Deploy a service plan' });
  await deploy.getByRole('combobox', { name: 'Service plan' }).click();
  await page.getByRole('option', { name: /Hospital discharge follow-up/ }).click();
  await expect(deploy.getByRole('table', { name: 'Services to create' })).toBeVisible();
  await deploy.getByRole('button', { name: 'Edit details' }).first().click();
  await expectAccessible(page, 'deploy-plan');
  await page.keyboard.press('Escape');

  await page.goto('/services');
  await expect(page.getByRole('table', { name: 'Services' })).toBeVisible();
  await expectAccessible(page, 'all-services');
});

test('the worker pages are accessible too', async ({ page }) => {
  await signIn(page, USERS.worker);
  await page.goto('/my-appointments');
  await expect(page.getByRole('heading', { name: 'My bookings' })).toBeVisible();
  await expectAccessible(page, 'my-appointments');

  await page.goto('/my-services');
  await expect(page.getByRole('region', { name: 'Overdue' })).toBeVisible();
  await expectAccessible(page, 'my-services');

  await page
    .getByRole('region', { name: 'Overdue' })
    .getByRole('link', { name: 'Intake call' })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Intake call', level: 1 })).toBeVisible();
  await expectAccessible(page, 'service');
  await page.getByRole('tab', { name: /^Plan/ }).click();
  await expect(page.getByRole('list', { name: 'Services in this plan' })).toBeVisible();
  await expectAccessible(page, 'service-plan-tab');

  await page.goto('/staff/roles');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expectAccessible(page, 'no-access');
});

test('the scheduling pages are accessible', async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Quinn');
  const types = await admin.get<{ items: { id: string; name: string }[] }>('/service-types');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(new Date());
  await admin.post(`/clients/${client.id}/scheduled-services`, {
    serviceTypeId: types.items[0]?.id,
    name: 'Weekday personal care',
    startDate: today,
    startTime: '10:00',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    durationMinutes: 60,
    staffId: null,
    notes: null,
    status: 'active',
  });
  await admin.dispose();

  await signIn(page, USERS.coordinator);
  await page.goto(`/clients/${client.id}/care-plans`);
  await expect(page.getByRole('table', { name: 'Scheduled services' })).toBeVisible();
  await expectAccessible(page, 'care-plans');

  await page.getByRole('button', { name: 'New scheduled service' }).click();
  await expect(page.getByTestId('occurrence-preview')).toBeVisible();
  await expectAccessible(page, 'care-plans-new');
  await page.keyboard.press('Escape');

  await page.goto(`/clients/${client.id}/calendar`);
  await expect(page.getByTestId('client-calendar').locator('.ec-event').first()).toBeVisible();
  await expectAccessible(page, 'client-calendar');

  await page.goto(`/clients/${client.id}/leave`);
  await expect(page.getByText('No leave recorded')).toBeVisible();
  await expectAccessible(page, 'client-leave');

  await page.goto('/sessions-calendar');
  await expect(page.getByTestId('sessions-calendar').locator('.ec-event').first()).toBeVisible();
  await expectAccessible(page, 'sessions-calendar');
});
