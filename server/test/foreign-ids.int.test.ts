import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// Another organisation's ids must look exactly like ids that do not exist: 404, never an empty 200 list
// and never a 204 that did nothing.
let t: TestApp;
let ours: SeededOrg;
let theirs: SeededOrg;
let admin: Agent;
let theirAdmin: Agent;
let theirClientId: string;

beforeAll(async () => {
  t = await startTestApp();
  ours = await seedOrg(t.db, 'Ours');
  theirs = await seedOrg(t.db, 'Theirs');
  admin = await signedIn(t.baseUrl, ours.emails.administrator);
  theirAdmin = await signedIn(t.baseUrl, theirs.emails.administrator);
  const client = await theirAdmin.post('/clients', {
    givenName: 'Tess',
    familyName: 'Theirs',
    timeZone: 'Australia/Sydney',
  });
  expect(client.status).toBe(201);
  theirClientId = client.body.id;
});
afterAll(() => t.close());

describe("another organisation's parent id", () => {
  it.each([['/clients/:client/leave'], ['/clients/:client/scheduled-services'], ['/staff/:staff/leave']])(
    'GET %s answers 404',
    async (template) => {
      const path = template.replace(':client', theirClientId).replace(':staff', theirs.staffIds.worker);
      const res = await admin.get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      // The owner still sees the (empty) list.
      expect((await theirAdmin.get(path)).status).toBe(200);
    },
  );

  it.each([['staff'], ['clients']] as const)(
    'DELETE /%s/:id/calendar-feed answers 404 and the feed keeps working',
    async (kind) => {
      const id = kind === 'staff' ? theirs.staffIds.worker : theirClientId;
      const created = await theirAdmin.post(`/${kind}/${id}/calendar-feed`);
      expect(created.status).toBe(201);
      const feedPath = new URL(created.body.url).pathname;
      const revoke = await admin.delete(`/${kind}/${id}/calendar-feed`);
      expect(revoke.status).toBe(404);
      expect((await fetch(`${t.baseUrl}${feedPath}`)).status).toBe(200);
      // Revoking by its owner works, and the URL then stops.
      expect((await theirAdmin.delete(`/${kind}/${id}/calendar-feed`)).status).toBe(204);
      expect((await fetch(`${t.baseUrl}${feedPath}`)).status).toBe(404);
    },
  );

  it('an unknown id answers 404 on feed revocation too', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await admin.delete(`/clients/${unknown}/calendar-feed`)).status).toBe(404);
    expect((await admin.delete(`/staff/${unknown}/calendar-feed`)).status).toBe(404);
  });
});

describe('audit of what used to go unrecorded', () => {
  const eventsFor = async (entityType: string) =>
    (await admin.get(`/audit-events?entityType=${entityType}&limit=100`)).body.items as {
      action: string;
      entityId: string;
      actor: { label: string };
    }[];

  it('creating a service type is audited', async () => {
    const created = await admin.post('/service-types', { name: 'Audited therapy', colour: '#112233' });
    expect(created.status).toBe(201);
    expect(await eventsFor('service_type')).toContainEqual(
      expect.objectContaining({ action: 'create', entityId: created.body.id }),
    );
  });

  it('creating and revoking a calendar feed are audited', async () => {
    const staffId = ours.staffIds.worker;
    expect((await admin.post(`/staff/${staffId}/calendar-feed`)).status).toBe(201);
    expect((await admin.delete(`/staff/${staffId}/calendar-feed`)).status).toBe(204);
    const events = await eventsFor('calendar_feed');
    expect(events.filter((e) => e.entityId === staffId).map((e) => e.action)).toEqual(['delete', 'create']);
    expect(events[0]!.actor.label).toBe('Administrator Ours');
  });
});
