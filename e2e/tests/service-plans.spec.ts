import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  apiSession,
  chooseOption,
  createClient,
  dayMonthYear,
  field,
  fillDate,
  formatBookingDate,
  isoDateInDays,
  signIn,
  USERS,
  uniqueSuffix,
} from './support';

/** YYYY-MM-DD plus whole days, on the calendar (no zone involved). */
function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function addActivity(editor: Page | Locator, label: string): Promise<void> {
  await editor.getByRole('textbox', { name: 'New activity' }).fill(label);
  await editor.getByRole('textbox', { name: 'New activity' }).press('Enter');
}

test('a coordinator builds a plan, deploys it with an override and works the first service', async ({
  page,
}) => {
  const admin = await apiSession(USERS.admin);
  const client = await createClient(admin, 'Australia/Sydney', 'Rosalind');
  await admin.dispose();
  const planName = `Falls prevention ${uniqueSuffix()}`;
  const startDate = isoDateInDays(30);

  await signIn(page, USERS.coordinator);
  const coordinatorName = (await page.getByTestId('signed-in-user').textContent())?.trim() ?? '';

  // The plan editor: settings, three steps, activities.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Service Plans' })
    .click();
  await expect(page.getByRole('heading', { name: 'Service Plans', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Create New Service Plan' }).click();
  await expect(page.getByRole('heading', { name: 'New service plan', level: 1 })).toBeVisible();

  await field(page, 'Name').fill(planName);
  await page.getByRole('switch', { name: /Limit Concurrent Deployments/ }).check();

  const details = page.getByRole('region', { name: /^Step \d of \d$/ });
  await field(details, 'Delayed Days').fill('0');
  await field(details, 'Title').fill('Falls risk screening');
  await addActivity(details, 'Ask about falls in the last year');
  await addActivity(details, 'Timed up-and-go test');
  await expect(details.getByRole('textbox', { name: 'Activity 2' })).toHaveValue('Timed up-and-go test');

  await page.getByRole('button', { name: 'Add Step' }).click();
  await expect(page.getByRole('region', { name: 'Step 2 of 2' })).toBeVisible();
  await field(details, 'Delayed Days').fill('3');
  await field(details, 'Title').fill('Home safety visit');
  await addActivity(details, 'Check lighting and rugs');

  await page.getByRole('button', { name: 'Add Step' }).click();
  await expect(page.getByRole('region', { name: 'Step 3 of 3' })).toBeVisible();
  await field(details, 'Delayed Days').fill('10');

  // Saving without the third step's title is refused on that field, and the step list flags it.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByText('Title is required')).toBeVisible();
  await expect(page.getByRole('button', { name: /Day 10 · Untitled step.*Needs attention/ })).toBeVisible();
  await field(details, 'Title').fill('Strength programme review');
  await addActivity(details, 'Review exercise diary');

  const steps = page.getByRole('region', { name: 'Steps' });
  await expect(steps.getByRole('listitem')).toHaveText([
    /Day 0 · Falls risk screening/,
    /Day 3 · Home safety visit/,
    /Day 10 · Strength programme review/,
  ]);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: planName, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/service-plans\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();

  // Deploy from the client's Services tab, overriding step 2's assignee.
  await page.goto(`/clients/${client.id}/profile`);
  await page.getByRole('tab', { name: 'Services', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${client.id}/services$`));
  await expect(page.getByText('No services yet')).toBeVisible();
  await page.getByRole('button', { name: 'Deploy a plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy a service plan' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Client' })).toHaveValue(`Rosalind ${client.familyName}`);
  await dialog.getByRole('combobox', { name: 'Service plan' }).fill(planName.slice(0, 20));
  await page.getByRole('option', { name: new RegExp(planName) }).click();
  await fillDate(field(dialog, 'Start date'), startDate);

  const table = dialog.getByRole('table', { name: 'Services to create' });
  await expect(table.getByTestId('deploy-due-2')).toHaveText(formatBookingDate(addDays(startDate, 10)));
  await expect(table.getByRole('textbox', { name: 'Due date for Home safety visit' })).toHaveValue(
    dayMonthYear(addDays(startDate, 3)),
  );
  await chooseOption(page, dialog, 'Assignee for Home safety visit', 'Aisha Khan');
  await dialog.getByRole('button', { name: 'Create Services & View' }).click();
  await expect(dialog).toBeHidden();

  // The first service of the new deployment.
  await expect(page).toHaveURL(/\/services\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Falls risk screening', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: `Rosalind ${client.familyName}` })).toBeVisible();
  const activity = page.getByRole('checkbox', { name: 'Ask about falls in the last year' });
  await expect(activity).not.toBeChecked();
  await activity.click();
  await expect(activity).toBeChecked();
  await expect(page.getByText(`Done by ${coordinatorName} at`)).toBeVisible();
  await expect(page.getByText('1 of 2 done')).toBeVisible();

  // The plan tab lists the deployment's services, with the override.
  await page.getByRole('tab', { name: 'Plan (3)' }).click();
  const siblings = page.getByRole('list', { name: 'Services in this plan' }).getByRole('listitem');
  await expect(siblings).toHaveCount(3);
  await expect(siblings.nth(0)).toContainText('Falls risk screening');
  await expect(siblings.nth(0)).toContainText(formatBookingDate(startDate));
  await expect(siblings.nth(1)).toContainText('Home safety visit');
  await expect(siblings.nth(1)).toContainText('Aisha Khan');
  await expect(siblings.nth(1)).toContainText(formatBookingDate(addDays(startDate, 3)));
  await expect(siblings.nth(2)).toContainText('Strength programme review');
  await expect(siblings.nth(2)).toContainText(formatBookingDate(addDays(startDate, 10)));

  // Start the service; then a second deployment of this limited plan is refused with the reason.
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('In progress').first()).toBeVisible();
  // Let the confirmations close by themselves (hovering them would keep them open).
  await page.mouse.move(10, 600);
  await expect(page.getByText('Services created')).toBeHidden();
  await expect(page.getByText('Service started')).toBeHidden();
  await page.getByRole('button', { name: 'New Service ▾' }).click();
  await page.getByRole('menuitem', { name: 'Deploy a service plan' }).click();
  await expect(dialog).toBeVisible();
  await chooseOption(page, dialog, 'Service plan', new RegExp(planName));
  await dialog.getByRole('combobox', { name: 'Client' }).fill(client.familyName);
  await page.getByRole('option', { name: `Rosalind ${client.familyName}` }).click();
  await dialog.getByRole('button', { name: 'Create Services', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('limits concurrent deployments');
  await page.keyboard.press('Escape');

  // The client's Services tab lists all three.
  await page.goto(`/clients/${client.id}/services`);
  await expect(page.getByRole('table', { name: 'Client services' }).getByRole('row')).toHaveCount(4);
});

test('a worker sees the services assigned to them, grouped by when they are due', async ({ page }) => {
  await signIn(page, USERS.worker);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Service Plans' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'All services' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'My services' }).click();
  await expect(page.getByRole('heading', { name: 'My services', level: 1 })).toBeVisible();

  const overdue = page.getByRole('region', { name: 'Overdue' });
  await expect(overdue.getByRole('link', { name: 'Intake call' }).first()).toBeVisible();
  const upcoming = page.getByRole('region', { name: 'Upcoming' });
  await expect(upcoming.getByRole('link', { name: 'Arrange shower chair delivery' })).toBeVisible();
  await expect(upcoming.getByRole('link', { name: 'Care plan review' }).first()).toBeVisible();

  await upcoming.getByRole('link', { name: 'Arrange shower chair delivery' }).click();
  await expect(page.getByRole('heading', { name: 'Arrange shower chair delivery', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit service' })).toHaveCount(0);
  const note = `Supplier called back (${uniqueSuffix()}); delivery Tuesday.`;
  await page.getByRole('textbox', { name: 'Notes' }).fill(note);
  await page.getByRole('button', { name: 'Save notes' }).click();
  // The button is disabled while the save is in flight too (Mantine's loading state): wait for the saved message.
  await expect(page.getByText('Notes saved')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save notes' })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue(note);
});
