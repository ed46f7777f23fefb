import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  addDays,
  apiSession,
  chooseOption,
  createClient,
  field,
  fillDate,
  mondayAfter,
  signIn,
  todayIn,
  transitionsSettled,
  USERS,
  uniqueSuffix,
} from './support';

// Written beside the other specs' artifacts; docs/screenshots takes a copy by hand when the screen changes.
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
mkdirSync(SCREENSHOTS, { recursive: true });

async function expectAccessible(page: Page, name: string, include?: string): Promise<void> {
  await transitionsSettled(page);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
  expect(blocking, `serious/critical axe violations on ${name}:\n${report}`).toEqual([]);
}

async function pick(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('a recurring group of 4 clients and 2 workers: created from the sessions calendar, one client cancelled for one date, a session completed with travel, transport and an edited apportionment, and the invoice and carer pay that result', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const admin = await apiSession(USERS.admin);
  const suffix = uniqueSuffix();
  const clients = [];
  for (const name of ['Ava', 'Ben', 'Cleo', 'Dan'])
    clients.push(await createClient(admin, 'Australia/Sydney', name));
  const workers = [];
  for (const name of ['Wren', 'Xavi'])
    workers.push(
      await admin.post<{ id: string; givenName: string; familyName: string }>('/staff', {
        givenName: name,
        familyName: `Group${suffix}`,
        email: `${name.toLowerCase()}.${suffix}@example.org`,
        timeZone: 'Australia/Sydney',
        deliversServices: true,
        roleIds: [],
      }),
    );
  for (const worker of workers) {
    const pay = await admin.context.put(`/api/v1/staff/${worker.id}/carer-contract`, {
      headers: { 'X-CSRF-Token': admin.csrfToken },
      data: { optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: 3400 } }] },
    });
    expect(pay.ok(), await pay.text()).toBe(true);
  }
  const van = await admin.post<{ name: string }>('/resources', {
    kind: 'vehicle',
    name: `Group van ${suffix}`,
  });
  const serviceType = (await admin.get<{ items: { name: string }[] }>('/service-types')).items[0]!;
  // Ava's invoice needs a contract saying who pays (her group service itself is ad hoc).
  const contractType = (await admin.get<{ items: { id: string }[] }>('/contract-types')).items[0]!;
  await admin.post(`/clients/${clients[0]!.id}/contracts`, {
    contractTypeId: contractType.id,
    name: 'Support',
    startDate: '2026-01-01',
    optionSets: [],
  });
  await admin.dispose();
  const monday = mondayAfter(todayIn('Australia/Sydney'), 21);
  const [d, m, y] = [monday.slice(8, 10), monday.slice(5, 7), monday.slice(0, 4)];
  const clientName = (c: { givenName: string; familyName: string }) => `${c.givenName} ${c.familyName}`;
  const workerName = (w: { givenName: string; familyName: string }) => `${w.givenName} ${w.familyName}`;

  await signIn(page, USERS.admin);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/sessions-calendar?view=week&date=${monday}`);
  await page.getByRole('button', { name: 'New session' }).click();
  const form = page.getByRole('form', { name: /^New (appointment|group session)$/ });
  await form.getByText('Group session', { exact: true }).click();
  await field(form, 'Name').fill('Social group');
  await field(form, 'Date').fill(`${d}/${m}/${y}`);
  await field(form, 'Start time').fill('10:00');
  await field(form, 'Duration (minutes)').fill('120');
  await field(form, 'Places').fill('8');
  for (const client of clients) {
    await field(form, 'Add a client').fill(clientName(client));
    await page
      .getByRole('option', { name: clientName(client) })
      .first()
      .click();
    await expect(form.getByRole('listitem').filter({ hasText: clientName(client) })).toBeVisible();
  }
  for (const worker of workers) await pick(page, form, 'Workers', workerName(worker));
  await form.getByText('Times in', { exact: false }).click();
  await pick(page, form, 'Resources', `${van.name} (vehicle)`);
  await form.getByText('Times in', { exact: false }).click();
  await form.getByRole('button', { name: 'Add a service' }).click();
  await field(form, 'Hourly rate ($)').fill('67.56');
  await field(form, 'Service').fill('Group community access');
  await pick(page, form, 'Service types', serviceType.name);
  await form.getByText('Times in', { exact: false }).click();
  await form.getByRole('checkbox', { name: 'Repeats' }).check();
  const last = addDays(monday, 21);
  await field(form, 'Ends on').fill(`${last.slice(8, 10)}/${last.slice(5, 7)}/${last.slice(0, 4)}`);
  await form.getByText('Times in', { exact: false }).click();
  await expectAccessible(page, 'new group session', '.mantine-Modal-content');
  await form.getByRole('button', { name: 'Create group session' }).click();
  await expect(page.getByText('“Social group”: 4 sessions booked.')).toBeVisible();
  // The new session opens in its drawer, with the van booked for it.
  await expect(page.getByRole('dialog', { name: 'Social group' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Resources of the session' }).getByRole('listitem')).toHaveText(
    [van.name],
  );
  await page.locator('.mantine-Drawer-close').click();
  await expect(page.getByRole('dialog', { name: 'Social group' })).toHaveCount(0);

  // The week view: the group in both workers' rows, with its places.
  const calendar = page.getByTestId('sessions-calendar');
  for (const worker of workers) {
    await page.getByRole('combobox', { name: 'Worker', exact: true }).click();
    await page.getByRole('option', { name: workerName(worker) }).click();
  }
  await page.getByRole('heading', { name: 'Bookings calendar' }).click();
  const group = calendar.locator('.ec-event', { hasText: 'Social group · 4/8' });
  await expect(group).toHaveCount(2);
  await page.screenshot({ path: join(SCREENSHOTS, 'sessions-week-group.png') });
  await expectAccessible(page, 'sessions calendar week');

  // One client cancels the second date only.
  await calendar.getByRole('button', { name: /^Next/ }).click();
  await calendar.locator('.ec-event', { hasText: 'Social group · 4/8' }).first().click();
  const drawer = page.getByRole('dialog', { name: 'Social group' });
  await drawer
    .getByRole('row', { name: new RegExp(clientName(clients[1]!)) })
    .getByRole('button', { name: 'Cancel attendance…' })
    .click();
  const cancel = drawer.getByRole('form', { name: `Cancel ${clientName(clients[1]!)}'s attendance` });
  const yesterday = addDays(todayIn('Australia/Sydney'), -1);
  await field(cancel, 'Provider told on').fill(
    `${yesterday.slice(8, 10)}/${yesterday.slice(5, 7)}/${yesterday.slice(0, 4)}`,
  );
  await field(cancel, 'At').fill('08:30');
  await pick(page, cancel, 'Reason', 'Health (NSDH)');
  await cancel.getByRole('button', { name: 'Cancel attendance' }).click();
  await expect(
    drawer.getByRole('row', { name: new RegExp(`${clientName(clients[1]!)}.*Cancelled`) }),
  ).toBeVisible();
  await expect(drawer.getByRole('heading', { name: 'Clients · 3 of 8 places' })).toBeVisible();
  await expectAccessible(page, 'session drawer', '.mantine-Drawer-content');
  await page.locator('.mantine-Drawer-close').click();
  await expect(calendar.locator('.ec-event', { hasText: 'Social group · 3/8' })).toHaveCount(2);

  // The other dates keep all four clients.
  await calendar.getByRole('button', { name: /^Previous/ }).click();
  await expect(calendar.locator('.ec-event', { hasText: 'Social group · 4/8' })).toHaveCount(2);

  // Complete the first date: travel for the lead worker, transport, and an edited apportionment.
  await calendar.locator('.ec-event', { hasText: 'Social group · 4/8' }).first().click();
  await drawer.getByRole('button', { name: 'Complete…' }).click();
  const done = page.getByRole('form', { name: 'Complete the session' });
  await pick(page, done, 'Travel area', /Metro/);
  await done.getByRole('button', { name: `Add travel for ${workerName(workers[0]!)}` }).click();
  const leg = done.getByTestId('travel-leg').first();
  await field(leg, 'Minutes').fill('40');
  await field(leg, 'Km').fill('22');
  await done.getByRole('button', { name: 'Add transport' }).click();
  const transport = done.getByTestId('transport-row').first();
  await field(transport, 'Km').fill('15');
  await field(transport, 'Minutes').fill('30');
  const preview = page.getByTestId('completion-preview');
  await expect(preview).toContainText('Group community access at 1:4');
  await page.getByLabel(`Portion of ${clientName(clients[0]!)} (%)`).fill('40');
  await expect(preview).toContainText('40% (edited)');
  await expect(page.getByTestId('portion-sum')).toContainText('115%');
  await page.getByLabel(`Portion of ${clientName(clients[1]!)} (%)`).fill('10');
  await expect(page.getByTestId('portion-sum')).toContainText('Portions add up to 100%');
  await expect(preview).toContainText('Travel to the session');
  await expect(preview).toContainText('Transport');
  await page.locator('.mantine-Modal-body').screenshot({ path: join(SCREENSHOTS, 'session-completion.png') });
  await expectAccessible(page, 'completion form', '.mantine-Modal-content');
  await done.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.getByText(/Session completed/)).toBeVisible();
  await expect(drawer.getByText('Completed', { exact: true })).toBeVisible();
  await expect(drawer.getByRole('heading', { name: 'Delivered' })).toBeVisible();
  await expect(drawer).toContainText(`40% (edited)`);

  // The invoice Ava sees: her 40% of the group's $135.12 (2 h at $67.56/h; the cents by largest remainder)
  // is one line, with travel and transport lines beside it, each explained.
  await page.goto('/invoices');
  await page.getByRole('button', { name: 'New billing run' }).first().click();
  const run = page.getByRole('dialog', { name: 'New billing run' });
  await fillDate(field(run, 'From'), `${d}/${m}/${y}`);
  await fillDate(field(run, 'To'), `${d}/${m}/${y}`);
  await run.getByText('One client').click();
  const who = run.getByRole('combobox', { name: 'Client' });
  await who.click();
  await who.fill(clientName(clients[0]!));
  await page.getByRole('option', { name: clientName(clients[0]!) }).click();
  await run.getByRole('button', { name: 'Start billing run' }).click();
  await expect(run.getByTestId('billing-run-summary').getByText('Billing run complete')).toBeVisible();
  await run.getByRole('link', { name: /^Draft invoice/ }).click();
  const lines = page.getByTestId('invoice-line');
  // Her service portion; her quarter of the 40 min travel and of the 30 min transport (each at the service's
  // rate); her quarter of 22 km and of 15 km at $0.99/km: once each, on one invoice.
  await expect(lines).toHaveCount(5);
  const service = lines.filter({ hasText: '$54.05' });
  await expect(service).toContainText('120');
  await service.getByRole('button', { name: 'Why this price' }).click();
  await expect(service.getByTestId('why-this-price')).toContainText('40%');
  await expect(service.getByTestId('why-this-price')).toContainText('Group community access');
  await expect(lines.filter({ hasText: '$11.26' })).toContainText('10');
  await expect(lines.filter({ hasText: '$8.45' })).toContainText('8');
  await expect(lines.filter({ hasText: 'Mileage' })).toHaveCount(2);
  await expect(page.getByText('$82.93').first()).toBeVisible();
  await expectAccessible(page, 'session invoice');

  // Carer pay: each worker is paid once for the session, on their own time (2 h at $34.00/h).
  await page.goto('/carer-pay');
  const period = page.getByRole('form', { name: 'Carer pay period' });
  await chooseOption(page, period, 'Staff member', workerName(workers[1]!));
  await fillDate(field(period, 'From'), `${d}/${m}/${y}`);
  await fillDate(field(period, 'To'), `${d}/${m}/${y}`);
  await period.getByRole('button', { name: 'Show pay' }).click();
  const pay = page.getByRole('table', { name: 'Pay lines' });
  await expect(pay.getByRole('row').filter({ hasText: 'Social group' })).toHaveCount(1);
  await expect(pay.getByRole('row').filter({ hasText: 'Social group' })).toContainText('$68.00');
  await expect(page.getByTestId('pay-total')).toHaveText('$68.00');

  // The series on Ava's scheduled services shows who else takes part; Dan leaves from the last date on.
  await page.goto(`/clients/${clients[0]!.id}/care-plans`);
  const roster = page.getByRole('list', { name: 'Also taking part' });
  for (const name of [clientName(clients[1]!), clientName(clients[2]!), clientName(clients[3]!)])
    await expect(roster.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await roster.getByRole('button', { name: `Take ${clientName(clients[3]!)} off` }).click();
  const leave = page.getByRole('form', { name: `Take ${clientName(clients[3]!)} off the series` });
  await fillDate(
    field(leave, 'No longer from'),
    `${last.slice(8, 10)}/${last.slice(5, 7)}/${last.slice(0, 4)}`,
  );
  await expectAccessible(page, 'take off the series', '.mantine-Modal-content');
  await leave.getByRole('button', { name: 'Take off' }).click();
  await expect(
    page.getByText('From ', { exact: false }).filter({ hasText: 'off 1 booked session.' }),
  ).toBeVisible();
  await expect(roster.getByRole('listitem').filter({ hasText: clientName(clients[3]!) })).toContainText(
    'until',
  );
});
