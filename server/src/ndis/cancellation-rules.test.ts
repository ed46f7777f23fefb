import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { cancellationEraOn } from './cancellation-defaults.js';
import { type CancellationRule, judgeCancellation } from './cancellation-rules.js';

const SYD = 'Australia/Sydney';
const i = (s: string) => Temporal.Instant.from(s);
const businessDays2: CancellationRule = { kind: 'clearBusinessDays', days: 2 };
const calendar7: CancellationRule = { kind: 'clearDays', days: 7, reading: 'calendar' };
const hours7: CancellationRule = { kind: 'clearDays', days: 7, reading: 'hours' };
const afterHours = { opensAt: '09:00', closesAt: '17:00' };

function judge(
  supportStart: string,
  notifiedAt: string | null,
  rule: CancellationRule,
  holidays: string[] = [],
) {
  return judgeCancellation({
    supportStart: i(supportStart),
    notifiedAt: notifiedAt === null ? null : i(notifiedAt),
    timeZone: SYD,
    rule,
    publicHolidays: holidays.map((date) => ({ date, name: 'Australia Day' })),
    regionName: 'NSW',
  });
}

describe('2 clear business days', () => {
  // Wed 28 Jan 2026 10:00 (AEDT): Mon 26 Jan 2026 is Australia Day; clear business days are Tue 27 and Fri 23.
  it.each([
    [
      'Wed support, notice Fri 16:59 the week before: Mon and Tue are clear',
      '2026-01-21T10:00+11:00',
      '2026-01-16T16:59+11:00',
      false,
      2,
    ],
    [
      'Wed support, notice Sun: Mon and Tue still clear',
      '2026-01-21T10:00+11:00',
      '2026-01-18T20:00+11:00',
      false,
      2,
    ],
    [
      'Wed support, notice Mon 08:00: only Tue is clear',
      '2026-01-21T10:00+11:00',
      '2026-01-19T08:00+11:00',
      true,
      1,
    ],
    ['Wed support, notice Tue: none clear', '2026-01-21T10:00+11:00', '2026-01-20T09:00+11:00', true, 0],
    ['notice on the day', '2026-01-21T10:00+11:00', '2026-01-21T07:00+11:00', true, 0],
    ['notice after the start', '2026-01-21T10:00+11:00', '2026-01-21T11:00+11:00', true, 0],
    [
      'Monday support, notice Thu: Fri is clear, the weekend is not',
      '2026-02-09T09:00+11:00',
      '2026-02-05T12:00+11:00',
      true,
      1,
    ],
    [
      'Monday support, notice Wed: Thu and Fri clear',
      '2026-02-09T09:00+11:00',
      '2026-02-04T23:59+11:00',
      false,
      2,
    ],
  ])('%s', (_name, start, told, short, given) => {
    const d = judge(start, told, businessDays2);
    expect(d.shortNotice).toBe(short);
    expect(d.clearDaysGiven).toBe(given);
  });

  it('skips the state public holiday and names it (Tue 26 Jan 2027)', () => {
    const d = judge('2027-01-27T10:00+11:00', '2027-01-25T14:02+11:00', businessDays2, ['2027-01-26']);
    expect(d.shortNotice).toBe(true);
    expect(d.clearDaysGiven).toBe(0);
    expect(d.deadline).toBe('2027-01-22T00:00:00+11:00');
    expect(d.explanation).toBe(
      'told Mon 25 Jan 2027 14:02; support Wed 27 Jan 2027 10:00; 2 clear business days needed (Tue 26 Jan 2027 (Australia Day) was a public holiday in NSW); 0 clear business days given; notice was due by the end of Thu 21 Jan 2027; short notice → cancellation claim at 100%',
    );
  });

  it('without the holiday the same notice is in time only from Fri', () => {
    expect(judge('2027-01-27T10:00+11:00', '2027-01-22T10:00+11:00', businessDays2).shortNotice).toBe(false);
    const d = judge('2027-01-27T10:00+11:00', '2027-01-22T10:00+11:00', businessDays2, ['2027-01-26']);
    expect(d.shortNotice).toBe(true);
    expect(d.clearDaysGiven).toBe(1);
  });

  it('the deadline is the first instant that is late', () => {
    const d = judge('2026-01-21T10:00+11:00', '2026-01-18T20:00+11:00', businessDays2);
    expect(d.deadline).toBe('2026-01-19T00:00:00+11:00');
    expect(judge('2026-01-21T10:00+11:00', '2026-01-18T23:59:59.999+11:00', businessDays2).shortNotice).toBe(
      false,
    );
    expect(judge('2026-01-21T10:00+11:00', '2026-01-19T00:00+11:00', businessDays2).shortNotice).toBe(true);
  });

  it('after-hours notice counts from 09:00 on the next business day', () => {
    const rule: CancellationRule = { ...businessDays2, afterHours };
    const fri = judge('2026-01-21T10:00+11:00', '2026-01-16T17:30+11:00', rule);
    expect(fri.shortNotice).toBe(true);
    expect(fri.clearDaysGiven).toBe(1);
    expect(fri.noticeCountsFrom).toBe('2026-01-19T09:00:00+11:00');
    expect(fri.deadline).toBe('2026-01-16T17:00:00+11:00');
    expect(fri.explanation).toContain('outside business hours: counts from Mon 19 Jan 2026 09:00');
    expect(judge('2026-01-21T10:00+11:00', '2026-01-16T16:59+11:00', rule).shortNotice).toBe(false);
    // Before opening on a business day counts from opening that same day.
    const early = judge('2026-01-21T10:00+11:00', '2026-01-16T07:00+11:00', rule);
    expect(early.noticeCountsFrom).toBe('2026-01-16T09:00:00+11:00');
    expect(early.shortNotice).toBe(false);
  });

  it('after-hours: notice on a public holiday counts from the next business day', () => {
    const rule: CancellationRule = { ...businessDays2, afterHours };
    const d = judge('2027-01-29T10:00+11:00', '2027-01-26T11:00+11:00', rule, ['2027-01-26']);
    expect(d.noticeCountsFrom).toBe('2027-01-27T09:00:00+11:00');
    expect(d.clearDaysGiven).toBe(1);
    expect(d.shortNotice).toBe(true);
  });

  it('a no-show always counts, even with notice days before', () => {
    const d = judgeCancellation({
      supportStart: i('2026-01-21T10:00+11:00'),
      notifiedAt: null,
      timeZone: SYD,
      rule: businessDays2,
      publicHolidays: [],
      noShow: true,
    });
    expect(d.shortNotice).toBe(true);
    expect(d.explanation).toMatch(/^no-show/);
  });
});

