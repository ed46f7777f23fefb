import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.js';
import { checkSteps, draftServices, dueBucket, dueDateFor, isDeploymentActive, todayIn } from './plan.js';
import type { PlanStep } from './plan.types.js';

const step = (id: string, delayDays: number, extra: Partial<PlanStep> = {}): PlanStep => ({
  id,
  title: `Step ${id}`,
  delayDays,
  description: `Do ${id}`,
  activities: [`${id} one`, `${id} two`],
  defaultAssignee: null,
  ...extra,
});

describe('dueDateFor', () => {
  it('adds calendar days and rolls over month and year ends', () => {
    expect(dueDateFor('2026-01-31', 0)).toBe('2026-01-31');
    expect(dueDateFor('2026-01-31', 1)).toBe('2026-02-01');
    expect(dueDateFor('2028-02-28', 1)).toBe('2028-02-29');
    expect(dueDateFor('2026-12-25', 10)).toBe('2027-01-04');
  });
  it('is unaffected by DST changes in between (Sydney springs forward 2026-10-04)', () => {
    expect(dueDateFor('2026-10-03', 1)).toBe('2026-10-04');
    expect(dueDateFor('2026-10-03', 7)).toBe('2026-10-10');
  });
});

describe('todayIn', () => {
  it("is the client's local date, not UTC's", () => {
    // 2026-10-03T14:30Z is 00:30 on 4 October in Sydney (AEST→AEDT that night) but 22:30 on the 3rd in Perth.
    const now = Temporal.Instant.from('2026-10-03T14:30:00Z');
    expect(todayIn('Australia/Sydney', now)).toBe('2026-10-04');
    expect(todayIn('Australia/Perth', now)).toBe('2026-10-03');
    expect(todayIn('Europe/London', Temporal.Instant.from('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
  });
});

describe('draftServices', () => {
  const steps = [
    step('a', 0, { defaultAssignee: { type: 'role', id: 'r1' } }),
    step('b', 3),
    step('c', 14, { defaultAssignee: { type: 'staff', id: 's9' } }),
  ];

  it('creates one service per step with due dates from the start date and the step defaults', () => {
    const drafts = draftServices(steps, '2026-01-20');
    expect(drafts.map((d) => [d.stepIndex, d.title, d.dueDate, d.assignee])).toEqual([
      [0, 'Step a', '2026-01-20', { type: 'role', id: 'r1' }],
      [1, 'Step b', '2026-01-23', null],
      [2, 'Step c', '2026-02-03', { type: 'staff', id: 's9' }],
    ]);
  });

  it('applies a plan-wide assignee to every step, and a per-step override over it', () => {
    const drafts = draftServices(steps, '2026-01-20', {
      planWide: { assignee: { type: 'staff', id: 'all' } },
      steps: [
        {
          stepId: 'b',
          assignee: { type: 'staff', id: 'bee' },
          dueDate: '2026-01-30',
          activities: ['only this'],
        },
        { stepId: 'c', assignee: null, description: null },
      ],
    });
    expect(drafts.map((d) => d.assignee)).toEqual([
      { type: 'staff', id: 'all' },
      { type: 'staff', id: 'bee' },
      null,
    ]);
    expect(drafts[1]).toMatchObject({
      dueDate: '2026-01-30',
      activities: ['only this'],
      description: 'Do b',
    });
    expect(drafts[2]).toMatchObject({ description: null, activities: ['c one', 'c two'] });
  });

  it('refuses an override for a step the plan does not have, naming it', () => {
    try {
      draftServices(steps, '2026-01-20', { steps: [{ stepId: 'zzz' }] });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).issues).toEqual([
        { field: 'steps.0.stepId', reason: 'is not a step of this plan' },
      ]);
    }
  });

  it('copies activities, so editing a draft never edits the plan', () => {
    const drafts = draftServices(steps, '2026-01-20');
    drafts[0]!.activities.push('extra');
    expect(steps[0]!.activities).toEqual(['a one', 'a two']);
  });
});

describe('deployment state and due buckets', () => {
  it('a deployment is active while any service is open or in progress', () => {
    expect(isDeploymentActive(['completed', 'open'])).toBe(true);
    expect(isDeploymentActive(['completed', 'in_progress'])).toBe(true);
    expect(isDeploymentActive(['completed', 'cancelled'])).toBe(false);
  });
  it('buckets services by due date against today', () => {
    expect(dueBucket('2026-01-19', 'open', '2026-01-20')).toBe('overdue');
    expect(dueBucket('2026-01-20', 'in_progress', '2026-01-20')).toBe('today');
    expect(dueBucket('2026-01-21', 'open', '2026-01-20')).toBe('upcoming');
    expect(dueBucket('2026-01-19', 'completed', '2026-01-20')).toBe('done');
  });
  it('refuses duplicate step ids', () => {
    expect(() => checkSteps([step('a', 0), step('a', 1)])).toThrow(DomainError);
  });
});
