import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { decideSignIn } from './sign-in-throttle.js';

const now = Temporal.Instant.from('2026-01-01T12:00:00Z');
const policy = {
  windowMinutes: 15,
  maxFailuresPerEmail: 3,
  maxFailuresPerIp: 10,
  maxFailuresPerEmailGlobal: 6,
};
const ago = (minutes: number) => now.subtract({ minutes });
const none = { forEmailFromIp: [], forIp: [], forEmail: [] };

describe('decideSignIn', () => {
  it('allows while under the budget', () => {
    expect(decideSignIn({ ...none, forEmailFromIp: [ago(5), ago(1)] }, now, policy)).toEqual({
      allowed: true,
    });
  });

  it('refuses at the budget until the oldest counted failure leaves the window', () => {
    // Failures 10, 5 and 1 minutes ago: the one 10 minutes ago leaves the 15-minute window in 5 minutes.
    expect(decideSignIn({ ...none, forEmailFromIp: [ago(10), ago(5), ago(1)] }, now, policy)).toEqual({
      allowed: false,
      retryAfterSeconds: 300,
    });
  });

  it('counts failures from one IP address across e-mails', () => {
    const forIp = Array.from({ length: 10 }, (_, i) => ago(14 - i));
    expect(decideSignIn({ ...none, forIp }, now, policy)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('failures for the e-mail from other addresses only count towards the larger global budget', () => {
    const forEmail = Array.from({ length: 5 }, (_, i) => ago(10 - i));
    expect(decideSignIn({ ...none, forEmail }, now, policy)).toEqual({ allowed: true });
    expect(decideSignIn({ ...none, forEmail: [ago(12), ...forEmail] }, now, policy)).toEqual({
      allowed: false,
      retryAfterSeconds: 180,
    });
  });
});
