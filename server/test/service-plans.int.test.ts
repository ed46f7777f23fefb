import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// 2026-03-10 09:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-03-09T22:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let clientId: string;
let workerRoleId: string;

const threeSteps = (over: Record<string, unknown> = {}) => ({
  name: 'New client onboarding',
  description: 'From referral to first visit',
  limitConcurrentDeployments: true,
  steps: [
    {
      title: 'Intake call',
      delayDays: 0,
      description: 'Call the client',
      activities: ['Confirm address', 'Confirm funding'],
    },
    { title: 'Home assessment', delayDays: 3, activities: ['Check access', 'Photograph bathroom'] },
    { title: 'Care plan review', delayDays: 14, description: 'Review with family', activities: [] },
  ],
  ...over,
});

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock });
  org = await seedOrg(t.db, 'Plans');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  clientId = (
    await coordinator.post('/clients', { givenName: 'Pat', familyName: 'Lee', timeZone: 'Australia/Sydney' })
  ).body.id;
  const admin = await signedIn(t.baseUrl, org.emails.administrator);
  workerRoleId = (await admin.get('/roles')).body.items.find((r: { key: string }) => r.key === 'worker').id;
});
afterAll(() => t.close());

describe('service plans', () => {
  it('needs services.configure to create a plan and validates the whole plan', async () => {
    const finance = await signedIn(t.baseUrl, org.emails.finance);
    expect((await finance.post('/service-plans', threeSteps())).status).toBe(403);
    const bad = await coordinator.post(
      '/service-plans',
      threeSteps({ steps: [{ title: '', delayDays: -1, activities: [''] }] }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'steps.0.activities.0',
      'steps.0.delayDays',
      'steps.0.title',
    ]);
    expect((await coordinator.post('/service-plans', threeSteps({ steps: [] }))).body.errors[0]).toEqual({
      field: 'steps',
      reason: 'a plan needs at least one step',
    });
  });

  it('deploys a plan as one service per step with due dates, assignees and activities; overrides win', async () => {
    const plan = (
      await coordinator.post(
        '/service-plans',
        threeSteps({ name: 'Deploy me', limitConcurrentDeployments: false }),
      )
    ).body;
    expect(plan.steps).toHaveLength(3);
    const deployed = await coordinator.post(`/service-plans/${plan.id}/deploy`, {
      clientId,
      startDate: '2026-03-30',
      planWide: { assignee: { type: 'role', id: workerRoleId } },
      steps: [
        {
          stepId: plan.steps[1].id,
          assignee: { type: 'staff', id: org.staffIds.worker },
          dueDate: '2026-04-06',
          activities: ['Only this'],
        },
      ],
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body.serviceIds).toHaveLength(3);
    const first = deployed.body.firstService;
    expect(first).toMatchObject({
      title: 'Intake call',
      dueDate: '2026-03-30',
      status: 'open',
      assignee: { type: 'role', name: 'Associate/Worker' },
      description: 'Call the client',
    });
    expect(first.activities.map((a: { label: string }) => a.label)).toEqual([
      'Confirm address',
      'Confirm funding',
    ]);
    expect(
      first.plan.services.map((s: { title: string; dueDate: string; assignee: { name: string } }) => [
        s.title,
        s.dueDate,
        s.assignee.name,
      ]),
    ).toEqual([
      ['Intake call', '2026-03-30', 'Associate/Worker'],
      ['Home assessment', '2026-04-06', 'Worker Plans'],
      // 30 March + 14 days crosses the end of daylight saving in Sydney (5 April): still a calendar date.
      ['Care plan review', '2026-04-13', 'Associate/Worker'],
    ]);
    const second = (await coordinator.get(`/services/${deployed.body.serviceIds[1]}`)).body;
    expect(second.activities.map((a: { label: string }) => a.label)).toEqual(['Only this']);
  });

  it('refuses deployment without services.deploy_plan, and a step override for an unknown step', async () => {
    const plan = (await coordinator.post('/service-plans', threeSteps({ name: 'Guarded' }))).body;
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    expect(
      (await worker.post(`/service-plans/${plan.id}/deploy`, { clientId, startDate: '2026-04-01' })).status,
    ).toBe(403);
    const unknown = await coordinator.post(`/service-plans/${plan.id}/deploy`, {
      clientId,
      startDate: '2026-04-01',
      steps: [{ stepId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'steps.0.stepId', reason: 'is not a step of this plan' }]);
    expect(
      (await coordinator.get(`/clients/${clientId}/services?limit=200`)).body.items.filter(
        (s: { title: string }) => s.title === 'Intake call',
      ),
    ).toHaveLength(1);
  });

  it('keeps deployed services as they were when the plan is edited later (snapshot)', async () => {
    const plan = (
      await coordinator.post(
        '/service-plans',
        threeSteps({ name: 'Snapshot', limitConcurrentDeployments: false }),
      )
    ).body;
    const deployed = (
      await coordinator.post(`/service-plans/${plan.id}/deploy`, { clientId, startDate: '2026-05-01' })
    ).body;
    const edited = await coordinator.put(`/service-plans/${plan.id}`, {
      ...threeSteps({ name: 'Snapshot', limitConcurrentDeployments: false }),
      steps: [{ id: plan.steps[0].id, title: 'Renamed intake', delayDays: 1, activities: ['New activity'] }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, steps: [{ title: 'Renamed intake' }] });
    const service = (await coordinator.get(`/services/${deployed.serviceIds[0]}`)).body;
    expect(service).toMatchObject({ title: 'Intake call', dueDate: '2026-05-01' });
    expect(service.plan).toMatchObject({ planVersion: 1, planName: 'Snapshot' });
    expect(service.plan.services).toHaveLength(3);
    // A deployed plan is archived, not deleted.
    expect((await coordinator.delete(`/service-plans/${plan.id}`)).status).toBe(409);
    expect((await coordinator.post(`/service-plans/${plan.id}/archive`)).body.archived).toBe(true);
    expect(
      (await coordinator.post(`/service-plans/${plan.id}/deploy`, { clientId, startDate: '2026-05-01' }))
        .status,
    ).toBe(409);
    expect(
      (await coordinator.get('/service-plans')).body.items.map((p: { name: string }) => p.name),
    ).not.toContain('Snapshot');
  });

  it('allows exactly one of two simultaneous deployments of a limited plan, and redeployment once it is all done', async () => {
    const plan = (await coordinator.post('/service-plans', threeSteps({ name: 'Limited' }))).body;
    const other = (
      await coordinator.post('/clients', { givenName: 'Kim', familyName: 'Ng', timeZone: 'Australia/Perth' })
    ).body.id;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        coordinator.post(`/service-plans/${plan.id}/deploy`, { clientId: other, startDate: '2026-04-01' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.detail).toMatch(/limits concurrent deployments/);
    const services = (await coordinator.get(`/clients/${other}/services`)).body.items;
    expect(services).toHaveLength(3);

    // Completing two and cancelling one, concurrently, finishes the deployment.
    const [a, b, c] = services;
    await Promise.all([
      coordinator.patch(`/services/${a.id}`, { status: 'completed' }),
      coordinator.patch(`/services/${b.id}`, { status: 'completed' }),
      coordinator.patch(`/services/${c.id}`, { status: 'cancelled' }),
    ]);
    expect(
      (
        await coordinator.post(`/service-plans/${plan.id}/deploy`, {
          clientId: other,
          startDate: '2026-06-01',
        })
      ).status,
    ).toBe(201);
    // Reopening a service of the finished deployment would make two active ones: refused.
    const reopened = await coordinator.patch(`/services/${a.id}`, { status: 'open' });
    expect(reopened.status).toBe(409);
  });
});

describe('concurrent edits of one plan', () => {
  it('10 simultaneous saves of version 1: one wins, the other nine are told it changed (409), none "not found"', async () => {
    const plan = (await coordinator.post('/service-plans', threeSteps({ name: 'Contended' }))).body;
    expect(plan.version).toBe(1);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        coordinator.put(`/service-plans/${plan.id}`, {
          ...threeSteps({ name: 'Contended', description: `Edit ${i}` }),
          basedOnVersion: 1,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/now version 2/);
    expect((await coordinator.get(`/service-plans/${plan.id}`)).body.version).toBe(2);
  });

  it('10 simultaneous saves that name no version are applied one after another, none "not found"', async () => {
    const plan = (await coordinator.post('/service-plans', threeSteps({ name: 'Queued' }))).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        coordinator.put(
          `/service-plans/${plan.id}`,
          threeSteps({ name: 'Queued', description: `Edit ${i}` }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });
});

describe('services', () => {
  it('ticks activities recording who and when, and lists my services by due date with overdue ones marked', async () => {
    const own = await coordinator.post('/services', {
      clientId,
      title: 'Order shower chair',
      dueDate: '2026-03-09',
      assignee: { type: 'staff', id: org.staffIds.worker },
      activities: ['Get quote', 'Place order'],
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ dueBucket: 'overdue', plan: null });
    const worker = await signedIn(t.baseUrl, org.emails.worker);
    const ticked = await worker.request('PUT', `/services/${own.body.id}/activities/1`, { done: true });
    expect(ticked.status).toBe(200);
    expect(ticked.body.activities[1]).toMatchObject({
      done: true,
      doneBy: { name: 'Worker Plans' },
      doneAt: '2026-03-09T22:00:00Z',
    });
    expect(ticked.body.activities[0]).toMatchObject({ done: false, doneBy: null });
    expect(
      (await worker.request('PUT', `/services/${own.body.id}/activities/9`, { done: true })).status,
    ).toBe(404);

    const mine = (await worker.get('/me/services?limit=200')).body.items;
    expect(mine[0]).toMatchObject({ title: 'Order shower chair', dueBucket: 'overdue' });
    expect(mine.some((s: { assignee: { type: string } }) => s.assignee.type === 'role')).toBe(true);
    const dues = mine.map((s: { dueDate: string }) => s.dueDate);
    expect(dues).toEqual([...dues].sort());

    // The assignee can move it along but not retitle it; others' services stay hidden.
    expect((await worker.patch(`/services/${own.body.id}`, { status: 'in_progress' })).body.status).toBe(
      'in_progress',
    );
    expect((await worker.patch(`/services/${own.body.id}`, { title: 'x' })).status).toBe(422);
    const notMine = (
      await coordinator.post('/services', { clientId, title: 'Private', dueDate: '2026-03-20' })
    ).body;
    expect((await worker.get(`/services/${notMine.id}`)).status).toBe(404);
  });

  it('filters all services by client, assignee, status and due range', async () => {
    const res = await coordinator.get(
      `/services?clientId=${clientId}&status=open,in_progress&dueFrom=2026-03-01&dueTo=2026-03-31`,
    );
    expect(res.status).toBe(200);
    for (const s of res.body.items) {
      expect(s.clientId).toBe(clientId);
      expect(['open', 'in_progress']).toContain(s.status);
      expect(s.dueDate >= '2026-03-01' && s.dueDate <= '2026-03-31').toBe(true);
    }
    expect(res.body.items.length).toBeGreaterThan(0);
    expect((await coordinator.get('/services?status=done')).status).toBe(422);
  });
});
