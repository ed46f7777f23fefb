import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { apiSession, createClient, field, signIn, USERS, uniqueSuffix } from './support';

test('a visit completed with its actual times is billed on them, issued, and read back from the PDF', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Set-up through the API: $60/h billed on actual times rounded up to 15 min, a client with a Vietnamese
  // name on that contract, and a one-hour visit on 17 March 2026 (in the past) not yet completed.
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `E2E Actual times ${suffix}`,
    category: 'private',
    optionSets: [
      {
        effectiveFrom: '2026-01-01',
        options: { hourlyRate: 6000, billOnActualTimes: true, rounding: { mode: 'up', minutes: 15 } },
      },
    ],
  });
  const client = await createClient(admin, 'Australia/Sydney', 'Nguyễn Thị Ánh');
  await admin.post(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'Home care agreement',
    startDate: '2026-01-01',
  });
  const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name: 'Personal care',
    bookingDate: '2026-03-17',
    startTime: '10:00',
    durationMinutes: 60,
  });
  await admin.dispose();

  // Complete it from the booking drawer: planned times beside the actual ones, and the server's price.
  await signIn(page, USERS.admin);
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  const drawer = page.getByRole('dialog', { name: 'Personal care' });
  await drawer.getByRole('button', { name: 'Complete visit…' }).click();
  await expect(drawer.getByTestId('planned-times')).toContainText('10:00');
  await expect(drawer.getByTestId('completion-price')).toContainText('$60.00 under Home care agreement');
  await field(drawer, 'Actual start').fill('10:05');
  await field(drawer, 'Actual end').fill('11:20');
  await field(drawer, 'Mileage').fill('12.5');
  await field(drawer, 'Note').fill('Shower and breakfast');
  // 75 minutes, rounded up to 15 → 75 min at $60/h.
  await expect(drawer.getByTestId('completion-price')).toContainText('$75.00');
  await expect(drawer.getByTestId('completion-price')).toContainText('billed on the actual times');
  await drawer.getByRole('button', { name: 'Complete visit', exact: true }).click();
  await expect(drawer.getByText('Completed', { exact: true }).first()).toBeVisible();
  await expect(drawer.getByTestId('booking-actual')).toContainText('Shower and breakfast');

  // Bill March for this client.
  await page.goto('/invoices');
  await page.getByRole('button', { name: 'New billing run' }).first().click();
  const modal = page.getByRole('dialog', { name: 'New billing run' });
  await field(modal, 'From').fill('2026-03-01');
  await field(modal, 'To').fill('2026-03-31');
  await modal.getByText('One client').click();
  const picker = modal.getByRole('combobox', { name: 'Client' });
  await picker.click();
  await picker.fill(client.familyName);
  await page.getByRole('option', { name: `Nguyễn Thị Ánh ${client.familyName}` }).click();
  await modal.getByRole('button', { name: 'Start billing run' }).click();
  await expect(modal.getByText('Billing run complete')).toBeVisible();
  await expect(modal.getByTestId('run-booking-count')).toHaveText('1');
  await modal.getByRole('link', { name: 'Draft invoice 1' }).click();
  await expect(page.getByTestId('invoice-recipient')).toHaveText(`Nguyễn Thị Ánh ${client.familyName}`);
  await expect(page.getByTestId('invoice-total')).toHaveText('$82.50');

  // Issue it, then read the PDF back.
  await page.getByRole('button', { name: 'Issue…' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  await expect(page.getByRole('heading', { name: /^Invoice \d+$/, level: 1 })).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())?.replace('Invoice ', '');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  const text = execFileSync('pdftotext', ['-layout', (await pdf.path()) ?? '', '-']).toString();
  expect(text).toContain(`Tax invoice ${number}`);
  expect(text).toContain('Sunrise Community Care Pty Ltd');
  expect(text).toContain(`Nguyễn Thị Ánh ${client.familyName}`);
  expect(text).toContain('Personal care');
  expect(text).toMatch(/10:05\s*[–-]\s*11:20/);
  expect(text).toMatch(/GST 10%\s+\$7\.50/);
  expect(text).toMatch(/Total AUD\s+\$82\.50/);

  // Once invoiced, the visit is locked: the drawer says which invoice holds it.
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  await drawer.getByRole('button', { name: 'Correct completion…' }).click();
  await drawer.getByRole('button', { name: 'Save correction' }).click();
  await expect(drawer.getByText(`already on invoice ${number}`)).toBeVisible();
});
