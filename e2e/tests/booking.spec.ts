import { expect, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  createClient,
  field,
  formatBookingDate,
  isoDateInDays,
  signIn,
  USERS,
  uniqueSuffix,
  zoneAbbreviation,
} from './support';

type Provider = { id: string; name: string };

test('a coordinator books, edits and cancels an ad-hoc service order', async ({ page }) => {
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Perth', 'Marigold');
  const provider = await admin.post<Provider>('/external-providers', {
    name: `Podiatry Partners ${uniqueSuffix()}`,
    contactName: 'Reception',
    email: 'bookings@podiatry.example',
    phone: '08 9000 0000',
  });
  await admin.dispose();

  const bookingDate = isoDateInDays(55 + Math.floor(Math.random() * 10));
  const hour = 7 + Math.floor(Math.random() * 10);
  const startTime = `${String(hour).padStart(2, '0')}:30`;
  const zone = zoneAbbreviation(client.timeZone, bookingDate, startTime);
  expect(zone).toBe('AWST');
  const name = `Podiatry review ${uniqueSuffix()}`;

  await signIn(page, USERS.coordinator);
  const coordinatorName = (await page.getByTestId('signed-in-user').textContent())?.trim() ?? '';
  expect(coordinatorName).not.toBe('');

  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await field(page, 'Search clients').fill(client.familyName);
  const clientLink = page.getByRole('link', { name: `Marigold ${client.familyName}` });
  await expect(clientLink).toBeVisible();
  await expect(page.getByRole('table', { name: 'Clients' }).getByRole('row')).toHaveCount(2);
  await clientLink.click();

  await expect(page.getByRole('heading', { name: `Marigold ${client.familyName}`, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Service Orders' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${client.id}/service-orders$`));
  await expect(page.getByText('No service orders yet')).toBeVisible();

  await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'New ad-hoc booking' });
  await expect(dialog).toBeVisible();
  await field(dialog, 'Name').fill(name);
  await field(dialog, 'Booking date').fill(bookingDate);
  await field(dialog, 'Start time').fill(startTime);
  await field(dialog, 'Duration (minutes)').fill('45');
  await chooseOption(page, dialog, 'Assignee', provider.name);
  await field(dialog, 'Notes').fill('Bring the referral letter.');
  await expect(dialog.getByTestId('booking-time-hint')).toContainText('AWST');
  await dialog.getByRole('button', { name: 'Create booking' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByRole('table', { name: 'Service orders' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(name);
  await expect(cells.nth(1)).toHaveText(formatBookingDate(bookingDate));
  await expect(cells.nth(2)).toHaveText(`${startTime} AWST`);
  await expect(cells.nth(3)).toHaveText('45 min');
  await expect(cells.nth(4)).toHaveText(provider.name);
  await expect(cells.nth(5)).toHaveText(coordinatorName);
  await expect(cells.nth(6)).toHaveText('Booked');

  // Open it, change the duration.
  await row.getByRole('button', { name }).click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('booking-start')).toHaveText(`${startTime} AWST`);
  await drawer.getByRole('button', { name: 'Edit booking' }).click();
  await field(drawer, 'Duration (minutes)').fill('90');
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer.getByTestId('booking-duration')).toHaveText('1 h 30 min');
  await expect(cells.nth(3)).toHaveText('1 h 30 min');

  // Cancel it: a reason is required.
  await drawer.getByRole('button', { name: 'Cancel booking…' }).click();
  await drawer.getByRole('button', { name: 'Cancel booking', exact: true }).click();
  await expect(drawer.getByText('Give a reason for cancelling')).toBeVisible();
  await field(drawer, 'Reason for cancelling').fill('Client is in hospital this week.');
  await drawer.getByRole('button', { name: 'Cancel booking', exact: true }).click();
  await expect(drawer.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  await expect(drawer.getByText('Client is in hospital this week.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(cells.nth(6)).toHaveText('Cancelled');
});

type Staff = { id: string; givenName: string; familyName: string };

test('double-booking a staff member shows the conflicting booking', async ({ page }) => {
  const admin = await apiSession(USERS.admin);
  const first = await createClient(admin, 'Australia/Sydney', 'Juniper');
  const second = await createClient(admin, 'Australia/Sydney', 'Rowan');
  const roles = await admin.get<{ items: { id: string; key: string | null }[] }>('/roles');
  const workerRole = roles.items.find((role) => role.key === 'worker');
  const suffix = uniqueSuffix();
  const staff = await admin.post<Staff>('/staff', {
    givenName: 'Casey',
    familyName: `Support${suffix}`,
    email: `casey.${suffix}@example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    active: true,
    roleIds: workerRole ? [workerRole.id] : [],
  });
  await admin.dispose();
  const staffName = `Casey ${staff.familyName}`;

  const bookingDate = isoDateInDays(60 + Math.floor(Math.random() * 10));
  const startTime = `${String(8 + Math.floor(Math.random() * 8)).padStart(2, '0')}:00`;
  const firstName = `Shower assist ${suffix}`;

  await signIn(page, USERS.coordinator);

  const book = async (clientId: string, bookingName: string) => {
    await page.goto(`/clients/${clientId}/service-orders`);
    await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ad-hoc booking' });
    await field(dialog, 'Name').fill(bookingName);
    await field(dialog, 'Booking date').fill(bookingDate);
    await field(dialog, 'Start time').fill(startTime);
    await field(dialog, 'Duration (minutes)').fill('60');
    await chooseOption(page, dialog, 'Assignee', staffName);
    await dialog.getByRole('button', { name: 'Create booking' }).click();
    return dialog;
  };

  const firstDialog = await book(first.id, firstName);
  await expect(firstDialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Service orders' }).getByRole('row').filter({ hasText: firstName }),
  ).toHaveCount(1);

  const secondDialog = await book(second.id, `Transport ${suffix}`);
  const conflict = secondDialog.getByTestId('booking-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('clashes');
  await expect(conflict).toContainText(firstName);
  await expect(secondDialog).toBeVisible();
  // Nothing was booked for the second client.
  await secondDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No service orders yet')).toBeVisible();
});

test('a duration out of range is refused on the field, never changed, and a past visit asks before it is recorded', async ({
  page,
}) => {
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Hazel');
  await admin.dispose();
  await signIn(page, USERS.coordinator);
  await page.goto(`/clients/${client.id}/service-orders`);
  await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'New ad-hoc booking' });
  const name = `Garden visit ${uniqueSuffix()}`;
  await field(dialog, 'Name').fill(name);
  // Well before any demo data; the app decides "past" by its own clock.
  await field(dialog, 'Booking date').fill('2020-03-02');
  await field(dialog, 'Start time').fill('10:00');
  const duration = field(dialog, 'Duration (minutes)');
  for (const [typed, message] of [
    ['0', 'At least 1 minute'],
    ['-5', 'At least 1 minute'],
    ['1.5', 'Enter the duration in whole minutes'],
    ['99999', 'At most 24 hours (1440 minutes)'],
  ] as const) {
    await duration.fill(typed);
    await field(dialog, 'Name').click();
    await expect(duration).toHaveValue(typed);
    await expect(dialog.getByText(message)).toBeVisible();
  }
  // Dates read day/month/year (en-AU) whatever the browser's language.
  await expect(field(dialog, 'Booking date')).toHaveValue('02/03/2020');
  await duration.fill('60');
  await dialog.getByRole('button', { name: 'Create booking' }).click();
  const confirm = dialog.getByRole('alertdialog', { name: 'This visit is in the past' });
  await expect(confirm).toContainText('Mon 2 Mar 2020 at 10:00 has already passed');
  await confirm.getByRole('button', { name: 'Record as delivered' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Service orders' }).getByRole('row').filter({ hasText: name });
  await expect(row.getByRole('cell').nth(6)).toHaveText('Completed');
});
