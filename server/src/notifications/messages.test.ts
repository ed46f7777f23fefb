import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { composeMessage, outsideQuietHours, wallTime } from './messages.js';

const I = (s: string) => Temporal.Instant.from(s);
const SYD = 'Australia/Sydney';
const quiet = { start: '21:00', end: '07:00' };

describe('times in the recipient’s zone, with the zone named', () => {
  it('writes the wall time and names the zone and its abbreviation, across the DST change', () => {
    expect(wallTime(I('2026-03-09T22:00:00Z'), SYD)).toBe(
      'Tuesday 10 March 2026, 9:00 am Australia/Sydney time (AEDT)',
    );
    // After the first Sunday of April Sydney is on standard time (UTC+10).
    expect(wallTime(I('2026-04-06T23:00:00Z'), SYD)).toBe(
      'Tuesday 7 April 2026, 9:00 am Australia/Sydney time (AEST)',
    );
    expect(wallTime(I('2026-03-09T22:00:00Z'), 'Australia/Perth')).toContain('6:00 am Australia/Perth time');
  });

  it('a contact reads whose booking it is; a change names where it was', () => {
    const booking = {
      name: 'Home visit',
      startsAt: I('2026-03-10T23:00:00Z'),
      endsAt: I('2026-03-11T00:00:00Z'),
      staffName: 'Mei Chen',
      clientName: 'Grace Harris',
      organisationName: 'Harbour Care',
      cancellationReason: null,
    };
    const m = composeMessage(
      'change',
      booking,
      { name: 'Anna', isClient: false, timeZone: 'Australia/Perth' },
      I('2026-03-09T22:00:00Z'),
    );
    expect(m.subject).toBe(
      'Grace Harris’s Home visit has changed: Wednesday 11 March 2026, 7:00 am Australia/Perth time (AWST)',
    );
    expect(m.body).toContain('It was on Tuesday 10 March 2026, 6:00 am Australia/Perth time');
  });
});

describe('quiet hours', () => {
  it('leaves a time outside them alone', () => {
    expect(outsideQuietHours(I('2026-03-10T02:00:00Z'), SYD, quiet, 'hold').toString()).toBe(
      '2026-03-10T02:00:00Z',
    );
    expect(outsideQuietHours(I('2026-03-10T12:00:00Z'), SYD, null, 'hold').toString()).toBe(
      '2026-03-10T12:00:00Z',
    );
  });

  it('holds a notice sent at 23:00 until 07:00 the next morning, in the recipient’s zone', () => {
    // 23:00 AEDT on the 10th = 12:00Z; 07:00 AEDT on the 11th = 20:00Z on the 10th.
    expect(outsideQuietHours(I('2026-03-10T12:00:00Z'), SYD, quiet, 'hold').toString()).toBe(
      '2026-03-10T20:00:00Z',
    );
    // 02:00 (after midnight) is held until 07:00 the same day.
    expect(outsideQuietHours(I('2026-03-10T15:00:00Z'), SYD, quiet, 'hold').toString()).toBe(
      '2026-03-10T20:00:00Z',
    );
  });

  it('brings a reminder due at 02:00 forward to 20:59 the evening before, so it still comes first', () => {
    expect(outsideQuietHours(I('2026-03-10T15:00:00Z'), SYD, quiet, 'bring-forward').toString()).toBe(
      '2026-03-10T09:59:00Z',
    );
    // Unless that is already past: then it waits for the morning.
    expect(
      outsideQuietHours(
        I('2026-03-10T15:00:00Z'),
        SYD,
        quiet,
        'bring-forward',
        I('2026-03-10T11:00:00Z'),
      ).toString(),
    ).toBe('2026-03-10T20:00:00Z');
  });

  it('handles quiet hours within one day', () => {
    const lunch = { start: '12:00', end: '13:30' };
    // 12:15 AEDT = 01:15Z → held to 13:30 AEDT = 02:30Z.
    expect(outsideQuietHours(I('2026-03-10T01:15:00Z'), SYD, lunch, 'hold').toString()).toBe(
      '2026-03-10T02:30:00Z',
    );
  });
});
