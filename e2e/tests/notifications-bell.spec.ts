import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  field,
  isoDateInDays,
  signIn,
  transitionsSettled,
  USERS,
  uniqueSuffix,
} from './support';

async function expectNoSeriousAxe(page: Page) {
  await transitionsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a booking edit unticked from notifying sends no change notice, and the worker it is given to sees it on the bell', async ({
  page,
}) => {
  const admin = await apiSession(USERS.admin);
  const familyName = `Bell${uniqueSuffix()}`;
  const email = `${familyName.toLowerCase()}@clients.example.org`;
  const client = await admin.post<{ id: string }>('/clients', {
    givenName: 'Iris',
    familyName,
    email,
    timeZone: 'Australia/Sydney',
  });
  const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name: 'Garden help',
    bookingDate: isoDateInDays(80 + Math.floor(Math.random() * 10)),
    startTime: '09:00',
    durationMinutes: 60,
  });
  await admin.dispose();

  // The coordinator moves it and gives it to the worker, choosing not to tell the client this time.
  await signIn(page, USERS.coordinator);
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  const drawer = page.getByRole('dialog', { name: 'Garden help' });
  await drawer.getByRole('button', { name: 'Edit booking' }).click();
  const box = drawer.getByRole('checkbox', { name: 'Notify the client' });
  await expect(box).toBeChecked();
  await expect(drawer.getByText(`Iris (e-mail ${email})`)).toBeVisible();
  await expect(drawer.getByText('Ticked by the default.')).toBeVisible();
  await box.uncheck();
  await field(drawer, 'Start time').fill('11:00');
  await chooseOption(page, drawer, 'Assignee', 'Mei Chen');
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer.getByRole('button', { name: 'Edit booking' })).toBeVisible();

  await page.goto('/outbox');
  const rows = page.getByRole('table', { name: 'Outbox' }).getByRole('row').filter({ hasText: email });
  await expect(rows.filter({ hasText: 'Confirmation' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Change notice' })).toHaveCount(0);

  // The worker's bell: an unread notice of the booking now theirs; "Mark all read" clears the badge.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, USERS.worker);
  const bell = page.getByTestId('notices-bell');
  await expect(bell).toHaveAccessibleName(/Notices: \d+ unread/);
  await bell.click();
  const notices = page.getByRole('list', { name: 'Notices' });
  await expect(
    notices.getByRole('button', {
      name: new RegExp(`Mark read: You have been assigned "Garden help" with Iris ${familyName}`),
    }),
  ).toHaveCount(1);
  await expectNoSeriousAxe(page);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell).toHaveAccessibleName('Notices: none unread');
  await expect(notices.getByText(/You have been assigned "Garden help" with Iris/)).toBeVisible();
});

test('an administrator sets a service type’s notification defaults', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByRole('link', { name: 'Notification defaults' }).click();
  await expect(page).toHaveTitle(/Notification defaults/);
  const table = page.getByRole('table', { name: 'Notification defaults per service type' });
  const row = table.getByRole('row').nth(1);
  const name = (await row.getByRole('cell').first().innerText()).split('\n')[0]!.trim();
  const hours = row.getByRole('textbox', { name: `Reminder, hours before: ${name}` });
  const next = (await hours.inputValue()) === '48' ? '36' : '48';
  await hours.fill(next);
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`${name}: saved.`)).toBeVisible();
  await page.reload();
  await expect(table.getByRole('textbox', { name: `Reminder, hours before: ${name}` })).toHaveValue(next);
  await expectNoSeriousAxe(page);
});
