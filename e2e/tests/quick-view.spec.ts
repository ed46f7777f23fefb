import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiSession, createClient, field, isoDateInDays, signIn, transitionsSettled, USERS } from './support';

// Written beside the other specs' artifacts; docs/screenshots takes a copy by hand when the screen changes.
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(SCREENSHOTS, { recursive: true });

async function expectAccessible(page: Page, name: string): Promise<void> {
  await transitionsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(blocking, `${name}:\n${report}`).toEqual([]);
}

/** Nothing on the page is wider than the phone's screen. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await transitionsSettled(page);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test.use({ viewport: { width: 390, height: 844 } });

test('an associate runs an appointment from Quick View on a phone: commence, complete with notes, sign off, addendum', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Yesterday's session for the demo associate, with a Perth client: it is theirs to commence and complete.
  const admin = await apiSession(USERS.admin);
  const me = await apiSession(USERS.worker);
  const staffId = (me.me as unknown as { staff: { id: string } }).staff.id;
  await me.dispose();
  const client = await createClient(admin, 'Australia/Perth', 'Quinn');
  const opened = await admin.post<{ id: string }>(`/clients/${client.id}/cases`, {
    issue: 'Workplace stress',
    funder: 'E2E Employer',
    allowedSessions: 4,
    countingWindow: 'per_year',
    openedOn: isoDateInDays(-30),
    funderRegion: 'AU-WA',
  });
  // The associate's demo bookings fill parts of the day: take the first free hour.
  let booked = false;
  for (const hour of ['07', '08', '09', '10', '11', '12', '13', '14', '15', '16']) {
    const response = await admin.context.post(`/api/v1/cases/${opened.id}/sessions`, {
      data: {
        name: 'Counselling session',
        bookingDate: isoDateInDays(-1),
        startTime: `${hour}:05`,
        durationMinutes: 50,
        assignee: { type: 'staff', id: staffId },
      },
      headers: { 'X-CSRF-Token': admin.csrfToken },
    });
    if (response.status() === 201) {
      booked = true;
      break;
    }
  }
  expect(booked).toBe(true);
  await admin.dispose();
  const name = `${client.givenName} ${client.familyName}`;

  // The associate lands on Quick View.
  await signIn(page, USERS.worker);
  await expect(page).toHaveURL(/\/quick-view$/);
  await expect(page).toHaveTitle(/Quick View/);
  const notStarted = page.getByRole('region', { name: /Not started/ });
  const card = notStarted.getByRole('listitem', { name: new RegExp(name) });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('appointment-times')).toContainText(
    /AE[DS]T yours · \d\d:\d\d AWST client's/,
  );
  await expect(card.getByRole('link', { name: 'Rebook' })).toHaveAttribute('href', /\/quick-view\/rebook\//);
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'quick view');
  await page.screenshot({ path: join(SCREENSHOTS, 'quick-view-phone.png') });

  // Commence: it moves to In progress.
  await card.getByRole('button', { name: 'Commence' }).click();
  const inProgress = page.getByRole('region', { name: /In progress/ });
  const running = inProgress.getByRole('listitem', { name: new RegExp(name) });
  await expect(running).toContainText('Commenced');
  await expectNoSidewaysScroll(page);

  // Complete: notes are required; then the notes and the outcome.
  await running.getByRole('button', { name: 'Complete' }).click();
  const dialog = page.getByRole('dialog');
  const form = dialog.getByRole('form', { name: 'Complete appointment' });
  await form.getByRole('combobox', { name: 'Outcome' }).click();
  await page.getByRole('option', { name: /Continuing/ }).click();
  await form.getByRole('button', { name: 'Complete' }).click();
  await expect(
    form.getByText(/Session notes are required: type the session notes or upload them/),
  ).toBeVisible();
  await field(page, 'Session notes').fill(
    'Worked on boundaries at work; agreed a plan for the next fortnight.',
  );
  await form.getByRole('button', { name: 'Complete' }).click();
  await expect(dialog.getByText('Completed. Sign off when the notes are final')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'complete appointment');

  // Sign off, through the app's confirmation.
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await page
    .getByRole('dialog', { name: 'Sign off this appointment?' })
    .getByRole('button', { name: 'Sign off' })
    .click();
  await expect(dialog.getByText('This record is frozen')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Complete' })).toHaveCount(0);

  // Addenda are added after sign-off, in order; the notes never change.
  for (const text of ['Client emailed: the plan starts Monday.', 'Correction: the next session is online.']) {
    await field(page, 'Addendum').fill(text);
    await dialog.getByRole('button', { name: 'Add addendum' }).click();
    await expect(dialog.getByRole('list', { name: 'Addenda' })).toContainText(text);
    await expect(field(page, 'Addendum')).toHaveValue('');
  }
  await expect(dialog.getByRole('list', { name: 'Addenda' }).getByRole('listitem')).toHaveText([
    /Client emailed: the plan starts Monday\./,
    /Correction: the next session is online\./,
  ]);
  await expect(dialog.getByLabel('Session notes')).toHaveText(
    'Worked on boundaries at work; agreed a plan for the next fortnight.',
  );
  await expectNoSidewaysScroll(page);
  await page.keyboard.press('Escape');
  await expect(
    page
      .getByRole('region', { name: /Recently completed/ })
      .getByRole('listitem', { name: new RegExp(name) }),
  ).toContainText('Signed off');
  await expectNoSidewaysScroll(page);
});

test('coordinators land on the Today board; the billing home shows drafts to issue and overdue invoices', async ({
  page,
}) => {
  await signIn(page, USERS.coordinator);
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: /Overdue: not completed 7 days after/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /Extra-session requests pending \(\d+\)/ })).toContainText(
    'Harbour Council EAP',
  );
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'today board');
  await page.getByRole('button', { name: 'Sign out' }).click();
  // finance@ is kept for the sign-in throttle test (permissions.spec); an administrator opens the billing home.
  await signIn(page, USERS.admin);
  await page.goto('/billing');
  await expect(page.getByRole('region', { name: 'Drafts to issue' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Overdue invoices' })).toBeVisible();
  await expectAccessible(page, 'billing home');
});
