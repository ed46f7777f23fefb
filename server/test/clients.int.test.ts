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
      'must be 9 digits, such as 431 234 567',
    );
    expect(res.body.detail).toMatch(/^5 fields need attention: /);
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

  it('refuses a second client with the same NDIS number, naming the client who has it', async () => {
    const first = await coordinator.post('/clients', {
      givenName: 'Grace',
      familyName: 'Harris',
      dateOfBirth: '1950-03-04',
      suburb: 'Newtown',
      timeZone: 'Australia/Sydney',
      ndisNumber: '431 555 111',
    });
    expect(first.status).toBe(201);
    const second = await coordinator.post('/clients', {
      givenName: 'Gail',
      familyName: 'Harrison',
      timeZone: 'Australia/Sydney',
      ndisNumber: '431555111',
    });
    expect(second.status).toBe(409);
    expect(second.body.detail).toBe('NDIS number 431 555 111 already belongs to Grace Harris.');
    expect(second.body.errors).toEqual([{ field: 'ndisNumber', reason: 'already belongs to Grace Harris' }]);
    expect(second.body.duplicateOf).toMatchObject({ id: first.body.id, name: 'Grace Harris' });
    expect((await coordinator.get('/clients?q=Harrison')).body.items).toEqual([]);

    // Editing another client onto the number is refused too; the client keeping their own number is fine.
    const other = (
      await coordinator.post('/clients', { givenName: 'Hal', familyName: 'Ng', timeZone: 'Australia/Sydney' })
    ).body;
    expect((await coordinator.patch(`/clients/${other.id}`, { ndisNumber: '431555111' })).status).toBe(409);
    expect((await coordinator.patch(`/clients/${first.body.id}`, { ndisNumber: '431555111' })).status).toBe(
      200,
    );

    const check = await coordinator.get('/clients/likely-duplicates?ndisNumber=431%20555%20111');
    expect(check.body.ndisNumber).toMatchObject({ id: first.body.id, name: 'Grace Harris' });
    const own = await coordinator.get(
      `/clients/likely-duplicates?ndisNumber=431555111&excludeId=${first.body.id}`,
    );
    expect(own.body.ndisNumber).toBeNull();
  });

  it('warns of, but allows, a client with the same name and date of birth', async () => {
    const first = (
      await coordinator.post('/clients', {
        givenName: 'Rosa',
        familyName: 'Lind',
        dateOfBirth: '1948-11-02',
        suburb: 'Marrickville',
        timeZone: 'Australia/Sydney',
      })
    ).body;
    const check = await coordinator.get(
      '/clients/likely-duplicates?givenName=rosa&familyName=LIND&dateOfBirth=1948-11-02',
    );
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      ndisNumber: null,
      sameNameAndBirth: [
        { id: first.id, name: 'Rosa Lind', dateOfBirth: '1948-11-02', suburb: 'Marrickville' },
      ],
    });
    const differentBirthday = await coordinator.get(
      '/clients/likely-duplicates?givenName=Rosa&familyName=Lind&dateOfBirth=1948-11-03',
    );
    expect(differentBirthday.body.sameNameAndBirth).toEqual([]);
    const again = await coordinator.post('/clients', {
      givenName: 'Rosa',
      familyName: 'Lind',
      dateOfBirth: '1948-11-02',
      timeZone: 'Australia/Sydney',
    });
    expect(again.status).toBe(201);
  });

  it('checks phone numbers, postcodes and states for the client’s country', async () => {
    const bad = await coordinator.post('/clients', {
      givenName: 'Tom',
      familyName: 'Reed',
      timeZone: 'Australia/Sydney',
      phone: '12345',
      state: 'New York',
      postcode: '20001',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      {
        field: 'phone',
        reason:
          'must be an Australian phone number, such as 0412 345 678 or 02 9000 0000, or start with + and the country code',
      },
      {
        field: 'state',
        reason: 'must be an Australian state or territory: NSW, VIC, QLD, WA, SA, TAS, ACT or NT',
      },
      { field: 'postcode', reason: 'must be an Australian postcode of 4 digits, such as 2000' },
    ]);
    const wrongState = await coordinator.post('/clients', {
      givenName: 'Tom',
      familyName: 'Reed',
      timeZone: 'Australia/Sydney',
      state: 'NSW',
      postcode: '6000',
    });
    expect(wrongState.body.errors).toEqual([{ field: 'postcode', reason: 'is not a postcode in NSW' }]);
    const uk = await coordinator.post('/clients', {
      givenName: 'Ann',
      familyName: 'Bell',
      timeZone: 'Europe/London',
      country: 'United Kingdom',
      phone: '020 7946 0018',
      state: 'Kent',
      postcode: 'CT1 2EH',
    });
    expect(uk.status).toBe(201);
    const ukBad = await coordinator.patch(`/clients/${uk.body.id}`, { postcode: '2000', state: 'NSW' });
    expect(ukBad.body.errors.map((e: { field: string }) => e.field)).toEqual(['state', 'postcode']);
    const ok = await coordinator.post('/clients', {
      givenName: 'Tom',
      familyName: 'Reed',
      timeZone: 'Australia/Sydney',
      phone: '+61 412 345 678',
      state: 'nsw',
      postcode: '2042',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ phone: '+61 412 345 678', state: 'nsw', postcode: '2042' });
  });

  it('finds clients by "surname given-name", preferred name, part of the NDIS number and phone number', async () => {
    const c = (
      await coordinator.post('/clients', {
        givenName: 'Penelope',
        familyName: 'Quayle',
        preferredName: 'Pip',
        timeZone: 'Australia/Sydney',
        phone: '0498 765 432',
        ndisNumber: '437 770 001',
      })
    ).body;
    const ids = async (q: string) =>
      (await coordinator.get(`/clients?q=${encodeURIComponent(q)}`)).body.items.map(
        (x: { id: string }) => x.id,
      );
    expect(await ids('Quayle Penelope')).toEqual([c.id]);
    expect(await ids('quayle, pen')).toEqual([c.id]);
    expect(await ids('Pip Quayle')).toEqual([c.id]);
    expect(await ids('777000')).toEqual([c.id]);
    expect(await ids('0498 765')).toEqual([c.id]);
    expect(await ids('+61 498 765 432')).toEqual([c.id]);
    expect(await ids('Quayle Zed')).toEqual([]);
  });

  it('speaks plainly about text that is too long and about unknown values', async () => {
    const long = await coordinator.post('/clients', {
      givenName: 'Long',
      familyName: 'Notes',
      timeZone: 'Australia/Sydney',
      notes: 'x'.repeat(5001),
    });
    expect(long.status).toBe(422);
    expect(long.body.detail).toBe('Notes can be at most 5,000 characters.');
    expect(long.body.errors).toEqual([{ field: 'notes', reason: 'can be at most 5,000 characters' }]);
    const status = await coordinator.patch(`/clients/${crypto.randomUUID()}`, { status: 'gone' });
    expect(status.body.errors).toEqual([{ field: 'status', reason: 'must be one of: active, inactive' }]);
    const missing = await coordinator.post('/clients', { familyName: 'X', timeZone: 'Australia/Sydney' });
    expect(missing.body.detail).toBe('Given name is required.');
    const notFound = await coordinator.get(`/clients/${crypto.randomUUID()}`);
    expect(notFound.body.detail).toBe('Client was not found');
  });
});
