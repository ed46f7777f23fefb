import { expect, test } from '@playwright/test';
import { apiSession, createClient, signIn, USERS, uniqueSuffix } from './support';

test('the audit trail says who moved what for whom, highlights the change and exports what it shows', async ({
  page,
}) => {
  const coordinator = await apiSession(USERS.coordinator);
  const who = `${coordinator.me.staff.givenName} ${coordinator.me.staff.familyName}`;
  const client = await createClient(coordinator, 'Australia/Sydney', 'Grace');
  const name = `Personal care ${uniqueSuffix()}`;
  const booking = await coordinator.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name,
    bookingDate: '2031-02-03',
    startTime: '09:00',
    durationMinutes: 60,
    notes: null,
  });
  const moved = await coordinator.context.patch(`/api/v1/bookings/${booking.id}`, {
    data: { startTime: '10:30' },
    headers: { 'X-CSRF-Token': coordinator.csrfToken },
  });
  expect(moved.status()).toBe(200);
  await coordinator.dispose();

  await signIn(page, USERS.admin);
  await page.goto('/audit');
  await expect(page).toHaveTitle(/Audit trail/);
  const picker = page.getByRole('combobox', { name: 'About client' });
  await picker.fill(client.familyName);
  await page.getByRole('option', { name: new RegExp(`Grace ${client.familyName}`) }).click();
  const table = page.getByRole('table', { name: 'Audit events' });
  const sentence = `${who} moved ${name} for Grace ${client.familyName} on 03/02/2031 from 09:00 to 10:30`;
  const row = table.getByRole('row').filter({ hasText: sentence });
  await expect(row).toHaveCount(1);
  const changes = row.getByRole('table', { name: 'Changed fields' });
  await expect(changes.getByRole('row')).toHaveText(['Start time09:00 → 10:30']);
  await expect(
    table.getByRole('row').filter({ hasText: `${who} created client Grace ${client.familyName}` }),
  ).toHaveCount(1);
  // Three events for this client: created, booked, moved (plus the header row).
  await expect(table.locator(':scope > tbody > tr:visible')).toHaveCount(3);

  const download = page.getByRole('link', { name: 'Download CSV (these filters)' });
  await expect(download).toHaveAttribute('href', `/api/v1/audit-events.csv?clientId=${client.id}`);
  const csv = await page.request.get(`/api/v1/audit-events.csv?clientId=${client.id}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(sentence);
});
