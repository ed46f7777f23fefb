import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, fillDate, signIn, transitionsSettled, USERS, uniqueSuffix } from './support';

const DEMO_CATALOGUE = fileURLToPath(
  new URL('../../server/src/ndis/catalogue-demo-2025-26.csv', import.meta.url),
);

test('imports the support catalogue and exports a delivered visit in a bulk payment request file, a claim type the catalogue refuses explained', async ({
  page,
}) => {
  // A completed weekday visit for an NDIS participant, on a day of its own far from the demo data.
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const ndisNumber = `43${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const day = `2027-03-${String(1 + Math.floor(Math.random() * 5)).padStart(2, '0')}`;
  const client = await admin.post<{ id: string }>('/clients', {
    givenName: 'Nadia',
    familyName: `Claim${suffix}`,
    timeZone: 'Australia/Sydney',
    state: 'NSW',
    ndisNumber,
  });
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: `NDIS ${suffix}`,
    category: 'ndis',
    optionSets: [{ effectiveFrom: '2025-07-01', options: { hourlyRate: 7023 } }],
  });
  const contract = await admin.post<{ id: string }>(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'Service agreement',
    startDate: '2025-07-01',
    optionSets: [],
  });
  const worker = await admin.post<{ id: string }>('/staff', {
    givenName: 'Nell',
    familyName: `Support${suffix}`,
    email: `nell.${suffix}@example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    active: true,
    roleIds: [],
  });
  const created = await admin.post<{ session: { id: string } }>('/sessions', {
    category: 'visit',
    name: 'Personal care',
    bookingDate: day,
    startTime: '10:00',
    durationMinutes: 120,
    clients: [{ clientId: client.id, contractId: contract.id }],
    workers: [{ staffId: worker.id }],
    services: [
      {
        source: 'contract',
        contractId: contract.id,
        name: 'Personal care',
        ratio: 1,
        supportItem: '01_011_0107_1_1',
      },
    ],
  });
  await admin.post(`/sessions/${created.session.id}/complete`, { travelArea: 'metro' });
  await admin.dispose();

  await signIn(page, USERS.admin);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'NDIS catalogue' }).click();
  await expect(page.getByRole('heading', { name: 'NDIS support catalogue', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/NDIS support catalogue/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Support Catalogue (CSV)').click();
  await (await chooser).setFiles(DEMO_CATALOGUE);
  await page
    .getByRole('form', { name: 'Import the support catalogue' })
    .getByRole('button', { name: 'Import' })
    .click();
  await expect(page.getByRole('status')).toContainText('10 support items read');
  const items = page.getByRole('table', { name: 'Support items' });
  await expect(items.getByRole('row').filter({ hasText: '01_011_0107_1_1' })).toContainText('$70.23');
  await transitionsSettled(page);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);

  await nav.getByRole('link', { name: 'NDIS bulk payments' }).click();
  await expect(page.getByRole('heading', { name: 'NDIS bulk payments', level: 1 })).toBeVisible();
  const period = page.getByRole('form', { name: 'Claim period' });
  await fillDate(period.getByLabel(/^Delivered from/), day);
  await fillDate(period.getByLabel(/^Delivered to/), day);
  await period.getByRole('button', { name: 'Preview claims' }).click();
  const line = page
    .getByRole('table', { name: 'Claim lines' })
    .getByRole('row')
    .filter({ hasText: ndisNumber });
  await expect(line).toContainText('01_011_0107_1_1');
  await expect(line).toContainText('2:00 h');
  await expect(line).toContainText('$140.46');
  const claimType = line.getByRole('cell').nth(5);
  await expect(claimType).toHaveText(/^Direct service/);
  // Recorded as non-face-to-face: from 1 July 2026 that is claimed under the item's _NF variant, which this
  // catalogue does not have, so the record is refused with the reason, and put back to face-to-face from there.
  await line.getByLabel(`Delivered as: ${ndisNumber}`).selectOption({ label: 'Non-face-to-face (NF2F)' });
  const refused = page
    .getByRole('alert', { name: 'Delivered records that cannot be claimed' })
    .getByRole('listitem')
    .filter({ hasText: `Claim${suffix}` });
  await expect(refused).toContainText('01_011_0107_1_1_NF is not in the catalogue on');
  await transitionsSettled(page);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
  await refused.getByLabel(/^Delivered as:/).selectOption({ label: 'Face-to-face' });
  await expect(claimType).toHaveText(/^Direct service/);
  await period.getByRole('button', { name: 'Export bulk payment file' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Export and lock' }).click();
  const exported = page.getByRole('status').filter({ hasText: 'Exported' });
  await expect(exported).toContainText('locked');
  const name = /BPR\d{6}-\d+\.csv/.exec((await exported.textContent()) ?? '')?.[0] ?? '';
  const link = page.getByRole('table', { name: 'Bulk payment files' }).getByRole('link', { name });
  const csv = await (await page.request.get((await link.getAttribute('href')) ?? '')).text();
  const [header, ...rows] = csv.split('\r\n');
  expect(header).toBe(
    'RegistrationNumber,NDISNumber,SupportsDeliveredFrom,SupportsDeliveredTo,SupportNumber,ClaimReference,Quantity,Hours,UnitPrice,GSTCode,AuthorisedBy,ParticipantApproved,InKindFundingProgram,ClaimType,CancellationReason,ABN of Support Provider',
  );
  const slashed = day.replaceAll('-', '/');
  expect(rows.find((r) => r.includes(ndisNumber))).toMatch(
    new RegExp(
      `^\\d+,${ndisNumber},${slashed},${slashed},01_011_0107_1_1,BPR\\d{6}-\\d+-\\d+,,2:00,70\\.23,P2,,,,,,51824753556$`,
    ),
  );
  await transitionsSettled(page);
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
});