describe('7 clear days, calendar reading (notice day and support day excluded)', () => {
  it.each([
    [
      'Tue 10:00 support, notice Mon eight days earlier 23:59',
      '2026-03-17T10:00+11:00',
      '2026-03-09T23:59+11:00',
      false,
      7,
    ],
    [
      'notice on the Tuesday a week earlier at 08:00',
      '2026-03-17T10:00+11:00',
      '2026-03-10T08:00+11:00',
      true,
      6,
    ],
    ['notice a month earlier', '2026-03-17T10:00+11:00', '2026-02-17T10:00+11:00', false, 27],
  ])('%s', (_name, start, told, short, given) => {
    const d = judge(start, told, calendar7);
    expect(d.shortNotice).toBe(short);
    expect(d.clearDaysGiven).toBe(given);
    expect(d.deadline).toBe('2026-03-10T00:00:00+11:00');
  });

  it('is about 34 h stricter than the hours reading', () => {
    const told = '2026-03-10T08:00+11:00';
    expect(judge('2026-03-17T10:00+11:00', told, calendar7).shortNotice).toBe(true);
    expect(judge('2026-03-17T10:00+11:00', told, hours7).shortNotice).toBe(false);
  });

  it('holidays do not matter to calendar days', () => {
    const d = judge('2027-01-29T10:00+11:00', '2027-01-21T10:00+11:00', calendar7, ['2027-01-26']);
    expect(d.clearDaysGiven).toBe(7);
    expect(d.shortNotice).toBe(false);
    expect(d.holidaysSkipped).toEqual([]);
  });
});

