import { describe, expect, it } from 'vitest';
import { cancellationCommand } from './cancellation-command.js';

const run = (input: unknown) => {
  const r = cancellationCommand(typeof input === 'string' ? input : JSON.stringify(input));
  return { exitCode: r.exitCode, body: JSON.parse(r.output) };
};

const base = {
  supportStart: '2027-01-27T10:00:00+11:00',
  notifiedAt: '2027-01-25T14:02:00+11:00',
  timeZone: 'Australia/Sydney',
  rule: { kind: 'clearBusinessDays', days: 2 },
  publicHolidays: ['2027-01-26'],
};

describe('ndis cancellation command', () => {
  it('prints the decision, the deadline with the support zone offset, and why', () => {
    const r = run(base);
    expect(r.exitCode).toBe(0);
    expect(r.body).toEqual({
      shortNotice: true,
      clearDaysGiven: 0,
      deadline: '2027-01-22T00:00:00+11:00',
      explanation: expect.stringContaining('Tue 26 Jan 2027 was a public holiday'),
    });
  });

  it('reads clearDays as calendar days unless told "hours"', () => {
    const start = { ...base, publicHolidays: [], notifiedAt: '2027-01-20T08:00:00+11:00' };
    expect(run({ ...start, rule: { kind: 'clearDays', days: 7 } }).body.shortNotice).toBe(true);
    expect(run({ ...start, rule: { kind: 'clearDays', days: 7, reading: 'hours' } }).body).toMatchObject({
      shortNotice: false,
      clearDaysGiven: 7,
      deadline: '2027-01-20T10:00:00+11:00',
    });
  });

  it('a no-show needs no notice time and is always short notice', () => {
    const { notifiedAt: _n, ...rest } = base;
    expect(run({ ...rest, noShow: true }).body.shortNotice).toBe(true);
  });

  it.each([
    ['not JSON', '{', ''],
    ['a wall clock without offset', { ...base, supportStart: '2027-01-27T10:00' }, 'supportStart'],
    ['an unknown zone', { ...base, timeZone: 'Sydney' }, 'timeZone'],
    [
      'a reading for business days',
      { ...base, rule: { kind: 'clearBusinessDays', days: 2, reading: 'hours' } },
      'rule.reading',
    ],
    ['an unknown rule kind', { ...base, rule: { kind: 'weeks', days: 2 } }, 'rule.kind'],
    ['fractional days', { ...base, rule: { kind: 'clearDays', days: 1.5 } }, 'rule.days'],
    ['a bad holiday', { ...base, publicHolidays: ['26/01/2027'] }, 'publicHolidays.0'],
    ['an unknown field', { ...base, state: 'NSW' }, 'state'],
    ['no notice time', { ...base, notifiedAt: undefined }, 'notifiedAt'],
  ])('refuses %s naming the field', (_name, input, field) => {
    const r = run(input);
    expect(r.exitCode).toBe(1);
    expect(r.body.type).toBe('invalid');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
