import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { insideLeave, leaveWindow } from './leave-window.js';

const I = (s: string) => Temporal.Instant.from(s);

describe('leave windows', () => {
  it("run from the first day's midnight to the day after the last, in the client's zone", () => {
    const w = leaveWindow('2026-10-03', '2026-10-04', 'Australia/Sydney');
    expect(w.from.toString()).toBe('2026-10-02T14:00:00Z'); // 00:00 AEST
    expect(w.to!.toString()).toBe('2026-10-04T13:00:00Z'); // 00:00 AEDT on the 5th
    expect(insideLeave(I('2026-10-04T12:59:00Z'), w)).toBe(true);
    expect(insideLeave(I('2026-10-04T13:00:00Z'), w)).toBe(false);
    expect(insideLeave(I('2030-01-01T00:00:00Z'), leaveWindow('2026-10-03', null, 'Australia/Sydney'))).toBe(
      true,
    );
  });
});
