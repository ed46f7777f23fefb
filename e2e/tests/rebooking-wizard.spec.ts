import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  isoDateInDays,
  signIn,
  transitionsSettled,
  USERS,
  uniqueSuffix,
} from './support';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `serious/critical axe violations on ${name}`,
  ).toEqual([]);
}

test('an associate rebooks a client with the wizard; the confirmation with its invitation is caught in the Outbox', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // A Brisbane client of the demo associate (Sydney), with one session booked on a three-session case.
  const admin = await apiSession(USERS.admin);
  const worker = await apiSession(USERS.worker);
  const workerId = (worker.me.staff as unknown as { id: string }).id;
  await worker.dispose();
  const familyName = `E2e${uniqueSuffix()}`;
  const email = `${familyName.toLowerCase()}@clients.example.org`;
  const client = await admin.post<{ id: string }>('/clients', {
    givenName: 'Wren',
    familyName,
    email,
    timeZone: 'Australia/Brisbane',
  });
  // Their partner, who attends the new session with them (a couple session).
  await admin.post('/clients', {
    givenName: 'Rowan',
    familyName,
    timeZone: 'Australia/Brisbane',
  });
  const opened = await admin.post<{ id: string }>(`/clients/${client.id}/cases`, {
    issue: 'Workplace stress',
    funder: 'E2E Employer',
    allowedSessions: 3,
    countingWindow: 'rolling_12_months',
    openedOn: isoDateInDays(-100),
    funderRegion: 'AU-QLD',
  });
  // Three months ago, at 07:00 (outside the schedule lines). Across a Sydney daylight-saving change the review
  // then says the associate's time has moved since that session.
  const last = await admin.post<{ booking: { id: string } }>(`/cases/${opened.id}/sessions`, {
    name: 'Counselling',
    bookingDate: isoDateInDays(-90),
    startTime: '07:00',
    durationMinutes: 60,
    assignee: { type: 'staff', id: workerId },
    notifyClient: false,
  });
  await admin.dispose();

  await signIn(page, USERS.worker);
  await page.goto(`/quick-view/rebook/${last.booking.id}`);
  await expect(page.getByRole('heading', { name: `Rebook Wren ${familyName}` })).toBeVisible();
  // The tab names the client once the appointment has loaded (it says "Rebook" until then).
  await expect(page).toHaveTitle(`Rebook Wren ${familyName} · Carebook`);
  // 1. The session summary, from the ledger.
  await expect(page.getByLabel('Sessions used')).toHaveText('1 used');
  await expect(page.getByLabel('Sessions available')).toHaveText('2 of 3 available');
  await page.getByRole('button', { name: 'Next' }).click();
  // 2. Manual booking (the default).
  await expect(page.getByRole('radio', { name: /Manual/ })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  // 3. A free time on a schedule, shown as Available, in both zones.
  const times = page.getByRole('table', { name: 'Available times' });
  await expect(times.getByText('Available').first()).toBeVisible();
  await times.getByRole('button', { name: 'Choose' }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  // 4. Video on Jitsi, notified (the client has an e-mail address).
  await chooseOption(page, page.locator('body'), 'Modality', 'Video');
  await expect(page.getByText(/a private Jitsi room is generated/)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Send the client a notification/ })).toBeChecked();
  await expect(page.getByText(`this goes to: Wren (e-mail)`)).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  // 5. The review, computed by the server: both zones.
  const review = page.getByRole('table', { name: 'Appointment time' });
  await expect(review).toContainText('Australia/Brisbane');
  await expect(review).toContainText('Australia/Sydney');
  await expect(review).toContainText('Available on');
  await expectAccessible(page, 'rebooking-wizard-review');
  await page.getByRole('button', { name: 'Next' }).click();
  // 6. Attendance: a couple session with the partner, found by name; confirmed, Finalise.
  await expect(page.getByRole('radio', { name: 'Individual' })).toBeChecked();
  await page.getByRole('radio', { name: 'Couple' }).check();
  await page.getByRole('combobox', { name: 'Add a participant' }).fill(`Rowan ${familyName}`);
  await page.getByRole('option', { name: `Rowan ${familyName}` }).click();
  const others = page.getByRole('list', { name: 'Other participants' }).getByRole('listitem');
  await expect(others).toHaveCount(1);
  await expect(others).toContainText(`Rowan ${familyName}`);
  await expect(others.getByRole('button', { name: `Remove Rowan ${familyName}` })).toBeVisible();
  await expectAccessible(page, 'rebooking-wizard-attendance');
  await expect(page.getByRole('checkbox', { name: 'Appointment confirmed' })).toBeChecked();
  await page.getByRole('button', { name: 'Finalise appointment' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Appointment booked' });
  await expect(done).toContainText('1 sessions left on the case');
  await expect(done).toContainText(`Couple session, also attending: Rowan ${familyName}.`);
  await expect(
    done.getByRole('link', { name: /^https:\/\/meet\.jit\.si\/carebook-[0-9a-f]{32}$/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // The coordinator sees the confirmation sent, and the embedded catcher holds the e-mail with its invitation.
  await signIn(page, USERS.coordinator);
  await page.goto('/outbox');
  const row = page.getByRole('table', { name: 'Outbox' }).getByRole('row').filter({ hasText: email });
  await expect(row.filter({ hasText: 'Confirmation' })).toContainText('sent');
  await row.filter({ hasText: 'Confirmation' }).getByRole('button', { name: 'Confirmation' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Australia/Brisbane time');
  await expect(dialog.getByLabel('Calendar invitation')).toContainText('METHOD:REQUEST');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: /Caught mail/ }).click();
  await expect(page.getByText(`To ${email}`)).toHaveCount(1);

  // The coordinator closes the case with a reason; it then takes no further bookings.
  await page.goto(`/clients/${client.id}/sessions`);
  await page.getByRole('textbox', { name: 'Reason for closing' }).fill('Goals met');
  await page.getByRole('button', { name: 'Close case' }).click();
  await page
    .getByRole('dialog', { name: 'Close this case?' })
    .getByRole('button', { name: 'Close case' })
    .click();
  await expect(page.getByText('This case is closed: Goals met')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Book session' })).toHaveCount(0);
});
