import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/platform/db/database.js';
import { type SeededOrg, seedOrg, signedIn, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let sunrise: SeededOrg;
let harbour: SeededOrg;
beforeAll(async () => {
  t = await startTestApp();
  sunrise = await seedOrg(t.db, 'Sunrise');
  harbour = await seedOrg(t.db, 'Harbour', 'Australia/Perth');
});
afterAll(() => t.close());

const client = { givenName: 'Ruth', familyName: 'Hale', timeZone: 'Australia/Sydney' };

describe('roles and permissions', () => {
  it('a worker cannot read or change roles (403) but sees its own appointments', async () => {
    const worker = await signedIn(t.baseUrl, sunrise.emails.worker);
    expect((await worker.get('/roles')).status).toBe(403);
    expect((await worker.post('/roles', { name: 'Sneaky', permissions: ['roles.manage'] })).status).toBe(403);
    expect((await worker.get('/clients')).status).toBe(403);
    expect((await worker.get('/me/appointments')).status).toBe(200);
  });

  it('finance reads clients but cannot create them', async () => {
    const finance = await signedIn(t.baseUrl, sunrise.emails.finance);
    expect((await finance.get('/clients')).status).toBe(200);
    expect((await finance.post('/clients', client)).status).toBe(403);
  });

  it('an administrator creates a custom role, and a staff member holding it gains exactly its permissions', async () => {
    const admin = await signedIn(t.baseUrl, sunrise.emails.administrator);
    const role = await admin.post('/roles', {
      name: 'Rostering clerk',
      description: 'Bookings only',
      permissions: ['bookings.read', 'bookings.read'],
    });
    expect(role.status).toBe(201);
    expect(role.body).toMatchObject({
      name: 'Rostering clerk',
      permissions: ['bookings.read'],
      builtIn: false,
    });

    const worker = await signedIn(t.baseUrl, sunrise.emails.worker);
    expect((await worker.get(`/clients/00000000-0000-4000-8000-000000000000/service-orders`)).status).toBe(
      403,
    );
    const workerRoleId = (await admin.get('/roles')).body.items.find(
      (r: { key: string }) => r.key === 'worker',
    ).id;
    const patched = await admin.patch(`/staff/${sunrise.staffIds.worker}`, {
      roleIds: [workerRoleId, role.body.id],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.roles.map((r: { name: string }) => r.name).sort()).toEqual([
      'Associate/Worker',
      'Rostering clerk',
    ]);
    // Permissions are read per request: the next request already has them.
    expect((await worker.get(`/clients/00000000-0000-4000-8000-000000000000/service-orders`)).status).toBe(
      404,
    );
    expect((await worker.get('/roles')).status).toBe(403);
  });

  it('refuses unknown permission keys, duplicate names, and edits to the Administrator role', async () => {
    const admin = await signedIn(t.baseUrl, sunrise.emails.administrator);
    const unknown = await admin.post('/roles', { name: 'X', permissions: ['rockets.launch'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('permissions.0');
    expect((await admin.post('/roles', { name: 'coordinator', permissions: [] })).status).toBe(409);
    const adminRole = (await admin.get('/roles')).body.items.find(
      (r: { key: string }) => r.key === 'administrator',
    );
    const locked = await admin.patch(`/roles/${adminRole.id}`, { permissions: [] });
    expect(locked.status).toBe(409);
    expect((await admin.get(`/roles/${adminRole.id}`)).body.permissions.length).toBeGreaterThanOrEqual(12);
    expect((await admin.delete(`/roles/${adminRole.id}`)).status).toBe(409);
  });

  it('lists every permission key for the role editor', async () => {
    const admin = await signedIn(t.baseUrl, sunrise.emails.administrator);
    const keys = (await admin.get('/permissions')).body.items.map((p: { key: string }) => p.key);
    for (const key of [
      'clients.read',
      'clients.write',
      'staff.manage',
      'roles.manage',
      'bookings.read',
      'bookings.write',
      'bookings.delete',
      'services.configure',
      'services.deploy_plan',
      'contracts.manage',
      'billing.run',
      'audit.read',
    ])
      expect(keys).toContain(key);
  });
});

describe('organisations are walled off from each other', () => {
  it("another organisation's client, booking, staff member and role answer 404, and lists never show them", async () => {
    const a = await signedIn(t.baseUrl, sunrise.emails.administrator);
    const b = await signedIn(t.baseUrl, harbour.emails.administrator);
    const theirs = (await a.post('/clients', client)).body;
    const booking = (
      await a.post(`/clients/${theirs.id}/service-orders`, {
        name: 'Visit',
        bookingDate: '2026-05-01',
        startTime: '10:00',
        durationMinutes: 60,
      })
    ).body;
    const theirRole = (await a.get('/roles')).body.items[0];

    expect((await b.get(`/clients/${theirs.id}`)).status).toBe(404);
    expect((await b.patch(`/clients/${theirs.id}`, { notes: 'hijack' })).status).toBe(404);
    expect((await b.get(`/clients/${theirs.id}/service-orders`)).status).toBe(404);
    expect(
      (
        await b.post(`/clients/${theirs.id}/service-orders`, {
          name: 'x',
          bookingDate: '2026-05-01',
          startTime: '10:00',
          durationMinutes: 30,
        })
      ).status,
    ).toBe(404);
    expect((await b.get(`/bookings/${booking.id}`)).status).toBe(404);
    expect((await b.post(`/bookings/${booking.id}/cancel`, { reason: 'x' })).status).toBe(404);
    expect((await b.get(`/staff/${sunrise.staffIds.worker}`)).status).toBe(404);
    expect((await b.patch(`/roles/${theirRole.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await b.get('/clients?q=Ruth')).body.items).toEqual([]);
    // Assigning another organisation's staff member is refused as an unknown assignee.
    const mine = (await b.post('/clients', { ...client, timeZone: 'Australia/Perth' })).body;
    const cross = await b.post(`/clients/${mine.id}/service-orders`, {
      name: 'x',
      bookingDate: '2026-05-01',
      startTime: '10:00',
      durationMinutes: 30,
      assignee: { type: 'staff', id: sunrise.staffIds.worker },
    });
    expect(cross.status).toBe(422);
    expect(cross.body.errors[0].field).toBe('assignee.id');
    expect((await a.get(`/clients/${theirs.id}`)).body.notes).toBeNull();
  });

  it('row-level security hides other tenants even from a query that forgets to filter', async () => {
    const a = await signedIn(t.baseUrl, sunrise.emails.administrator);
    await a.post('/clients', { ...client, givenName: 'Only', familyName: 'Sunrise' });
    const seen = await withTenant(t.db, harbour.id, (tx) =>
      tx.selectFrom('clients').select('given_name').execute(),
    );
    expect(seen.map((r) => r.given_name)).not.toContain('Only');
    await expect(
      withTenant(t.db, harbour.id, (tx) =>
        tx
          .insertInto('clients')
          .values({
            organisation_id: sunrise.id,
            given_name: 'X',
            family_name: 'Y',
            time_zone: 'UTC',
            status: 'active',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const all = await withTenant(t.db, harbour.id, (tx) =>
      sql<{ n: string }>`SELECT count(*) AS n FROM clients WHERE organisation_id = ${sunrise.id}`.execute(tx),
    );
    expect(all.rows[0]!.n).toBe('0');
  });
});
