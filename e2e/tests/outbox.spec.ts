import { expect, test } from '@playwright/test';
import { apiSession, field, isoDateInDays, signIn, USERS, uniqueSuffix } from './support';

test('booking a client with "Notify the client" ticked puts a confirmation with its invitation in the Outbox; unticked sends nothing', async ({
  page,
}) => {
  const admin = await apiSession(USERS.admin);
  const familyName = `E2e${uniqueSuffix()}`;
  const email = `${familyName.toLowerCase()}@clients.example.org`;
  const client = await admin.post<{ id: string }>('/clients', {
    givenName: 'Olive',
    familyName,
    email,
    timeZone: 'Australia/Perth',
  });
  await admin.dispose();
  const bookingDate = isoDateInDays(70 + Math.floor(Math.random() * 10));

  await signIn(page, USERS.coordinator);
  // Her daughter is copied in.
  await page.goto(`/clients/${client.id}/profile`);
  const addPreference = page.getByRole('form', { name: 'Add a notification preference' });
  await field(addPreference, 'Contact name').fill('Ruby');
  await field(addPreference, 'E-mail').fill(`ruby.${email}`);
  await addPreference.getByRole('button', { name: 'Add preference' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Notification preferences' })
      .getByRole('row')
      .filter({ hasText: 'Ruby' }),
  ).toContainText('Opted in');
  await page.goto(`/clients/${client.id}/service-orders`);
  const book = async (name: string, startTime: string, notify: boolean) => {
    await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ad-hoc booking' });
    await field(dialog, 'Name').fill(name);
    await field(dialog, 'Booking date').fill(bookingDate);
    await field(dialog, 'Start time').fill(startTime);
    const box = dialog.getByRole('checkbox', { name: 'Notify the client' });
    await expect(box).toBeChecked();
    if (!notify) await box.uncheck();
    await dialog.getByRole('button', { name: 'Create booking' }).click();
    await expect(dialog).toBeHidden();
  };
  await book('Garden help', '09:00', true);
  await book('Quiet visit', '14:00', false);

  await page.getByRole('link', { name: 'Outbox', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  // No SMTP server here: the embedded catcher has the mail, and the page says nobody received it.
  await expect(page.getByText('No mail server is configured')).toBeVisible();
  const rows = page
    .getByRole('table', { name: 'Outbox' })
    .getByRole('row')
    .filter({ hasText: email })
    .filter({ hasNotText: `ruby.${email}` });
  await expect(
    page
      .getByRole('table', { name: 'Outbox' })
      .getByRole('row')
      .filter({ hasText: `ruby.${email}` }),
  ).toHaveCount(2);
  // The ticked booking: its confirmation (sent) and its reminder (pending); the unticked one: nothing.
  await expect(rows).toHaveCount(2);
  const confirmation = rows.filter({ hasText: 'Confirmation' });
  await expect(confirmation).toContainText('sent');
  await expect(confirmation).toContainText('Australia/Perth');
  await expect(rows.filter({ hasText: 'Reminder' })).toContainText('pending');

  await confirmation.getByRole('button', { name: 'Confirmation' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Garden help is booked');
  await expect(dialog).toContainText('9:00 am Australia/Perth time (AWST)');
  await expect(dialog.getByLabel('Calendar invitation')).toContainText('METHOD:REQUEST');
  await expect(dialog.getByLabel('Calendar invitation')).toContainText('TZID=Australia/Perth');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: /Caught mail/ }).click();
  const caught = page.getByText(`To ${email}`);
  await expect(caught).toHaveCount(1);
});
