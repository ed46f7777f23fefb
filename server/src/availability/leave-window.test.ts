import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { insideLeave, leaveCovering, leaveWindow } from './leave-window.js';

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

describe('leaveCovering', () => {
  const zone = 'Australia/Sydney';
  const leaves = [
    { id: 'a', window: leaveWindow('2026-12-10', '2026-12-15', zone) },
    { id: 'b', window: leaveWindow('2026-12-20', null, zone) },
  ];
  const at = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(zone).toInstant();

  it('names the leave whose days cover a start in the client zone, or none', () => {
    expect(leaveCovering(at('2026-12-15T23:59'), leaves)).toBe('a');
    expect(leaveCovering(at('2026-12-16T00:00'), leaves)).toBeNull();
    expect(leaveCovering(at('2027-06-01T09:00'), leaves)).toBe('b');
    expect(leaveCovering(at('2026-12-09T23:59'), leaves)).toBeNull();
  });
});
