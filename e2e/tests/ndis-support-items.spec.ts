import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { apiSession, field, signIn, USERS, uniqueSuffix } from './support';

// Issue 15 §1 and §2: an NDIS contract type names a support item per time band, "why this price" shows the item
// a visit's band picked and its price-limit check, and the organisation chooses what a funding overrun does.
test('support items per band on an NDIS contract type, the limit check in why this price, the funding overrun setting', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // An NDIS participant in NSW on a contract type naming weekday daytime and Saturday self-care (the demo
  // catalogue's items), with a Tuesday 10:00 visit at $70.23/h: exactly the weekday daytime limit.
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const client = await admin.post<{ id: string }>('/clients', {
    givenName: 'Sunita',
    familyName: `Band${suffix}`,
    timeZone: 'Australia/Sydney',
    state: 'NSW',
    ndisNumber: `43${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  });
  const typeName = `NDIS ${suffix}`;
  const type = await admin.post<{ id: string }>('/contract-types', {
    name: typeName,
    category: 'ndis',
    optionSets: [
      {
        effectiveFrom: '2025-07-01',
        options: {
          hourlyRate: 7023,
          ndisSupportItems: { weekday_daytime: '01_011_0107_1_1', saturday: '01_013_0107_1_1' },
        },
      },
    ],
  });
  await admin.post(`/clients/${client.id}/contracts`, {
    contractTypeId: type.id,
    name: 'Service agreement',
    startDate: '2025-07-01',
    optionSets: [],
  });
  const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
    name: 'Personal care',
    bookingDate: '2027-03-02',
    startTime: '10:00',
    durationMinutes: 60,
  });
  await admin.dispose();

  // 1. The contract type's options show the items; a bad number is refused in words, a good one is saved.
  await signIn(page, USERS.admin);
  await page.goto('/contract-types');
  await page.getByRole('link', { name: typeName }).click();
  await expect(page.getByRole('heading', { name: typeName, level: 1 })).toBeVisible();
  const items = page
    .getByTestId('option-set-0')
    .getByRole('group', { name: 'NDIS support items by time band' });
  await expect(field(items, 'Weekday daytime')).toHaveValue('01_011_0107_1_1');
  await expect(field(items, 'Saturday')).toHaveValue('01_013_0107_1_1');
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
  await field(items, 'Weekday evening').fill('01_015_0107');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(items.getByText(/must be a support item number such as 01_011_0107_1_1/i)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: "couldn't be saved" })).toContainText(
    'The weekday evening support item (item 1 of option sets) must be a support item number',
  );
  await expect(field(items, 'Weekday evening')).toHaveAttribute('aria-invalid', 'true');
  await field(items, 'Weekday evening').fill('01_015_0107_1_1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Contract type saved')).toBeVisible();
  await page.reload();
  await expect(field(items, 'Weekday evening')).toHaveValue('01_015_0107_1_1');

  // 2. Why this price: the Tuesday visit is weekday daytime, claimed under its item, within its limit.
  await page.goto(`/clients/${client.id}/service-orders?booking=${booking.id}`);
  const drawer = page.getByRole('dialog', { name: 'Personal care' });
  await drawer.getByRole('button', { name: 'Why this price' }).click();
  const check = drawer.getByTestId('support-item-check');
  await expect(check).toContainText('Weekday daytime');
  await expect(check).toContainText('01_011_0107_1_1');
  await expect(check).toContainText('price limit $70.23');
  await expect(check).toContainText(
    '$70.23 is within the price limit $70.23 of 01_011_0107_1_1 on 2027-03-02',
  );
  await page.keyboard.press('Escape');

  // 3. The funding overrun setting: refuse, saved and read back, then back to going ahead with a reason.
  await page.goto('/ndis/bulk-payments');
  const settings = page.getByRole('form', { name: 'Claim settings' });
  const overrun = settings.getByRole('radiogroup', { name: "A booking over a funding period's allocation" });
  await expect(overrun.getByRole('radio', { name: 'Go ahead with a reason' })).toBeChecked();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
  await overrun.getByText('Refuse the booking').click();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Settings saved.');
  await page.reload();
  await expect(overrun.getByRole('radio', { name: 'Refuse the booking' })).toBeChecked();
  await overrun.getByText('Go ahead with a reason').click();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Settings saved.');
  await page.reload();
  await expect(overrun.getByRole('radio', { name: 'Go ahead with a reason' })).toBeChecked();
});
