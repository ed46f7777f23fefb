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
let coordinator: Agent;
beforeAll(async () => {
  t = await startTestApp();
  org = await seedOrg(t.db, 'Clients');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
});
afterAll(() => t.close());

describe('clients', () => {
  it('creates a client with a detailed profile and reads it back', async () => {
    const created = await coordinator.post('/clients', {
      givenName: ' Margaret ',
      familyName: 'Oduya',
      preferredName: 'Maggie',
      dateOfBirth: '1941-07-30',
      email: 'maggie@example.org',
      phone: '0400 000 000',
      addressLine1: '3 Bay Road',
      suburb: 'Fremantle',
      state: 'WA',
      postcode: '6160',
      country: 'Australia',
      timeZone: 'Australia/Perth',
      ndisNumber: '430 123 456',
      localAuthorityReference: 'LA-77',
      notes: '',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      givenName: 'Margaret',
      ndisNumber: '430123456',
      notes: null,
      status: 'active',
      timeZone: 'Australia/Perth',
    });
    const read = await coordinator.get(`/clients/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });

  it('names each invalid field and writes nothing', async () => {
    const res = await coordinator.post('/clients', {
      givenName: '',
      familyName: 'X',
      timeZone: 'Mars/Olympus',
      ndisNumber: '12345',
      email: 'not-an-email',
      dateOfBirth: '1990-02-30',
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['dateOfBirth', 'email', 'givenName', 'ndisNumber', 'timeZone']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'ndisNumber').reason).toBe(
      'must be 9 digits',
    );
    expect((await coordinator.get('/clients?q=X')).body.items).toEqual([]);
  });

  it('stores a zone typed in any letter case as the time-zone database spells it', async () => {
    const res = await coordinator.post('/clients', {
      givenName: 'Lower',
      familyName: 'Case',
      timeZone: 'australia/sydney',
    });
    expect(res.status).toBe(201);
    expect(res.body.timeZone).toBe('Australia/Sydney');
    expect((await coordinator.get(`/clients/${res.body.id}`)).body.timeZone).toBe('Australia/Sydney');
  });

  it('rejects offsets where an IANA zone is required', async () => {
    const res = await coordinator.post('/clients', { givenName: 'A', familyName: 'B', timeZone: '+10:00' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toEqual({
      field: 'timeZone',
      reason: 'must be an IANA time zone name such as Australia/Sydney',
    });
  });

  it('searches by name and pages through results with a cursor', async () => {
    for (const [g, f] of [
      ['Anna', 'Zed'],
      ['Bob', 'Zed'],
      ['Cara', 'Zed'],
      ['Dan', 'Zed'],
      ['Eve', 'Other'],
    ])
      expect(
        (await coordinator.post('/clients', { givenName: g, familyName: f, timeZone: 'Australia/Sydney' }))
          .status,
      ).toBe(201);
    const first = await coordinator.get('/clients?q=zed&limit=3');
    expect(first.body.items.map((c: { givenName: string }) => c.givenName)).toEqual(['Anna', 'Bob', 'Cara']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await coordinator.get(`/clients?q=zed&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { givenName: string }) => c.givenName)).toEqual(['Dan']);
    expect(second.body.nextCursor).toBeNull();
    expect((await coordinator.get('/clients?q=cara zed')).body.items).toHaveLength(1);
    expect((await coordinator.get('/clients?cursor=garbage')).status).toBe(422);
  });

  it('updates part of a profile, audits before and after, and filters by status', async () => {
    const c = (
      await coordinator.post('/clients', {
        givenName: 'Ivy',
        familyName: 'Stone',
        timeZone: 'Australia/Sydney',
      })
    ).body;
    const patched = await coordinator.patch(`/clients/${c.id}`, {
      status: 'inactive',
      notes: 'Moved interstate',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ givenName: 'Ivy', status: 'inactive', notes: 'Moved interstate' });
    expect(
      (await coordinator.get('/clients?status=inactive')).body.items.map((x: { id: string }) => x.id),
    ).toContain(c.id);
    expect((await coordinator.get('/clients?status=active&q=Ivy')).body.items).toEqual([]);

    const admin = await signedIn(t.baseUrl, org.emails.administrator);
    const audit = (await admin.get(`/audit-events?entityType=client&entityId=${c.id}`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(audit[0]).toMatchObject({
      actor: { label: 'Coordinator Clients' },
      before: { status: 'active', notes: null },
      after: { status: 'inactive', notes: 'Moved interstate' },
    });
  });
});
