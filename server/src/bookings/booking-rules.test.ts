import { describe, expect, it } from 'vitest';
import { refusalFor } from './booking-rules.js';

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
