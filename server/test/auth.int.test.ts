import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  manualClock,
  PASSWORD,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

const time = manualClock();
let t: TestApp;
let org: SeededOrg;
beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Auth');
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with the right password and returns the user, organisation and permissions', async () => {
    const agent = new Agent(t.baseUrl);
    const res = await agent.signIn(org.emails.coordinator);
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(org.emails.coordinator);
    expect(res.body.organisation.name).toBe('Auth Care');
    expect(res.body.permissions).toContain('bookings.write');
    expect(res.body.permissions).not.toContain('roles.manage');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await agent.get('/me')).status).toBe(200);
  });

  it('accepts the e-mail in any letter case', async () => {
    const agent = new Agent(t.baseUrl);
    expect((await agent.signIn(org.emails.finance.toUpperCase())).status).toBe(200);
  });

  it('refuses a wrong password with a problem body and no cookie', async () => {
    const agent = new Agent(t.baseUrl);
    const res = await agent.signIn(org.emails.worker, 'wrong password');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('E-mail or password is incorrect');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('names the missing fields when the body is incomplete', async () => {
    const res = await new Agent(t.baseUrl).post('/auth/login', { email: 'x@example.org' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ field: 'password', reason: expect.any(String) });
  });

  it('rate-limits repeated failures for one e-mail, and says when to retry', async () => {
    const victim = new Agent(t.baseUrl);
    for (let i = 0; i < 5; i++)
      expect((await victim.signIn(org.emails.finance, `guess ${i}`)).status).toBe(401);
    const blocked = await victim.signIn(org.emails.finance);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    time.advance({ minutes: 16 });
    expect((await victim.signIn(org.emails.finance)).status).toBe(200);
  });

  it('records sign-in successes and failures in the audit trail with the IP address', async () => {
    await new Agent(t.baseUrl).signIn(org.emails.worker, 'nope');
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const events = (await admin.get('/audit-events?entityType=user&limit=200')).body.items;
    const failed = events.find((e: { action: string }) => e.action === 'sign_in_failed');
    expect(failed).toMatchObject({
      entityId: expect.any(String),
      ip: '127.0.0.1',
      actor: { label: 'Worker Auth' },
    });
    expect(events.some((e: { action: string }) => e.action === 'sign_in')).toBe(true);
  });
});

describe('sessions', () => {
  it('signing out ends the session', async () => {
    const agent = await signedIn(t.baseUrl, org.emails.coordinator);
    expect((await agent.post('/auth/logout')).status).toBe(204);
    const cookieAfter = agent.cookie;
    expect((await agent.get('/me')).status).toBe(401);
    expect(cookieAfter).toBeDefined();
  });

  it('ends after 30 idle minutes, but not while in use', async () => {
    const agent = await signedIn(t.baseUrl, org.emails.coordinator);
    time.advance({ minutes: 20 });
    expect((await agent.get('/me')).status).toBe(200);
    time.advance({ minutes: 20 });
    expect((await agent.get('/me')).status).toBe(200);
    time.advance({ minutes: 31 });
    expect((await agent.get('/me')).status).toBe(401);
  });

  it('with a 1-minute idle limit, a session used every 59 seconds stays; a minute unused ends it', async () => {
    const short = await startTestApp({
      clock: time.clock,
      config: { session: { idleMinutes: 1, absoluteHours: 12, secureCookie: false } },
    });
    try {
      const shortOrg = await seedOrg(short.db, 'Idle');
      const agent = await signedIn(short.baseUrl, shortOrg.emails.worker);
      for (let i = 0; i < 5; i++) {
        time.advance({ seconds: 59 });
        expect((await agent.get('/me')).status).toBe(200);
      }
      time.advance({ seconds: 60 });
      expect((await agent.get('/me')).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('ends 12 hours after sign-in however active', async () => {
    const agent = await signedIn(t.baseUrl, org.emails.coordinator);
    for (let i = 0; i < 24; i++) {
      time.advance({ minutes: 29 });
      expect((await agent.get('/me')).status).toBe(200);
    }
    time.advance({ minutes: 29 });
    expect((await agent.get('/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const agent = await signedIn(t.baseUrl, org.emails.coordinator);
    const res = await agent.request(
      'POST',
      '/clients',
      { givenName: 'A', familyName: 'B', timeZone: 'UTC' },
      {
        'x-csrf-token': 'forged',
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/csrf/);
    const count = (await agent.get('/clients?q=A')).body.items.length;
    expect(count).toBe(0);
  });

  it('API answers with personal data or the CSRF token may not be stored by any cache', async () => {
    const agent = new Agent(t.baseUrl);
    const signIn = await agent.signIn(org.emails.administrator);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/me', '/clients', '/staff', `/staff/${org.staffIds.worker}`, '/audit-events'])
      expect((await agent.get(path)).headers.get('cache-control'), path).toBe('no-store');
    expect((await new Agent(t.baseUrl).get('/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 without a session and sends security headers', async () => {
    const res = await new Agent(t.baseUrl).get('/clients');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a disabled user loses access at once', async () => {
    const agent = await signedIn(t.baseUrl, org.emails.finance);
    await t.db.updateTable('users').set({ active: false }).where('email', '=', org.emails.finance).execute();
    expect((await agent.get('/me')).status).toBe(401);
    expect((await new Agent(t.baseUrl).signIn(org.emails.finance, PASSWORD)).status).toBe(401);
    await t.db.updateTable('users').set({ active: true }).where('email', '=', org.emails.finance).execute();
  });
});
