import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  createClient,
  field,
  fillDate,
  signIn,
  USERS,
  uniqueSuffix,
} from './support';

test("finance sees a carer's pay for delivered visits, line by line, and why", async ({ page }) => {
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Juniper');
  const suffix = uniqueSuffix();
  const worker = await admin.post<{ id: string; familyName: string }>('/staff', {
    givenName: 'Pat',
    familyName: `Payroll${suffix}`,
    email: `pat.${suffix}@example.org`,
    timeZone: 'Australia/Sydney',
    deliversServices: true,
    active: true,
    roleIds: [],
  });
  const put = await admin.context.put(`/api/v1/staff/${worker.id}/carer-contract`, {
    headers: { 'X-CSRF-Token': admin.csrfToken },
    data: {
      optionSets: [
        {
          effectiveFrom: '2026-01-01',
          options: {
            hourlyRate: 3400,
            unsociableRanges: [{ when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: 5100 }],
          },
        },
      ],
    },
  });
  expect(put.ok(), await put.text()).toBe(true);
  // A Tuesday and a Saturday, both delivered: 60 min × 34.00 and 90 min × 51.00.
  for (const [bookingDate, durationMinutes] of [
    ['2026-11-03', 60],
    ['2026-11-07', 90],
  ] as const) {
    const booking = await admin.post<{ id: string }>(`/clients/${client.id}/service-orders`, {
      name: `Support ${bookingDate}`,
      bookingDate,
      startTime: '05:00',
      durationMinutes,
      assignee: { type: 'staff', id: worker.id },
    });
    await admin.post(`/bookings/${booking.id}/complete`, {});
  }
  await admin.dispose();

  await signIn(page, USERS.finance);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Carer pay' })
    .click();
  await expect(page.getByRole('heading', { name: 'Carer pay', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Carer pay period' });
  await chooseOption(page, form, 'Staff member', `Pat ${worker.familyName}`);
  await fillDate(field(form, 'From'), '2026-11-01');
  await fillDate(field(form, 'To'), '2026-11-30');
  await form.getByRole('button', { name: 'Show pay' }).click();
  await expect(page.getByTestId('pay-total')).toHaveText('$110.50');
  const lines = page.getByRole('table', { name: 'Pay lines' });
  await expect(lines.getByRole('row')).toHaveCount(3);
  const saturday = lines.getByRole('row').filter({ hasText: 'Support 2026-11-07' });
  await expect(saturday).toContainText('$76.50');
  await saturday.getByRole('button', { name: 'Why this price' }).click();
  const why = saturday.getByTestId('why-this-price');
  await expect(why).toContainText('weekends 00:00–24:00');
  await expect(why).toContainText('carer contract option set 1 (from 2026-01-01)');
  const csv = page.getByRole('link', { name: 'Export CSV' });
  const response = await page.request.get((await csv.getAttribute('href')) ?? '');
  expect(response.headers()['content-type']).toContain('text/csv');
  expect((await response.text()).trimEnd().split('\r\n')).toHaveLength(3);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations).toEqual([]);
});