describe('7 days, hours reading (same wall-clock time 7 days back)', () => {
  it.each([
    [
      'Tue 10:00, notice Tue 09:59 a week before',
      '2026-03-17T10:00+11:00',
      '2026-03-10T09:59+11:00',
      false,
      7,
    ],
    [
      'Tue 10:00, notice Tue 10:00 a week before',
      '2026-03-17T10:00+11:00',
      '2026-03-10T10:00+11:00',
      true,
      7,
    ],
    [
      'Tue 10:00, notice Tue 10:01 a week before',
      '2026-03-17T10:00+11:00',
      '2026-03-10T10:01+11:00',
      true,
      6,
    ],
  ])('%s', (_name, start, told, short, given) => {
    const d = judge(start, told, hours7);
    expect(d.shortNotice).toBe(short);
    expect(d.clearDaysGiven).toBe(given);
    expect(d.deadline).toBe('2026-03-10T10:00:00+11:00');
  });

  it('keeps the wall-clock time across the start of daylight saving (4 Oct 2026)', () => {
    const d = judge('2026-10-06T10:00+11:00', '2026-09-29T09:30+10:00', hours7);
    expect(d.deadline).toBe('2026-09-29T10:00:00+10:00');
    expect(d.shortNotice).toBe(false);
    // 10:15 +10:00 is 167 h 45 min before the start: under 7 × 24 h, and after 10:00 on the wall clock, so late.
    expect(judge('2026-10-06T10:00+11:00', '2026-09-29T10:15+10:00', hours7).shortNotice).toBe(true);
  });

  it('keeps the wall-clock time across the end of daylight saving (5 Apr 2026)', () => {
    const d = judge('2026-04-07T10:00+10:00', '2026-03-31T10:30+11:00', hours7);
    expect(d.deadline).toBe('2026-03-31T10:00:00+11:00');
    expect(d.shortNotice).toBe(true);
  });

  it('calendar deadline at midnight keeps the zone offset of that day across DST', () => {
    const d = judge('2026-10-06T10:00+11:00', '2026-09-28T10:00+10:00', calendar7);
    expect(d.deadline).toBe('2026-09-29T00:00:00+10:00');
    expect(d.shortNotice).toBe(false);
  });

  it('after-hours: a deadline at Saturday 10:00 moves back to Friday 17:00', () => {
    const rule: CancellationRule = { ...hours7, afterHours };
    const d = judge('2026-03-21T10:00+11:00', '2026-03-13T17:10+11:00', rule);
    expect(d.deadline).toBe('2026-03-13T17:00:00+11:00');
    expect(d.shortNotice).toBe(true);
    expect(judge('2026-03-21T10:00+11:00', '2026-03-13T16:50+11:00', rule).shortNotice).toBe(false);
  });

  it('after-hours: a deadline at 08:00 moves back to the previous business day 17:00', () => {
    const rule: CancellationRule = { ...hours7, afterHours };
    const d = judge('2026-03-17T08:00+11:00', '2026-03-10T07:00+11:00', rule);
    expect(d.deadline).toBe('2026-03-09T17:00:00+11:00');
    expect(d.shortNotice).toBe(true);
  });
});

describe('dated rules', () => {
  it('judges by the rules in force on the support date', () => {
    expect(cancellationEraOn('2026-01-21')?.other).toEqual({ kind: 'clearBusinessDays', days: 2 });
    expect(cancellationEraOn('2026-01-21')?.supportWorker).toEqual(hours7);
    expect(cancellationEraOn('2023-05-01')?.supportWorker).toEqual(calendar7);
    expect(cancellationEraOn('2020-01-15')?.claimPercent).toBe(90);
    expect(cancellationEraOn('2021-01-15')?.claimPercent).toBe(100);
    expect(cancellationEraOn('2018-01-01')).toBeNull();
  });
});
