import { expect, type Route, test } from '@playwright/test';
import { apiSession, createClient, field, signIn, USERS } from './support';

// Dates as the organisation writes them (dd/mm/yyyy; mm/dd/yyyy for en-US), money in its currency, and a
// list that says it is loading, then that it is empty. The browser's own language is en-AU throughout: what
// changes the formats is the organisation (`/me`), never the browser.
test('dates, money and list states follow the organisation', async ({ page }) => {
  const api = await apiSession(USERS.coordinator);
  const client = await createClient(api, 'Australia/Perth', 'Formats');
  await api.dispose();
  await signIn(page, USERS.admin);

  // A list that is loading says so, then says it is empty (held until we look, so no timing is assumed).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/v1\/calendar\?/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/clients/${client.id}/calendar`);
  const status = page.getByTestId('client-calendar-status');
  await expect(status).toHaveText('Loading bookings…');
  release();
  await expect(status).toHaveText(/^No bookings in these dates/);
  await page.unroute(/\/api\/v1\/calendar\?/);

  // A date field that was the browser's own (which takes only what the browser's language writes) now
  // takes and shows day/month/year, and sends the API its ISO date.
  await page.goto('/invoices');
  const from = field(page, 'Period from');
  await expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  const filtered = page.waitForRequest(
    (r) => r.url().includes('/api/v1/invoices?') && r.url().includes('periodFrom=2026-12-01'),
  );
  await from.fill('01/12/2026');
  await filtered;
  await from.blur();
  await expect(from).toHaveValue('01/12/2026');
  await expect(page.getByTestId('invoice-totals')).toContainText('$');

  // An organisation in the United States that bills in pounds (to tell the two apart): the same screen
  // writes mm/dd/yyyy and £, because /me says so.
  await page.route('**/api/v1/me', async (route) => {
    const response = await route.fetch();
    const me = await response.json();
    await route.fulfill({
      response,
      json: { ...me, organisation: { ...me.organisation, locale: 'en-US', currency: 'GBP' } },
    });
  });
  await page.reload();
  const totals = page.getByTestId('invoice-totals');
  await expect(totals).toContainText('£');
  await expect(totals).not.toContainText('$');
  const usFrom = field(page, 'Period from');
  await expect(usFrom).toHaveAttribute('placeholder', 'mm/dd/yyyy');
  const usFiltered = page.waitForRequest(
    (r) => r.url().includes('/api/v1/invoices?') && r.url().includes('periodFrom=2026-12-01'),
  );
  await usFrom.fill('12/01/2026');
  await usFiltered;
});
