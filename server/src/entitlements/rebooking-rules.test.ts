import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  approachProblem,
  attendanceProblem,
  dstWarnings,
  jitsiLink,
  lineCovering,
} from './rebooking-rules.js';

const at = (iso: string) => Temporal.Instant.from(iso);
const wall = (local: string, zone: string) => Temporal.ZonedDateTime.from(`${local}[${zone}]`).toInstant();

describe('the daylight-saving warning', () => {
  it('tells a Sydney associate a Brisbane client’s 12:00 will be 13:00 for them once Sydney moves forward', () => {
    const warnings = dstWarnings({
      now: wall('2026-09-01T09:00', 'Australia/Sydney'),
      startsAt: wall('2026-10-06T12:00', 'Australia/Brisbane'),
      previousStartsAt: null,
      clientZone: 'Australia/Brisbane',
      staffZone: 'Australia/Sydney',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      since: 'now',
      clientTime: '12:00',
      associateTime: '13:00',
      associateTimeBefore: '12:00',
      changes: [
        { who: 'associate', zone: 'Australia/Sydney', changesOn: '2026-10-04', direction: 'forward' },
      ],
    });
    expect(warnings[0]?.message).toContain(
      'This will be 13:00 for you (Australia/Sydney), not 12:00 as today',
    );
    expect(warnings[0]?.message).toContain('Australia/Brisbane does not');
  });

  it('compares with the previous session when London moves forward and Sydney back in between', () => {
    // 20 March: London GMT (+0), Sydney AEDT (+11). 9 April: London BST (+1), Sydney AEST (+10).
    const warnings = dstWarnings({
      now: wall('2026-04-07T09:00', 'Australia/Sydney'),
      startsAt: wall('2026-04-09T10:00', 'Europe/London'),
      previousStartsAt: wall('2026-03-20T10:00', 'Europe/London'),
      clientZone: 'Europe/London',
      staffZone: 'Australia/Sydney',
    });
    expect(warnings.map((w) => w.since)).toEqual(['previous_session']);
    expect(warnings[0]).toMatchObject({
      clientTime: '10:00',
      associateTime: '19:00',
      associateTimeBefore: '21:00',
    });
    expect(warnings[0]?.changes).toEqual([
      { who: 'client', zone: 'Europe/London', changesOn: '2026-03-29', direction: 'forward' },
      { who: 'associate', zone: 'Australia/Sydney', changesOn: '2026-04-05', direction: 'back' },
    ]);
    expect(warnings[0]?.message).toContain(
      'This will be 19:00 for you (Australia/Sydney), not 21:00 as at the previous session',
    );
  });

  it('warns both parties in one zone to check their calendars, without a shift, across a change', () => {
    const [w] = dstWarnings({
      now: wall('2026-03-30T09:00', 'Australia/Sydney'),
      startsAt: wall('2026-04-08T10:00', 'Australia/Sydney'),
      previousStartsAt: null,
      clientZone: 'Australia/Sydney',
      staffZone: 'Australia/Sydney',
    });
    expect(w).toMatchObject({ associateTime: '10:00', associateTimeBefore: '10:00' });
    expect(w?.changes).toEqual([
      { who: 'client', zone: 'Australia/Sydney', changesOn: '2026-04-05', direction: 'back' },
    ]);
    expect(w?.message).toMatch(/stays 10:00 for the client and 10:00 for you/);
  });

  it('says nothing when neither zone changes before the session', () => {
    expect(
      dstWarnings({
        now: wall('2026-06-01T09:00', 'Australia/Sydney'),
        startsAt: wall('2026-06-10T12:00', 'Europe/London'),
        previousStartsAt: wall('2026-05-20T12:00', 'Europe/London'),
        clientZone: 'Europe/London',
        staffZone: 'Australia/Sydney',
      }),
    ).toEqual([]);
  });
});

describe('the booking approach', () => {
  const now = at('2026-12-01T00:00:00Z'); // 11:00 in Sydney
  const base = { now, clientZone: 'Australia/Sydney', retrospectiveDays: 30 };
  it('takes a manual booking only in the future and a retrospective one only in the past', () => {
    expect(
      approachProblem({
        ...base,
        approach: 'manual',
        startsAt: wall('2026-12-02T10:00', 'Australia/Sydney'),
      }),
    ).toBeNull();
    expect(
      approachProblem({
        ...base,
        approach: 'manual',
        startsAt: wall('2026-11-30T10:00', 'Australia/Sydney'),
      }),
    ).toMatch(/choose "retrospective"/);
    expect(
      approachProblem({
        ...base,
        approach: 'retrospective',
        startsAt: wall('2026-12-02T10:00', 'Australia/Sydney'),
      }),
    ).toMatch(/choose "manual"/);
  });
  it('enters a session retrospectively up to the window, counted in the client’s local days', () => {
    expect(
      approachProblem({
        ...base,
        approach: 'retrospective',
        startsAt: wall('2026-11-01T09:00', 'Australia/Sydney'),
      }),
    ).toBeNull();
    expect(
      approachProblem({
        ...base,
        approach: 'retrospective',
        startsAt: wall('2026-10-31T09:00', 'Australia/Sydney'),
      }),
    ).toBe('A session can be entered retrospectively up to 30 days after it; this one was 31 days ago');
    expect(
      approachProblem({
        ...base,
        retrospectiveDays: 90,
        approach: 'retrospective',
        startsAt: wall('2026-10-31T09:00', 'Australia/Sydney'),
      }),
    ).toBeNull();
  });
});

describe('the work schedule line and the meeting link', () => {
  const lines = [
    { id: 'mon', weekday: 1, startsAt: '09:00', endsAt: '14:00' },
    { id: 'wed', weekday: 3, startsAt: '17:00', endsAt: '20:00' },
  ];
  it('finds the line whose occurrence holds the whole session in the associate’s zone', () => {
    // Monday 7 December 2026.
    const start = wall('2026-12-07T13:00', 'Australia/Sydney');
    expect(lineCovering(lines, start, start.add({ hours: 1 }), 'Australia/Sydney')?.id).toBe('mon');
    const late = wall('2026-12-07T13:30', 'Australia/Sydney');
    expect(lineCovering(lines, late, late.add({ hours: 1 }), 'Australia/Sydney')).toBeUndefined();
    // 09:00 in Brisbane is 10:00 in Sydney (AEDT): inside the Monday line there.
    const brisbane = wall('2026-12-07T09:00', 'Australia/Brisbane');
    expect(lineCovering(lines, brisbane, brisbane.add({ hours: 1 }), 'Australia/Sydney')?.id).toBe('mon');
  });
  it('makes an unguessable Jitsi room from 128 random bits', () => {
    const link = jitsiLink(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
    expect(link).toBe('https://meet.jit.si/carebook-00112233445566778899aabbccddeeff');
    expect(() => jitsiLink(new Uint8Array(8))).toThrow();
  });
});

describe('attendanceProblem', () => {
  it('wants nobody else for an individual session, one for a couple, at least one for a family or group', () => {
    expect(attendanceProblem('individual', 0)).toBeNull();
    expect(attendanceProblem('individual', 1)).toMatch(/no other participants/);
    expect(attendanceProblem('couple', 1)).toBeNull();
    expect(attendanceProblem('couple', 2)).toBe('a couple session has one other participant, not 2');
    expect(attendanceProblem('family', 0)).toBe('a family session needs at least one other participant');
    expect(attendanceProblem('group', 3)).toBeNull();
  });
});
