import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/platform/db/database.js';
import { Agent, type SeededOrg, seedOrg, signedIn, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let org: SeededOrg;
beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Audit');
});
afterAll(() => t.close());

describe('the audit trail', () => {
  it('records staff and role changes with who, when, what and from where', async () => {
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const role = (await admin.post('/roles', { name: 'Night shift', permissions: ['appointments.own'] }))
      .body;
    const staff = await admin.post('/staff', {
      givenName: 'Nadia',
      familyName: 'Price',
      email: 'nadia@example.org',
      timeZone: 'Australia/Perth',
      deliversServices: true,
      roleIds: [role.id],
    });
    expect(staff.status).toBe(201);
    expect(
      (await admin.post('/staff', { ...staff.body, email: 'NADIA@example.org', roleIds: [] })).status,
    ).toBe(409);
    await admin.delete(`/roles/${role.id}`).then((r) => expect(r.status).toBe(409));
    await admin.patch(`/staff/${staff.body.id}`, { roleIds: [] });
    expect((await admin.delete(`/roles/${role.id}`)).status).toBe(204);

    const events = (await admin.get('/audit-events?limit=100')).body.items;
    const summary = events.map((e: { action: string; entityType: string }) => `${e.action} ${e.entityType}`);
    expect(summary.slice(0, 5)).toEqual([
      'delete role',
      'update staff',
      'create staff',
      'create role',
      'sign_in user',
    ]);
    const created = events.find(
      (e: { action: string; entityType: string }) => e.action === 'create' && e.entityType === 'staff',
    );
    expect(created).toMatchObject({
      ip: '127.0.0.1',
      actor: { label: 'Administrator Audit' },
      after: { email: 'nadia@example.org' },
    });
    expect(Date.parse(created.occurredAt)).not.toBeNaN();
    expect(created.occurredAt).toMatch(/Z$/);
  });

  it('is append-only: the database refuses updates and deletes, even from the owner', async () => {
    await expect(sql`UPDATE audit_events SET action = 'create'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      withTenant(t.db, org.id, (tx) =>
        sql`DELETE FROM audit_events WHERE organisation_id = ${org.id}`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied|append-only/);
  });

  it('is readable only with audit.read', async () => {
    const coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    expect((await coordinator.get('/audit-events')).status).toBe(403);
    expect((await new Agent(t.baseUrl).get('/audit-events')).status).toBe(401);
  });
});

describe('the API document', () => {
  it('serves OpenAPI generated from the route schemas, and a readable reference page', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/clients',
      '/api/v1/clients/{id}',
      '/api/v1/clients/{id}/service-orders',
      '/api/v1/bookings/{id}',
      '/api/v1/staff',
      '/api/v1/roles',
      '/api/v1/audit-events',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/me',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const create = doc.paths['/api/v1/clients/{id}/service-orders'].post;
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['name', 'bookingDate', 'startTime', 'durationMinutes', 'assignee']),
    );
    const page = await fetch(`${t.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('tells who did what to whom in words, with names instead of ids, filters and a CSV export', async () => {
    const coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const grace = (
      await coordinator.post('/clients', {
        givenName: 'Grace',
        familyName: 'Harris',
        timeZone: 'Australia/Sydney',
      })
    ).body;
    const other = (
      await coordinator.post('/clients', {
        givenName: 'Otto',
        familyName: 'Vale',
        timeZone: 'Australia/Sydney',
      })
    ).body;
    const booking = await coordinator.post(`/clients/${grace.id}/service-orders`, {
      name: 'Personal care',
      bookingDate: '2030-06-03',
      startTime: '09:00',
      durationMinutes: 60,
      assignee: { type: 'staff', id: org.staffIds.worker },
      notes: null,
    });
    expect(booking.status).toBe(201);
    expect((await coordinator.patch(`/bookings/${booking.body.id}`, { startTime: '10:30' })).status).toBe(
      200,
    );
    await coordinator.post(`/clients/${other.id}/service-orders`, {
      name: 'Shopping',
      bookingDate: '2030-06-04',
      startTime: '09:00',
      durationMinutes: 60,
      notes: null,
    });

    const forGrace = (await admin.get(`/audit-events?clientId=${grace.id}`)).body.items;
    expect(forGrace.map((e: { description: string }) => e.description)).toEqual([
      'Coordinator Audit moved Personal care for Grace Harris on 03/06/2030 from 09:00 to 10:30',
      'Coordinator Audit booked Personal care for Grace Harris on 03/06/2030 at 09:00',
      'Coordinator Audit created client Grace Harris',
    ]);
    expect(forGrace[0].changes).toEqual([{ field: 'Start time', before: '09:00', after: '10:30' }]);

    const forWorker = (await admin.get(`/audit-events?staffId=${org.staffIds.worker}`)).body.items;
    expect(
      forWorker.every((e: { entityType: string }) => e.entityType === 'booking' || e.entityType === 'staff'),
    ).toBe(true);
    expect(forWorker.some((e: { description: string }) => e.description.includes('Shopping'))).toBe(false);

    const me = (await coordinator.get('/me')).body;
    const byCoordinator = (await admin.get(`/audit-events?actorUserId=${me.user.id}&entityType=client`)).body
      .items;
    expect(byCoordinator.map((e: { description: string }) => e.description)).toEqual([
      'Coordinator Audit created client Otto Vale',
      'Coordinator Audit created client Grace Harris',
    ]);
    const future = (await admin.get('/audit-events?occurredFrom=2999-01-01T00:00:00Z')).body.items;
    expect(future).toEqual([]);

    const csv = await fetch(`${t.baseUrl}/api/v1/audit-events.csv?clientId=${grace.id}`, {
      headers: { cookie: admin.cookie },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('When,When (UTC),Who,Action,What,Description,Changes,IP address');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(
      'Coordinator Audit,update,booking,Coordinator Audit moved Personal care for Grace Harris on 03/06/2030 from 09:00 to 10:30,Start time: 09:00 → 10:30',
    );
  });

  it("speaks the organisation's formats: its zone, its locale and its currency (here London)", async () => {
    const london = await seedOrg(t.db, 'Audit London', 'Europe/London');
    const admin = await signedIn(t.baseUrl, london.emails.administrator);
    const me = (await admin.get('/me')).body;
    expect(me.organisation).toMatchObject({ country: 'GB', locale: 'en-GB', currency: 'GBP' });
    const role = (await admin.post('/roles', { name: 'Evening', permissions: ['appointments.own'] })).body;
    const [event] = (await admin.get(`/audit-events?entityId=${role.id}`)).body.items;
    expect(event.occurredAtText).toMatch(
      /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT|BST)$/,
    );
    const sydney = (await (await signedIn(t.baseUrl, org.emails.administrator)).get('/me')).body;
    expect(sydney.organisation).toMatchObject({ country: 'AU', locale: 'en-AU', currency: 'AUD' });
  });
});
