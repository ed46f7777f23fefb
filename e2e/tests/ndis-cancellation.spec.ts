import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { apiSession, field, fillDate, signIn, transitionsSettled, USERS, uniqueSuffix } from './support';

async function expectAccessible(page: Page, include?: string): Promise<void> {
  await transitionsSettled(page);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  expect((await builder.analyze()).violations).toEqual([]);
}

async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

// Weekdays of May 2026 (no public holiday in NSW), before the suffixed items of 1 July 2026; the day before
// is a weekday too, so notice that afternoon is short under any of the national rules.
const DAYS = [
  '2026-05-06',
  '2026-05-07',
  '2026-05-13',
  '2026-05-14',
  '2026-05-20',
  '2026-05-21',
  '2026-05-27',
];

test("a short-notice cancellation of one client of a group session becomes that client's CANC line in a bulk payment file", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Two NDIS participants in a group under the demo catalogue and claim settings.
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const day = DAYS[Math.floor(Math.random() * DAYS.length)]!;
  const dayBefore = `${day.slice(0, 8)}${String(Number(day.slice(8)) - 1).padStart(2, '0')}`;
  const number = () => `43${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `NDIS group ${suffix}`,
    category: 'ndis',
    optionSets: [{ effectiveFrom: '2025-07-01', options: { hourlyRate: 7023 } }],
  });
  const people = [] as { id: string; name: string; ndisNumber: string; contractId: string }[];
  for (const givenName of ['Ola', 'Pia']) {
    const ndisNumber = number();
    const client = await admin.post<{ id: string }>('/clients', {
      givenName,
      familyName: `Group${suffix}`,
      timeZone: 'Australia/Sydney',
      state: 'NSW',
      ndisNumber,
    });
    const contract = await admin.post<{ id: string }>(`/clients/${client.id}/contracts`, {
      contractTypeId: type.id,
      name: 'Service agreement',
      startDate: '2025-07-01',
      optionSets: [],
    });
    people.push({ id: client.id, name: `${givenName} Group${suffix}`, ndisNumber, contractId: contract.id });
  }
  const [ola, pia] = people as [(typeof people)[0], (typeof people)[0]];
  const worker = await admin.post<{ id: string }>('/staff', {
    givenName: 'Quinn',
    familyName: `Support${suffix}`,
    email: `quinn.${suffix}@example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    active: true,
    roleIds: [],
  });
  const name = `Cooking ${suffix}`;
  await admin.post('/sessions', {
    category: 'group',
    name,
    bookingDate: day,
    startTime: '10:00',
    durationMinutes: 120,
    capacity: 4,
    clients: people.map((p) => ({ clientId: p.id, contractId: p.contractId })),
    workers: [{ staffId: worker.id }],
    services: [
      { source: 'contract', contractId: ola.contractId, name, ratio: 2, supportItem: '01_011_0107_1_1' },
    ],
  });
  await admin.dispose();

  // Pia's family cancels the afternoon before: the dialog shows the decision before it is saved.
  await signIn(page, USERS.admin);
  await page.goto(`/sessions-calendar?view=week&date=${day}`);
  await page.locator('.ec-event', { hasText: name }).first().click();
  const drawer = page.getByRole('dialog', { name });
  await drawer
    .getByRole('row', { name: new RegExp(pia.name) })
    .getByRole('button', { name: 'Cancel for this client (NDIS)…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Cancel for ${pia.name} (NDIS)` });
  await fillDate(field(dialog, 'Provider told on'), dayBefore);
  await field(dialog, 'At').fill('16:00');
  await pick(page, dialog, 'Reason code', 'Family (NSDF)');
  await dialog
    .getByRole('checkbox', { name: 'No other billable work could be found for the worker' })
    .check();
  await dialog.getByRole('checkbox', { name: 'The worker is paid for the time' }).check();
  const decision = dialog.getByRole('alert', { name: 'Short notice: cancellation claim (CANC) at 100%' });
  await expect(decision).toContainText('Rule:');
  await expect(decision).toContainText('Notice in time before');
  await expectAccessible(page, '.mantine-Modal-content');
  await dialog.getByRole('button', { name: 'Record cancellation' }).click();
  await expect(dialog).toHaveCount(0);
  const row = drawer.getByRole('row', { name: new RegExp(pia.name) });
  await expect(row).toContainText('Cancelled');
  await expect(row).toContainText('NDIS:');

  // The session is completed with Pia's cancellation charged.
  await drawer.getByRole('button', { name: 'Complete…' }).click();
  const done = page.getByRole('form', { name: 'Complete the session' });
  await pick(page, done, 'Travel area', /Metro/);
  await done.getByRole('checkbox', { name: 'Charge for this cancellation' }).check();
  await expect(page.getByTestId('completion-preview')).not.toContainText('Not charged');
  await done.getByRole('button', { name: 'Complete session' }).click();
  await expect(drawer.getByText('Completed', { exact: true })).toBeVisible();

  // Her NDIS funding tab reports the cancellation as short notice.
  await page.goto(`/clients/${pia.id}/ndis-funding`);
  await expect(page).toHaveTitle(/NDIS funding/);
  await fillDate(page.getByLabel('From'), day);
  const report = page.getByRole('table', { name: 'Cancellations' });
  await expect(report.getByRole('row').filter({ hasText: name })).toContainText('Short notice');
  await expectAccessible(page);

  // The bulk payment file claims it: one CANC line with the reason code, under the group's support item.
  await page.goto('/ndis/bulk-payments');
  const period = page.getByRole('form', { name: 'Claim period' });
  await fillDate(period.getByLabel(/^Delivered from/), day);
  await fillDate(period.getByLabel(/^Delivered to/), day);
  await period.getByRole('button', { name: 'Preview claims' }).click();
  await expect(
    page.getByRole('table', { name: 'Claim lines' }).getByRole('row').filter({ hasText: pia.ndisNumber }),
  ).toHaveCount(1);
  await period.getByRole('button', { name: 'Export bulk payment file' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Export and lock' }).click();
  const exported = page.getByRole('status').filter({ hasText: 'Exported' });
  await expect(exported).toContainText('locked');
  const file = /BPR\d{6}-\d+\.csv/.exec((await exported.textContent()) ?? '')?.[0] ?? '';
  const link = page.getByRole('table', { name: 'Bulk payment files' }).getByRole('link', { name: file });
  const csv = await (await page.request.get((await link.getAttribute('href')) ?? '')).text();
  const [header, ...rows] = csv.split('\r\n');
  const columns = (header ?? '').split(',');
  const cells = (r: string) => Object.fromEntries(r.split(',').map((v, i) => [columns[i], v]));
  const piaRows = rows.filter((r) => r.includes(pia.ndisNumber)).map(cells);
  expect(piaRows).toEqual([
    expect.objectContaining({
      NDISNumber: pia.ndisNumber,
      SupportsDeliveredFrom: day.replaceAll('-', '/'),
      SupportNumber: '01_011_0107_1_1',
      ClaimType: 'CANC',
      CancellationReason: 'NSDF',
      Hours: '2:00',
    }),
  ]);
  const olaRows = rows.filter((r) => r.includes(ola.ndisNumber)).map(cells);
  expect(olaRows).toEqual([expect.objectContaining({ ClaimType: '', SupportNumber: '01_011_0107_1_1' })]);
});
