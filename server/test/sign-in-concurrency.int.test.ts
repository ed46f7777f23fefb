import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  manualClock,
  PASSWORD,
  type SeededOrg,
  seedOrg,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Each test signs in from its own loopback address (127.0.0.0/8 all reach the server), so the per-address
// budgets of one test do not spend another's.
const time = manualClock();
let t: TestApp;
let org: SeededOrg;
beforeAll(async () => {
  t = await startTestApp({
    clock: time.clock,
    config: {
      signInThrottle: {
        windowMinutes: 15,
        maxFailuresPerEmail: 5,
        maxFailuresPerIp: 30,
        maxFailuresPerEmailGlobal: 12,
      },
    },
  });
  org = await seedOrg(t.db, 'Throttle');
});
afterAll(() => t.close());

/** POST /auth/login from a given local address; resolves with the status code. */
function loginFrom(localAddress: string, email: string, password: string): Promise<number> {
  const url = new URL(`${t.baseUrl}/api/v1/auth/login`);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe('sign-in throttle under concurrency', () => {
  it('40 concurrent wrong passwords for one e-mail get exactly the 5 verifications of the budget', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom('127.0.0.10', org.emails.worker, `guess ${i}`)),
    );
    // A 401 is a password that was checked; a 429 was refused before any check.
    expect(tally(statuses)).toEqual({ 401: 5, 429: 35 });
  });

  it('60 concurrent failures from one address get exactly its 30 verifications', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginFrom('127.0.0.11', `nobody${i}@example.org`, 'guess')),
    );
    expect(tally(statuses)).toEqual({ 401: 30, 429: 30 });
  });

  it('8 concurrent sign-ins with the right password all succeed: a lockout counts failures, not successes', async () => {
    // The budget for this e-mail from this address is 5: counting attempts still being checked as failures
    // refused the 6th to 8th of a team signing in at once.
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => loginFrom('127.0.0.12', org.emails.administrator, PASSWORD)),
    );
    expect(tally(statuses)).toEqual({ 200: 8 });
  });

  it('concurrent right and wrong passwords: the failures still stop at the budget', async () => {
    const email = org.emails.administrator;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        loginFrom('127.0.0.13', email, i % 2 === 0 ? PASSWORD : `guess ${i}`),
      ),
    );
    const counts = tally(statuses);
    // Ten wrong passwords, a budget of 5: at most 5 are checked (401), the others refused (429); right
    // passwords either sign in or, once 5 failures are counted, are refused with the rest.
    expect(counts[401]).toBe(5);
    expect((counts[200] ?? 0) + (counts[429] ?? 0)).toBe(15);
  });

  it('an attacker locked out does not lock out the owner signing in from elsewhere', async () => {
    const email = org.emails.coordinator;
    for (let i = 0; i < 5; i++) expect(await loginFrom('127.0.0.20', email, `guess ${i}`)).toBe(401);
    // The attacker's address is refused even with the right password...
    expect(await loginFrom('127.0.0.20', email, PASSWORD)).toBe(429);
    // ...while the owner, from another address, signs in.
    expect(await loginFrom('127.0.0.21', email, PASSWORD)).toBe(200);
  });

  it('failures spread over many addresses meet the global budget per e-mail', async () => {
    const email = org.emails.finance;
    for (const address of ['127.0.0.30', '127.0.0.31', '127.0.0.32'])
      for (let i = 0; i < 4; i++) expect(await loginFrom(address, email, `guess ${i}`)).toBe(401);
    expect(await loginFrom('127.0.0.33', email, PASSWORD)).toBe(429);
    time.advance({ minutes: 16 });
    expect(await loginFrom('127.0.0.33', email, PASSWORD)).toBe(200);
  });
});
