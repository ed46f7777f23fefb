import { describe, expect, it } from 'vitest';
import { overrideDecision, refusalFor } from './booking-rules.js';

describe('refusalFor', () => {
  it('lets a booked booking be edited, completed and cancelled', () => {
    for (const change of ['edit', 'complete', 'cancel', 'delete'] as const)
      expect(refusalFor('booked', change)).toBeNull();
  });
  it('keeps a cancelled booking as it is, except that it may be deleted', () => {
    for (const change of ['edit', 'complete', 'cancel', 'reopen'] as const)
      expect(refusalFor('cancelled', change)).toMatch(/cancelled/);
    expect(refusalFor('cancelled', 'delete')).toBeNull();
  });
  it('does not cancel or re-complete a completed booking, but can reopen it', () => {
    expect(refusalFor('completed', 'cancel')).toMatch(/completed/);
    expect(refusalFor('completed', 'complete')).toMatch(/already/);
    expect(refusalFor('completed', 'reopen')).toBeNull();
  });
});

describe('overrideDecision', () => {
  it('lets a booking without soft conflicts go ahead and records no override, even when a reason is given', () => {
    expect(overrideDecision([], undefined)).toEqual({ go: true, override: null });
    expect(overrideDecision([], 'just in case')).toEqual({ go: true, override: null });
  });
  it('refuses soft conflicts without a reason, naming every one', () => {
    expect(overrideDecision(['the assignee is on leave', 'x'], undefined)).toEqual({
      go: false,
      message: 'Give a reason to book despite: the assignee is on leave; x',
    });
  });
  it('keeps the reason and the warnings it overrides', () => {
    expect(overrideDecision(['the assignee is on leave'], 'Cover agreed')).toEqual({
      go: true,
      override: { reason: 'Cover agreed', warnings: ['the assignee is on leave'] },
    });
  });
});
