import { expect, test } from '@playwright/test';
import { apiSession, createClient, field, isoDateInDays, signIn, USERS } from './support';

test("an associate's schedule offers free times, and a case's last session needs a reason", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The demo associate's schedules, region and free times.
  await signIn(page, USERS.worker);
  await page.getByRole('link', { name: 'My schedule' }).click();
  await expect(page.getByLabel('Schedule Ad hoc Mon–Tue')).toContainText('Mon 09:00–14:00 · Tue 09:00–14:00');
  await expect(page.getByLabel('Schedule Ad hoc Mon–Tue')).toContainText('$95.00 per hour');
  const times = page.getByRole('table', { name: 'Available times' });
  await expect(times.getByText('Available').first()).toBeVisible();
  await expect(times).toContainText('Ad hoc Mon–Tue');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A coordinator books a one-session case's only session, then a second one with a reason.
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Casey');
  await admin.post(`/clients/${client.id}/cases`, {
    issue: 'Workplace stress',
    funder: 'E2E Employer',
    allowedSessions: 1,
    countingWindow: 'rolling_12_months',
    openedOn: isoDateInDays(-1),
    funderRegion: 'AU-NSW',
  });
  await signIn(page, USERS.coordinator);
  await page.goto(`/clients/${client.id}/sessions`);
  await expect(page.getByLabel('Sessions left')).toHaveText('1 of 1 sessions left');
  await field(page, "Date (client's zone)").fill(isoDateInDays(40));
  await page.getByRole('button', { name: 'Book session' }).click();
  await expect(page.getByLabel('Sessions left')).toHaveText('0 of 1 sessions left');
  await field(page, "Date (client's zone)").fill(isoDateInDays(47));
  await page.getByRole('button', { name: 'Book session' }).click();
  await expect(page.getByText(/No sessions are left on this case \(1 granted, 1 used\)/)).toBeVisible();
  await field(page, 'Reason to book with none left').fill('Client at risk');
  await page.getByRole('button', { name: 'Book session' }).click();
  const ledger = page.getByRole('table', { name: 'Entitlement ledger' });
  await expect(ledger).toContainText('booked with none left: Client at risk');
  await expect(ledger.getByRole('row')).toHaveCount(4);
  await admin.dispose();
});
