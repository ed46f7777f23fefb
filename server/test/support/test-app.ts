import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { inject } from 'vitest';
import { type App, buildApp } from '../../src/app/build-app.js';
import { createOrganisation, createUserWithStaff } from '../../src/identity/organisation.action.js';
import type { RoleKey } from '../../src/identity/permissions.js';
import type { Clock } from '../../src/platform/clock.js';
import { type Config, loadConfig } from '../../src/platform/config/config.js';
import { createDb, type Db } from '../../src/platform/db/database.js';

export const PASSWORD = 'correct horse battery';

/** A clock the test moves by hand. */
export function manualClock(start = Temporal.Instant.from('2026-03-02T00:00:00Z')) {
  let now = start;
  const clock: Clock = () => now;
  return {
    clock,
    advance: (d: Temporal.DurationLike) => (now = now.add(d)),
    set: (i: Temporal.Instant) => (now = i),
  };
}

export type TestApp = { app: App; db: Db; baseUrl: string; databaseUrl: string; close: () => Promise<void> };

/**
 * The real app, listening on a loopback port, over its own database cloned from the migrated template
 * (embedded PostgreSQL, or the DATABASE_URL server).
 */
export async function startTestApp(
  options: { clock?: Clock; config?: Partial<Config>; invoiceWorker?: boolean } = {},
): Promise<TestApp> {
  const adminUrl = inject('adminUrl');
  const name = `carebook_t_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(inject('templateDatabase'))}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = createDb(databaseUrl, 20);
  const config = { ...loadConfig({ CAREBOOK_WEB_DIST: '/nonexistent' }), ...options.config };
  const app = await buildApp({
    db,
    config,
    clock: options.clock ?? (() => Temporal.Now.instant()),
    invoiceWorker: options.invoiceWorker,
    databaseUrl,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    db,
    databaseUrl,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type SeededOrg = { id: string; emails: Record<RoleKey, string>; staffIds: Record<RoleKey, string> };

/** An organisation with one signed-in-able user per built-in role. */
export async function seedOrg(db: Db, label: string, timeZone = 'Australia/Sydney'): Promise<SeededOrg> {
  const org = await createOrganisation(db, `${label} Care`, timeZone);
  const emails = {} as Record<RoleKey, string>;
  const staffIds = {} as Record<RoleKey, string>;
  for (const roleKey of ['administrator', 'coordinator', 'worker', 'finance'] as const) {
    const email = `${roleKey}@${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.org`;
    const created = await createUserWithStaff(db, {
      organisationId: org.id,
      email,
      password: PASSWORD,
      givenName: roleKey[0]!.toUpperCase() + roleKey.slice(1),
      familyName: label,
      timeZone,
      roleKey,
    });
    emails[roleKey] = email;
    staffIds[roleKey] = created.staffId;
  }
  return { id: org.id, emails, staffIds };
}

export type Response<T = any> = { status: number; body: T; headers: Headers };

/** An HTTP client that keeps the session cookie and sends the CSRF token on writes, like the web app. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    const response = await this.post('/auth/login', { email, password });
    if (response.status === 200) this.csrf = response.body.csrfToken;
    return response;
  }
}

export async function signedIn(baseUrl: string, email: string): Promise<Agent> {
  const agent = new Agent(baseUrl);
  const response = await agent.signIn(email);
  if (response.status !== 200)
    throw new Error(`sign-in failed for ${email}: ${JSON.stringify(response.body)}`);
  return agent;
}
