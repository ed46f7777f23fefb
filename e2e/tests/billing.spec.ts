import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  apiSession,
  createClient,
  field,
  fillDate,
  signIn,
  transitionsSettled,
  USERS,
  uniqueSuffix,
} from './support';

/** Serious or critical WCAG 2 A/AA violations on the page as it stands. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
  expect(blocking, `serious/critical axe violations on ${name}:\n${report}`).toEqual([]);
}

test('a billing run invoices a visit, and "why this price" explains it on the invoice and the booking', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Set-up through the API: a contract type at $60/h, a client whose contract overrides it to $72/h, and a
  // completed one-hour visit.
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `E2E Private ${suffix}`,
    category: 'private',
    optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 6000 } }],
  });
  const client = await createClient(admin, 'Australia/Sydney', 'Łucja');
  await admin.post(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'Care agreement',
    startDate: '2026-01-01',
    optionSets: [{ effectiveFrom: '2026-02-01', options: { hourlyRate: 7200 } }],
  });
  const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name: 'Personal care',
    bookingDate: '2026-02-10',
    startTime: '10:00',
    durationMinutes: 60,
  });
  await admin.post(`/bookings/${booking.id}/complete`, {});
  await admin.dispose();

  await signIn(page, USERS.admin);
  await page.goto('/invoices');
  await expect(page.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
  await expectAccessible(page, 'invoices');

  // The billing-run modal: one client, February.
  await page.getByRole('button', { name: 'New billing run' }).first().click();
  const modal = page.getByRole('dialog', { name: 'New billing run' });
  await fillDate(field(modal, 'From'), '2026-02-01');
  await fillDate(field(modal, 'To'), '2026-02-28');
  await modal.getByText('One client').click();
  const picker = modal.getByRole('combobox', { name: 'Client' });
  await picker.click();
  await picker.fill(client.familyName);
  await page.getByRole('option', { name: `Łucja ${client.familyName}` }).click();
  await expectAccessible(page, 'billing-run-modal');
  await modal.getByRole('button', { name: 'Start billing run' }).click();

  const summary = modal.getByTestId('billing-run-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByText('Billing run complete')).toBeVisible();
  await expect(modal.getByTestId('run-invoice-count')).toHaveText('1');
  await expect(modal.getByTestId('run-booking-count')).toHaveText('1');
  await expectAccessible(page, 'billing-run-summary');
  await modal.getByRole('link', { name: 'Draft invoice 1' }).click();

  // The invoice: header, one line at the overridden rate.
  await expect(page.getByRole('heading', { name: 'Draft invoice', level: 1 })).toBeVisible();
  await expect(page.getByTestId('invoice-recipient')).toHaveText(`Łucja ${client.familyName}`);
  // $72.00 and GST 10%: the demo organisation is registered for GST.
  await expect(page.getByTestId('invoice-tax')).toHaveText('$7.20');
  await expect(page.getByTestId('invoice-total')).toHaveText('$79.20');
  const line = page.getByTestId('invoice-line').first();
  await line.getByRole('button', { name: 'Why this price' }).click();
  const why = line.getByTestId('why-this-price');
  await expect(why).toContainText('Base rate');
  await expect(why).toContainText('Hourly rate');
  await expect(why).toContainText('Client contract option set 1 effective Sun 1 Feb 2026');
  await expect(why).toContainText('Overridden by the client’s contract');
  await expect(why).toContainText('60 min × $72.00/h = $72.00');
  await expectAccessible(page, 'invoice');

  // Download PDF: a real PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);

  // Issue it: it takes a number and the actions change.
  await page.getByRole('button', { name: 'Issue…' }).click();
  await page
    .getByRole('dialog', { name: 'Issue this invoice?' })
    .getByRole('button', { name: 'Issue invoice' })
    .click();
  await expect(page.getByRole('heading', { name: /^Invoice \d+$/, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark paid' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Issue…' })).toHaveCount(0);
  await expect(page.getByTestId('invoice-due')).toContainText('(14 days)');

  // The issued PDF read back: a tax invoice naming supplier, client, the price in words, GST and total.
  const [issuedPdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  const text = execFileSync('pdftotext', ['-layout', (await issuedPdf.path()) ?? '', '-']).toString();
  const number = (await page.getByRole('heading', { level: 1 }).textContent())?.replace('Invoice ', '');
  expect(text).toContain(`Tax invoice ${number}`);
  expect(text).toContain('Sunrise Community Care Pty Ltd');
  expect(text).toContain('ABN 51 824 753 556');
  expect(text).toContain(`Łucja ${client.familyName}`);
  expect(text).toContain('Standard rate $72.00/h × 1 h');
  expect(text).toMatch(/GST 10%\s+\$7\.20/);
  expect(text).toMatch(/Total AUD\s+\$79\.20/);

  // "Why this price" from the booking drawer.
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  const drawer = page.getByRole('dialog', { name: 'Personal care' });
  await drawer.getByRole('button', { name: 'Why this price' }).click();
  const price = drawer.getByTestId('booking-price');
  await expect(price).toContainText('Care agreement');
  await expect(price).toContainText('$72.00');
  await price.getByRole('button', { name: 'Why this price' }).first().click();
  await expect(price.getByTestId('why-this-price')).toContainText('Overridden by the client’s contract');
});

test('finance sees what is owed, sorts and exports the invoice list, and keeps the billing settings', async ({
  page,
}) => {
  await signIn(page, USERS.admin);
  await page.goto('/invoices');
  const totals = page.getByTestId('invoice-totals');
  await expect(totals).toContainText('Issued, awaiting payment');
  await expect(page.getByTestId('aged-receivables')).toContainText('31–60 days');
  // Never negative: credit notes settle their own voided invoice.
  await expect(totals.getByText(/^-/)).toHaveCount(0);

  // Who it is for, with the client for local-authority invoices; sorted by amount.
  await expect(page.getByRole('cell', { name: /Inner West Council/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Amount' }).click();
  await expect(page.getByRole('columnheader', { name: /Amount/ })).toHaveAttribute('aria-sort', 'ascending');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download this list (CSV)' }).click(),
  ]);
  const rows = readFileSync((await csv.path()) ?? '', 'utf8')
    .trim()
    .split('\r\n');
  expect(rows[0]).toMatch(/^number,kind,status,bill_to,client,issue_date,due_date,/);
  expect(rows.some((r) => /,credit note,issued,.*,-\d+\.\d{2},/.test(r))).toBe(true);
  await expectAccessible(page, 'invoices with receivables');

  // The settings screen: an ABN whose check digits are wrong is refused, naming the field.
  await page.getByRole('link', { name: 'Billing settings' }).first().click();
  await expect(page.getByRole('heading', { name: 'Billing settings', level: 1 })).toBeVisible();
  const abn = page.getByRole('textbox', { name: 'ABN' });
  await expect(abn).toHaveValue('51824753556');
  await abn.fill('51 824 753 557');
  await page.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByText(/not a valid ABN/).first()).toBeVisible();
  await abn.fill('51 824 753 556');
  await page.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expectAccessible(page, 'billing settings');
});
