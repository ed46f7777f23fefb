import { expect, type Page, test } from '@playwright/test';
import {
  addDays,
  apiSession,
  chooseOption,
  createClient,
  dragRight,
  field,
  fillDate,
  formatBookingDate,
  mondayAfter,
  signIn,
  todayIn,
  USERS,
  uniqueSuffix,
  zoneAbbreviation,
} from './support';

type Staff = { id: string; givenName: string; familyName: string };
type CalendarItem = {
  id: string;
  name: string;
  status: string;
  start: string;
  seriesId: string | null;
  isException: boolean;
};

const ZONE = 'Australia/Sydney';

async function calendarItems(page: Page, clientId: string, from: string, to: string) {
  const response = await page.request.get('/api/v1/calendar', {
    params: {
      from: `${addDays(from, -1)}T12:00:00Z`,
      to: `${to}T12:00:00Z`,
      zone: ZONE,
      clientId,
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { items: CalendarItem[] }).items;
}

test('a coordinator schedules weekly care, moves one occurrence and puts the client on leave', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, ZONE, 'Wren');
  const roles = await admin.get<{ items: { id: string; key: string | null }[] }>('/roles');
  const workerRole = roles.items.find((role) => role.key === 'worker');
  const suffix = uniqueSuffix();
  const staff = await admin.post<Staff>('/staff', {
    givenName: 'Robin',
    familyName: `Roster${suffix}`,
    email: `robin.${suffix}@example.org`,
    timeZone: ZONE,
    deliversServices: true,
    active: true,
    roleIds: workerRole ? [workerRole.id] : [],
  });
  await admin.dispose();
  const staffName = `Robin ${staff.familyName}`;

  // Early-morning times keep clear of the demo's regular care.
  const minute = [0, 15, 30][Math.floor(Math.random() * 3)] ?? 15;
  const startTime = `05:${String(minute).padStart(2, '0')}`;
  const endTime = minute === 30 ? '06:00' : `05:${String(minute + 30).padStart(2, '0')}`;
  const movedTime = `06:${String(minute).padStart(2, '0')}`;
  const monday = mondayAfter(todayIn(ZONE), 8 + 7 * Math.floor(Math.random() * 3));
  const thursday = addDays(monday, 3);
  const name = `Morning care ${suffix}`;

  await signIn(page, USERS.coordinator);
  await page.goto(`/clients/${client.id}/profile`);
  await page.getByRole('tab', { name: 'Scheduled services' }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${client.id}/care-plans$`));
  await expect(page.getByText('No scheduled services yet')).toBeVisible();

  // New weekly scheduled service: Mondays and Thursdays, with a live preview of the next occurrences.
  await page.getByRole('button', { name: 'New scheduled service' }).click();
  const dialog = page.getByRole('dialog', { name: 'New scheduled service' });
  await expect(dialog).toBeVisible();
  await chooseOption(page, dialog, 'Service type', 'Personal care');
  await field(dialog, 'Name').fill(name);
  await fillDate(field(dialog, 'Start date'), monday);
  await field(dialog, 'Start time').fill(startTime);
  await field(dialog, 'Duration (minutes)').fill('30');
  await expect(dialog.getByRole('checkbox', { name: 'Monday' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Thursday' }).check();
  await chooseOption(page, dialog, 'Assignee', staffName);
  await expect(dialog.getByTestId('rule-summary')).toHaveText(`Every Mon, Thu at ${startTime}`);

  const preview = dialog.getByTestId('occurrence-preview').getByRole('listitem');
  const expected = [monday, thursday, addDays(monday, 7), addDays(thursday, 7)].map(
    (date) =>
      `${formatBookingDate(date)}, ${startTime}–${endTime} ${zoneAbbreviation(ZONE, date, startTime)}`,
  );
  await expect(preview.nth(0)).toHaveText(expected[0] ?? '');
  await expect(preview.nth(1)).toHaveText(expected[1] ?? '');
  await expect(preview.nth(2)).toHaveText(expected[2] ?? '');
  await expect(preview.nth(3)).toHaveText(expected[3] ?? '');

  await dialog.getByRole('button', { name: 'Save and activate' }).click();
  const activated = page.getByRole('dialog', { name: 'Scheduled service activated' });
  await expect(activated).toBeVisible();
  await expect(activated.getByTestId('schedule-report')).toContainText('0 conflicts');
  await expect(
    activated
      .getByRole('row')
      .filter({ hasText: formatBookingDate(monday) })
      .first(),
  ).toContainText('New booking');
  await activated.getByRole('button', { name: 'Done' }).click();
  await expect(activated).toBeHidden();

  const row = page
    .getByRole('table', { name: 'Scheduled services' })
    .getByRole('row')
    .filter({ hasText: name });
  await expect(row).toContainText(`Every Mon, Thu at ${startTime}`);
  await expect(row).toContainText(staffName);
  await expect(row).toContainText('Active');

  // The client's calendar shows the bookings, in the client's zone.
  await page.goto(`/clients/${client.id}/calendar?date=${monday}`);
  await expect(page.getByTestId('calendar-zone')).toContainText(ZONE);
  const clientCalendar = page.getByTestId('client-calendar');
  await expect(clientCalendar.locator('.ec-event', { hasText: name })).toHaveCount(2);
  await expect(clientCalendar.locator('.ec-event', { hasText: name }).first()).toContainText(startTime);

  // Bookings calendar, day view on the Monday: drag the occurrence one hour later, this occurrence only.
  await page.goto(`/sessions-calendar?date=${monday}`);
  const sessions = page.getByTestId('sessions-calendar');
  const event = sessions.locator('.ec-event', { hasText: name });
  await expect(event).toHaveCount(1);
  // One 30-minute slot is 48 px wide in the day view: 96 px is one hour.
  await dragRight(page, event, 96);
  const ask = page.getByRole('dialog', { name: 'Move a scheduled occurrence' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText(`${formatBookingDate(monday)} at ${movedTime}`);
  await expect(ask.getByRole('radio', { name: 'This occurrence only' })).toBeChecked();
  await ask.getByRole('button', { name: 'Move this occurrence' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByText('Occurrence moved')).toBeVisible();

  // Only that booking moved, and it is now an exception to its series.
  const items = (await calendarItems(page, client.id, monday, addDays(monday, 14))).filter(
    (item) => item.name === name,
  );
  expect(items.length).toBeGreaterThanOrEqual(4);
  const moved = items.filter((item) => item.isException);
  expect(moved.map((item) => item.start)).toEqual([`${monday}T${movedTime}`]);
  for (const item of items.filter((i) => !i.isException)) {
    expect(item.start.slice(11)).toBe(startTime);
    expect(item.seriesId).toBe(moved[0]?.seriesId);
  }
  await expect(sessions.locator('.ec-event', { hasText: name })).toContainText(movedTime);

  // Leave covering the first week: the occurrences are suspended.
  await page.goto(`/clients/${client.id}/leave`);
  await page.getByRole('button', { name: 'Put on leave' }).click();
  const leaveDialog = page.getByRole('dialog', { name: 'Put on leave' });
  await chooseOption(page, leaveDialog, 'Type', 'Hospital');
  await fillDate(field(leaveDialog, 'First day'), monday);
  await fillDate(field(leaveDialog, 'Last day'), addDays(monday, 7));
  await field(leaveDialog, 'Note').fill('Knee surgery');
  await leaveDialog.getByRole('button', { name: 'Put on leave' }).click();
  const result = page.getByRole('dialog', { name: 'Client on leave' });
  await expect(result).toBeVisible();
  const suspended = result.getByTestId('leave-suspended').getByRole('listitem');
  await expect(suspended).toHaveCount(3);
  await expect(suspended.first()).toContainText(name);
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Client leave' })).toContainText('Hospital');

  await page.goto(`/clients/${client.id}/calendar?date=${monday}`);
  await expect(
    page.getByTestId('client-calendar').locator('.ec-event.status-cancelled', { hasText: name }),
  ).toHaveCount(2);
  const after = (await calendarItems(page, client.id, monday, addDays(monday, 8))).filter(
    (item) => item.name === name,
  );
  expect(after.map((item) => item.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  const booking = await page.request.get(`/api/v1/bookings/${after[0]?.id}`);
  expect((await booking.json()).cancellationReason).toBe('Client leave');
});
