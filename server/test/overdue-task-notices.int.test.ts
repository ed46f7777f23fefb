import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeOverdueTasks } from '../src/notifications/overdue-task-notices.action.js';
import {
  type Agent,
  manualClock,
  type SeededOrg,
  seedOrg,
  signedIn,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

// The bell's overdue tasks (issue 11 §2): a task assigned to someone and still open after its due date in the
// client's zone tells that person once. Tuesday 3 March 2026, 09:00 in Sydney.
const time = manualClock(Temporal.Instant.from('2026-03-02T22:00:00Z'));
let t: TestApp;
let org: SeededOrg;
let coordinator: Agent;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp({ clock: time.clock, invoiceWorker: false });
  org = await seedOrg(t.db, 'Overdue');
  coordinator = await signedIn(t.baseUrl, org.emails.coordinator);
  worker = await signedIn(t.baseUrl, org.emails.worker);
});

afterAll(async () => {
  await t?.close();
});

async function task(clientId: string, title: string, dueDate: string, assignee = org.staffIds.worker) {
  const r = await coordinator.post('/services', {
    clientId,
    title,
    dueDate,
    assignee: { type: 'staff', id: assignee },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

const bell = async () =>
  (await worker.get('/me/notices')).body as {
    unread: number;
    items: { message: string; readAt: string | null }[];
  };

describe('overdue tasks on the bell', () => {
  it('tells the assignee once when a task is past its due date, and again only for a new due date missed', async () => {
    const c = await coordinator.post('/clients', {
      givenName: 'Grace',
      familyName: 'Overdue',
      timeZone: 'Australia/Sydney',
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const clientId = c.body.id as string;
    const late = await task(clientId, 'Care plan review', '2026-03-02');
    const dueToday = await task(clientId, 'Due today', '2026-03-03');
    const done = await task(clientId, 'Done already', '2026-02-20');
    expect((await coordinator.patch(`/services/${done}`, { status: 'completed' })).status).toBe(200);
    // Someone else's task tells nobody here.
    await task(clientId, 'Not mine', '2026-02-27', org.staffIds.coordinator);

    const before = (await bell()).unread;
    expect(await noticeOverdueTasks(t.db, time.clock())).toBe(2);
    const after = await bell();
    expect(after.unread).toBe(before + 1);
    expect(after.items[0]).toMatchObject({
      message: '"Care plan review" for Grace Overdue was due 02/03/2026 and is overdue.',
      readAt: null,
    });

    // The job again: no second notice of the same miss.
    const again = await Promise.all([
      noticeOverdueTasks(t.db, time.clock()),
      noticeOverdueTasks(t.db, time.clock()),
    ]);
    expect(again).toEqual([0, 0]);
    expect((await bell()).unread).toBe(before + 1);

    // A new due date, missed too, is news; a task done before the job runs is not.
    expect((await coordinator.patch(`/services/${late}`, { dueDate: '2026-03-04' })).status).toBe(200);
    expect((await coordinator.patch(`/services/${dueToday}`, { status: 'completed' })).status).toBe(200);
    time.set(Temporal.Instant.from('2026-03-04T22:00:00Z')); // Thu 5 March, 09:00 in Sydney
    // Two days on, the sign-ins have lapsed: sign in again.
    worker = await signedIn(t.baseUrl, org.emails.worker);
    // Two runs at once (two server processes) over the same new miss: one notice between them.
    const both = await Promise.all([
      noticeOverdueTasks(t.db, time.clock()),
      noticeOverdueTasks(t.db, time.clock()),
    ]);
    expect(both[0] + both[1]).toBe(1);
    const last = await bell();
    expect(last.unread).toBe(before + 2);
    expect(last.items[0]?.message).toBe(
      '"Care plan review" for Grace Overdue was due 04/03/2026 and is overdue.',
    );
  });
});
