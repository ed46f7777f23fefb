import { type APIRequestContext, expect, type Locator, type Page, request } from '@playwright/test';

export const DEMO_PASSWORD = 'carebook-demo';
export const USERS = {
  admin: 'admin@example.org',
  coordinator: 'coordinator@example.org',
  worker: 'worker@example.org',
  finance: 'finance@example.org',
} as const;

/** playwright.config.ts picks the port per run and passes it on through the environment. */
export const BASE_URL = `http://127.0.0.1:${process.env.CAREBOOK_E2E_PORT ?? 3100}`;

/** A short suffix that keeps names unique across tests and runs. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** A form control by its label; Mantine appends ' *' to the label text of required fields. */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}(\\s*\\*)?$`));
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await field(page, 'E-mail').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export type ApiSession = {
  context: APIRequestContext;
  csrfToken: string;
  me: { staff: { givenName: string; familyName: string } };
  post: <T>(path: string, body: unknown) => Promise<T>;
  get: <T>(path: string) => Promise<T>;
  dispose: () => Promise<void>;
};

/** A signed-in API session outside the browser, for setting up the data a test needs. */
export async function apiSession(email: string): Promise<ApiSession> {
  const context = await request.newContext({ baseURL: BASE_URL });
  const login = await context.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const me = await login.json();
  const csrfToken: string = me.csrfToken;
  return {
    context,
    csrfToken,
    me,
    post: async <T>(path: string, body: unknown) => {
      const response = await context.post(`/api/v1${path}`, {
        data: body,
        headers: { 'X-CSRF-Token': csrfToken },
      });
      expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
    get: async <T>(path: string) => {
      const response = await context.get(`/api/v1${path}`);
      expect(response.ok(), `GET ${path}: ${response.status()} ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
    dispose: () => context.dispose(),
  };
}

export type CreatedClient = { id: string; givenName: string; familyName: string; timeZone: string };

export async function createClient(
  session: ApiSession,
  timeZone: string,
  givenName = 'Test',
): Promise<CreatedClient> {
  return session.post<CreatedClient>('/clients', {
    givenName,
    familyName: `E2e${uniqueSuffix()}`,
    timeZone,
  });
}

/** YYYY-MM-DD a number of days from today (local to the test runner; only used to stay clear of demo data). */
export function isoDateInDays(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The zone abbreviation the app is expected to show, computed the same way (en-AU short names). */
export function zoneAbbreviation(timeZone: string, bookingDate: string, startTime: string): string {
  // Build the instant by finding the UTC time whose wall clock in the zone matches the entered one.
  const [y, m, d] = bookingDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = startTime.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - ms;
  };
  const instant = guess - offsetAt(guess - offsetAt(guess));
  const zone = new Intl.DateTimeFormat('en-AU', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone ?? timeZone;
}

/** Picks an option of a Mantine Select (within `scope`) by its visible text. */
export async function chooseOption(
  page: Page,
  scope: Locator,
  label: string,
  option: string | RegExp,
): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The calendar date as the app prints it, e.g. 'Sat 14 Mar 2026'. */
export function formatBookingDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-AU', { ...options, timeZone: 'UTC' }).format(date);
  return `${part({ weekday: 'short' })} ${d} ${part({ month: 'short' })} ${y}`;
}

/** Today's date in a zone, YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first Monday at least `minDays` after `isoDate`. */
export function mondayAfter(isoDate: string, minDays: number): string {
  const start = addDays(isoDate, minDays);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(start, (8 - weekday) % 7);
}

/** Drags a calendar event to the right; in the bookings calendar's day view one 30-minute slot is 48 px. */
export async function dragRight(page: Page, event: Locator, pixels: number): Promise<void> {
  // The calendar redraws its events while its data arrives in stages; drag only once it says it is done.
  await expect(page.locator('.carebook-calendar[aria-busy="true"]')).toHaveCount(0);
  await event.scrollIntoViewIfNeeded();
  const box = await event.boundingBox();
  if (!box) throw new Error('the event is not on screen');
  const x = box.x + Math.min(20, box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(x + (step * pixels) / 8, y);
  await page.mouse.up();
}

/** '2026-12-01' → '01/12/2026': what a date field shows in an Australian or British organisation. */
export function dayMonthYear(isoDate: string): string {
  return isoDate.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
}

/**
 * Types a date into a date field, then leaves it: its calendar closes (it would otherwise cover what is
 * below, as it does for a person until they click elsewhere) and the field shows the date as dd/mm/yyyy.
 */
export async function fillDate(input: Locator, date: string): Promise<void> {
  await input.fill(date);
  await input.blur();
}

/**
 * Waits until the page's CSS transitions (Mantine's fades and slides) have finished, so axe sees final colours.
 * Two animation frames first, so a transition about to start has started; keyframe animations such as a
 * loader's spin run for ever and are not waited for.
 */
export async function transitionsSettled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'),
  );
}
