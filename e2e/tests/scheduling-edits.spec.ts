import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  type ApiSession,
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
} from './support';

type Staff = { id: string; givenName: string; familyName: string };

const ZONE = 'Australia/Sydney';

async function newWorker(admin: ApiSession, givenName: string): Promise<Staff & { name: string }> {
  const roles = await admin.get<{ items: { id: string; key: string | null }[] }>('/roles');
  const workerRole = roles.items.find((role) => role.key === 'worker');
  const suffix = uniqueSuffix();
  const staff = await admin.post<Staff>('/staff', {
    givenName,
    familyName: `Avail${suffix}`,
    email: `${givenName.toLowerCase()}.${suffix}@example.org`,
    timeZone: ZONE,
    deliversServices: true,
    active: true,
    roleIds: workerRole ? [workerRole.id] : [],
  });
  return { ...staff, name: `${givenName} ${staff.familyName}` };
}

/** The client's bookings of one series name between two dates, from the calendar API, soonest first. */
async function bookingsNamed(page: Page, clientId: string, name: string, from: string, to: string) {
  const response = await page.request.get('/api/v1/calendar', {
    params: { from: `${addDays(from, -1)}T12:00:00Z`, to: `${to}T12:00:00Z`, zone: ZONE, clientId },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const items = (await response.json()).items as {
    id: string;
    name: string;
    start: string;
    status: string;
    seriesId: string | null;
  }[];
  return items
    .filter((item) => item.name === name)
    .map((item) => ({ date: item.start.slice(0, 10), time: item.start.slice(11), ...item }));
}

test('staff hours and leave are edited in the app, and a booking outside them goes ahead only with a reason', async ({
  page,
}) => {
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, ZONE, 'Hazel');
  const worker = await newWorker(admin, 'Quinn');
  await admin.dispose();
  const monday = mondayAfter(todayIn(ZONE), 10);
  const tuesday = addDays(monday, 1);

  await signIn(page, USERS.admin);
  await page.goto('/staff');
  await field(page, 'Search staff').fill(worker.familyName);
  await page.getByRole('button', { name: `Availability of ${worker.name}` }).click();
  const modal = page.getByRole('dialog', { name: `Availability: ${worker.name}` });
  await expect(modal).toBeVisible();
  await expect(modal.getByRole('row', { name: /Monday/ })).toContainText('Not working');
  await modal.getByRole('button', { name: 'Add hours on Monday' }).click();
  await modal.getByRole('button', { name: 'Add hours on Tuesday' }).click();
  await modal.getByLabel('Tuesday to').fill('08:00');
  await modal.getByRole('button', { name: 'Save working hours' }).click();
  await expect(modal.getByRole('alert')).toContainText('Tuesday: the end must be after the start');
  await modal.getByLabel('Tuesday to').fill('13:00');
  await modal.getByRole('button', { name: 'Save working hours' }).click();
  await expect(page.getByText('Working hours saved')).toBeVisible();
  // The notification itself must be legible (its text was below AA contrast in Mantine's default theme).
  const toast = await new AxeBuilder({ page })
    .include('.mantine-Notification-root')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(toast.violations).toEqual([]);

  await fillDate(field(modal, 'First day'), tuesday);
  await field(modal, 'Reason').fill('Annual leave');
  await modal.getByRole('button', { name: 'Record leave' }).click();
  await expect(modal.getByRole('table', { name: 'Staff leave' })).toContainText('Annual leave');
  await expect(modal.getByRole('table', { name: 'Staff leave' })).toContainText(formatBookingDate(tuesday));
  const axe = await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  expect(axe.violations).toEqual([]);
  await page.keyboard.press('Escape');

  // The hours were stored as entered, in the worker's zone.
  const hours = await page.request.get(`/api/v1/staff/${worker.id}/working-hours`);
  expect((await hours.json()).items).toEqual([
    { weekday: 1, startsAt: '09:00', endsAt: '17:00' },
    { weekday: 2, startsAt: '09:00', endsAt: '13:00' },
  ]);

  // An evening visit on the Monday: outside the hours, so the form asks why before booking it.
  const name = `Evening check ${uniqueSuffix()}`;
  await page.goto(`/clients/${client.id}/service-orders`);
  await page.getByRole('button', { name: '+ Create New Ad-hoc Booking' }).click();
  const dialog = page.getByRole('dialog', { name: 'New ad-hoc booking' });
  await field(dialog, 'Name').fill(name);
  await field(dialog, 'Booking date').fill(monday);
  await field(dialog, 'Start time').fill('18:00');
  await chooseOption(page, dialog, 'Assignee', worker.name);
  await dialog.getByRole('button', { name: 'Create booking' }).click();
  const warnings = dialog.getByTestId('soft-conflicts');
  await expect(warnings).toContainText("Outside the assignee's working hours");
  await expect(page.getByRole('table', { name: 'Service orders' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create booking anyway' }).click();
  await expect(warnings.getByText('Say why the booking should go ahead')).toBeVisible();
  await field(dialog, 'Reason for going ahead').fill('Family meeting, overtime agreed');
  await dialog.getByRole('button', { name: 'Create booking anyway' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('table', { name: 'Service orders' }).getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name }).click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer.getByTestId('conflict-override')).toContainText(
    "outside the assignee's working hours. Reason: Family meeting, overtime agreed",
  );

  // Dragged an hour later in the bookings calendar it is still outside the hours: the move asks why too.
  await page.goto(`/sessions-calendar?date=${monday}`);
  const event = page.getByTestId('sessions-calendar').locator('.ec-event', { hasText: name });
  await expect(event).toHaveCount(1);
  await dragRight(page, event, 96);
  const ask = page.getByRole('dialog', { name: 'Move this booking?' });
  await expect(ask.getByTestId('soft-conflicts')).toContainText("Outside the assignee's working hours");
  await field(ask, 'Reason for going ahead').fill('Meeting moved later');
  await ask.getByRole('button', { name: 'Move anyway' }).click();
  await expect(ask).toBeHidden();
  await expect(event).toContainText('19:00');
});

test('series edits: this and following from Scheduled services, the whole series by dragging, then ending it and changing leave', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, ZONE, 'Rowan');
  const worker = await newWorker(admin, 'Kit');
  const types = await admin.get<{ items: { id: string; name: string }[] }>('/service-types');
  const monday = mondayAfter(todayIn(ZONE), 8 + 7 * Math.floor(Math.random() * 3));
  const name = `Early support ${uniqueSuffix()}`;
  const created = await admin.post<{ series: { id: string } }>(`/clients/${client.id}/scheduled-services`, {
    serviceTypeId: types.items[0]?.id,
    name,
    startDate: monday,
    startTime: '05:00',
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    durationMinutes: 30,
    staffId: worker.id,
    status: 'active',
  });
  expect(created.series.id).toBeTruthy();
  await admin.dispose();
  const weeks = [0, 1, 2, 3].map((week) => addDays(monday, 7 * week));

  await signIn(page, USERS.coordinator);
  // 1. This and following, from the third Monday: a later start time.
  await page.goto(`/clients/${client.id}/care-plans`);
  await page.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit “${name}”` });
  await edit.getByRole('radio', { name: 'This and following occurrences' }).check();
  await fillDate(field(edit, 'From'), weeks[2] ?? '');
  await field(edit, 'Start time').fill('05:30');
  await edit.getByRole('button', { name: 'Preview changes' }).click();
  await expect(edit.getByText('Preview: nothing has changed yet.')).toBeVisible();
  await expect(edit.getByTestId('schedule-report')).toContainText(formatBookingDate(weeks[2] ?? ''));
  await edit.getByRole('button', { name: 'Apply changes' }).click();
  await expect(edit.getByRole('status')).toContainText('Scheduled service changed');
  await edit.getByRole('button', { name: 'Done' }).click();
  let items = await bookingsNamed(page, client.id, name, monday, addDays(monday, 22));
  expect(items.map((i) => `${i.date} ${i.time}`)).toEqual([
    `${weeks[0]} 05:00`,
    `${weeks[1]} 05:00`,
    `${weeks[2]} 05:30`,
    `${weeks[3]} 05:30`,
  ]);
  // The split made a second series for the later occurrences.
  expect(new Set(items.map((i) => i.seriesId)).size).toBe(2);
  await expect(page.getByRole('table', { name: 'Scheduled services' }).getByRole('row')).toHaveCount(3);

  // 2. Drag the first Monday's occurrence one hour later, for the whole (first) series, after a preview.
  await page.goto(`/sessions-calendar?date=${monday}`);
  const event = page.getByTestId('sessions-calendar').locator('.ec-event', { hasText: name });
  await expect(event).toHaveCount(1);
  await dragRight(page, event, 96);
  const ask = page.getByRole('dialog', { name: 'Move a scheduled occurrence' });
  await expect(ask).toContainText(`${formatBookingDate(monday)} at 06:00`);
  await ask.getByRole('radio', { name: 'All future occurrences of the series' }).check();
  await ask.getByRole('button', { name: 'Preview the change' }).click();
  await expect(ask.getByTestId('schedule-report')).toContainText(formatBookingDate(weeks[1] ?? ''));
  await ask.getByRole('button', { name: 'Change the whole series' }).click();
  await expect(ask.getByRole('status')).toContainText('Scheduled service changed');
  await ask.getByRole('button', { name: 'Done' }).click();
  items = await bookingsNamed(page, client.id, name, monday, addDays(monday, 22));
  expect(items.map((i) => `${i.date} ${i.time}`)).toEqual([
    `${weeks[0]} 06:00`,
    `${weeks[1]} 06:00`,
    `${weeks[2]} 05:30`,
    `${weeks[3]} 05:30`,
  ]);
  expect(items.every((i) => i.status === 'booked')).toBe(true);

  // 3. Leave over the third and fourth Mondays, then shortened to the third: the fourth comes back.
  await page.goto(`/clients/${client.id}/leave`);
  await page.getByRole('button', { name: 'Put on leave' }).click();
  const leave = page.getByRole('dialog', { name: 'Put on leave' });
  await chooseOption(page, leave, 'Type', 'Respite');
  await fillDate(field(leave, 'First day'), weeks[2] ?? '');
  await fillDate(field(leave, 'Last day'), addDays(weeks[3] ?? '', 1));
  await leave.getByRole('button', { name: 'Put on leave' }).click();
  const onLeave = page.getByRole('dialog', { name: 'Client on leave' });
  await expect(onLeave.getByTestId('leave-suspended').getByRole('listitem')).toHaveCount(2);
  await onLeave.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('table', { name: 'Client leave' }).getByRole('button', { name: 'Change' }).click();
  const change = page.getByRole('dialog', { name: 'Change leave' });
  await fillDate(field(change, 'Last day'), addDays(weeks[2] ?? '', 1));
  await change.getByRole('button', { name: 'Save leave' }).click();
  const changed = page.getByRole('dialog', { name: 'Leave changed' });
  await expect(changed).toContainText('Restored bookings');
  await expect(changed).toContainText(name);
  await changed.getByRole('button', { name: 'Done' }).click();
  items = await bookingsNamed(page, client.id, name, monday, addDays(monday, 22));
  expect(items.map((i) => i.status)).toEqual(['booked', 'booked', 'cancelled', 'booked']);

  // 4. End the first series after its first Monday: the second Monday's booking goes, the rest stay.
  await page.goto(`/clients/${client.id}/care-plans`);
  await page
    .getByRole('button', { name: `End series ${name}` })
    .first()
    .click();
  const end = page.getByRole('dialog', { name: `End “${name}”` });
  await fillDate(field(end, 'Last day'), weeks[0] ?? '');
  await end.getByRole('button', { name: 'Preview' }).click();
  await expect(end.getByTestId('schedule-report')).toContainText(formatBookingDate(weeks[1] ?? ''));
  await end.getByRole('button', { name: 'End series' }).click();
  await expect(end.getByRole('status')).toContainText('Scheduled service ended');
  await end.getByRole('button', { name: 'Done' }).click();
  items = await bookingsNamed(page, client.id, name, monday, addDays(monday, 22));
  expect(items.map((i) => i.date)).toEqual([weeks[0], weeks[2], weeks[3]]);
});
