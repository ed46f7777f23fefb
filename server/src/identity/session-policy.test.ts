import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { sessionState, shouldTouch } from './session-policy.js';

const t0 = Temporal.Instant.from('2026-01-01T00:00:00Z');
const policy = { idleMinutes: 30, absoluteHours: 12 };

describe('sessionState', () => {
  it('is active within both limits', () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: t0 }, t0.add({ minutes: 29 }), policy)).toBe('active');
  });
  it('expires at exactly the idle limit', () => {
    expect(sessionState({ createdAt: t0, lastSeenAt: t0 }, t0.add({ minutes: 30 }), policy)).toBe(
      'idle_expired',
    );
  });
  it('expires at the absolute limit even when recently used', () => {
    const lastSeenAt = t0.add({ hours: 11, minutes: 59 });
    expect(sessionState({ createdAt: t0, lastSeenAt }, t0.add({ hours: 12 }), policy)).toBe('expired');
  });
});

describe('shouldTouch', () => {
  it('records any later request, so the idle limit holds for any length', () => {
    expect(shouldTouch({ createdAt: t0, lastSeenAt: t0 }, t0)).toBe(false);
    expect(shouldTouch({ createdAt: t0, lastSeenAt: t0 }, t0.add({ seconds: 1 }))).toBe(true);
  });
});
