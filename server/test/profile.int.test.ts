import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

let t: TestApp;
let org: SeededOrg;
let worker: Agent;
let admin: Agent;
beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Profile', 'Australia/Sydney');
  worker = await signedIn(t.baseUrl, org.emails.worker);
  admin = await signedIn(t.baseUrl, org.emails.administrator);
});
afterAll(() => t.close());

describe("a user's own time zone", () => {
  it("follows the organisation's zone until the user chooses one", async () => {
    const me = (await worker.get('/me')).body;
    expect(me.user.timeZone).toBeNull();
    expect(me.timeZone).toBe('Australia/Sydney');
  });

  it('is set by the user, stored as the time-zone database spells it, and audited', async () => {
    const res = await worker.patch('/me', { timeZone: 'australia/perth' });
    expect(res.status).toBe(200);
    expect(res.body.user.timeZone).toBe('Australia/Perth');
    expect(res.body.timeZone).toBe('Australia/Perth');
    expect(res.body.organisation.timeZone).toBe('Australia/Sydney');
    expect(res.body.csrfToken).toBe(worker.csrf);
    // Kept for the next session too.
    const again = await signedIn(t.baseUrl, org.emails.worker);
    expect((await again.get('/me')).body.timeZone).toBe('Australia/Perth');

    const audit = (await admin.get(`/audit-events?actorUserId=${res.body.user.id}&entityType=user`)).body
      .items as { action: string; before: unknown; after: unknown }[];
    const updates = audit.filter((e) => e.action === 'update');
    expect(updates).toHaveLength(1);
  });

  it("is cleared with null, and the user follows the organisation's zone again", async () => {
    const res = await worker.patch('/me', { timeZone: null });
    expect(res.status).toBe(200);
    expect(res.body.user.timeZone).toBeNull();
    expect(res.body.timeZone).toBe('Australia/Sydney');
  });

  it('refuses an offset or an unknown zone, naming the field, and changes nothing', async () => {
    await worker.patch('/me', { timeZone: 'Pacific/Auckland' });
    for (const timeZone of ['+10:00', 'Mars/Olympus', '']) {
      const res = await worker.patch('/me', { timeZone });
      expect(res.status).toBe(422);
      expect(res.body.errors).toContainEqual({ field: 'timeZone', reason: expect.any(String) });
    }
    const unknownField = await worker.patch('/me', { email: 'other@example.org' });
    expect(unknownField.status).toBe(422);
    expect((await worker.get('/me')).body.timeZone).toBe('Pacific/Auckland');
  });

  it("changes only the signed-in user's profile", async () => {
    expect((await admin.get('/me')).body.user.timeZone).toBeNull();
  });

  it('needs the CSRF token and a session', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: worker.cookie },
      body: JSON.stringify({ timeZone: 'UTC' }),
    });
    expect(res.status).toBe(403);
  });
});
