import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { endOf, instantToLocal, localToInstant, minutesBetween } from './booking-time.js';

const utc = (i: Temporal.Instant) => i.toString();

describe('localToInstant', () => {
  it('reads the wall clock in the given zone', () => {
    // 09:00 AEST (UTC+10) on a winter day in Sydney.
    expect(utc(localToInstant({ bookingDate: '2026-06-15', startTime: '09:00' }, 'Australia/Sydney'))).toBe(
      '2026-06-14T23:00:00Z',
    );
    // 09:00 AWST (UTC+8, Perth has no DST).
    expect(utc(localToInstant({ bookingDate: '2026-06-15', startTime: '09:00' }, 'Australia/Perth'))).toBe(
      '2026-06-15T01:00:00Z',
    );
    // 09:00 AEDT (UTC+11) in summer.
    expect(utc(localToInstant({ bookingDate: '2026-12-15', startTime: '09:00' }, 'Australia/Sydney'))).toBe(
      '2026-12-14T22:00:00Z',
    );
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    // Sydney 2026-10-04: 02:00 AEST jumps to 03:00 AEDT; 02:30 becomes 03:30 AEDT = 16:30 UTC.
    expect(utc(localToInstant({ bookingDate: '2026-10-04', startTime: '02:30' }, 'Australia/Sydney'))).toBe(
      '2026-10-03T16:30:00Z',
    );
    // Lord Howe shifts by 30 minutes: 02:15 in the gap becomes 02:45 (+11:00) = 15:45 UTC.
    expect(
      utc(localToInstant({ bookingDate: '2026-10-04', startTime: '02:15' }, 'Australia/Lord_Howe')),
    ).toBe('2026-10-03T15:45:00Z');
    // New York 2026-03-08: 02:30 EST does not exist; 03:30 EDT = 07:30 UTC.
    expect(utc(localToInstant({ bookingDate: '2026-03-08', startTime: '02:30' }, 'America/New_York'))).toBe(
      '2026-03-08T07:30:00Z',
    );
  });

  it('takes the earlier instant of an ambiguous fall-back time', () => {
    // Sydney 2026-04-05: 02:30 happens at +11:00 and again at +10:00; the first is 15:30 UTC on the 4th.
    expect(utc(localToInstant({ bookingDate: '2026-04-05', startTime: '02:30' }, 'Australia/Sydney'))).toBe(
      '2026-04-04T15:30:00Z',
    );
    // London 2026-10-25: 01:30 BST (00:30 UTC) before 01:30 GMT.
    expect(utc(localToInstant({ bookingDate: '2026-10-25', startTime: '01:30' }, 'Europe/London'))).toBe(
      '2026-10-25T00:30:00Z',
    );
  });
});

describe('instantToLocal', () => {
  it('shows an instant in the zone with its offset', () => {
    const i = Temporal.Instant.from('2026-04-04T15:30:00Z');
    expect(instantToLocal(i, 'Australia/Sydney')).toEqual({
      bookingDate: '2026-04-05',
      startTime: '02:30',
      offsetIso: '2026-04-05T02:30:00+11:00',
    });
    expect(instantToLocal(i, 'Australia/Perth').offsetIso).toBe('2026-04-04T23:30:00+08:00');
  });

  it('round-trips every quarter hour of a DST-change day except the skipped hour', () => {
    const zone = 'Australia/Sydney';
    let kept = 0;
    for (let m = 0; m < 24 * 60; m += 15) {
      const startTime = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const back = instantToLocal(localToInstant({ bookingDate: '2026-10-04', startTime }, zone), zone);
      if (startTime >= '02:00' && startTime < '03:00') expect(back.startTime).not.toBe(startTime);
      else {
        expect(back).toMatchObject({ bookingDate: '2026-10-04', startTime });
        kept++;
      }
    }
    expect(kept).toBe(92);
  });
});

describe('durations', () => {
  it('are elapsed minutes, so wall-clock end times differ across a DST change', () => {
    const start = localToInstant({ bookingDate: '2026-04-05', startTime: '01:30' }, 'Australia/Sydney');
    const end = endOf(start, 180);
    expect(minutesBetween(start, end)).toBe(180);
    expect(instantToLocal(end, 'Australia/Sydney').startTime).toBe('03:30');
  });
});
