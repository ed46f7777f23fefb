import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { SupportItem } from './catalogue.types.js';
import { type BandItems, checkSupportItem } from './support-item-choice.js';

const item = (number: string, startsOn: string, endsOn: string | null, nsw: number): SupportItem => ({
  number,
  name: `Self-care ${number}`,
  unit: 'H',
  registrationGroupNumber: '0107',
  registrationGroupName: null,
  supportCategoryNumber: '01',
  supportCategoryName: null,
  quote: false,
  startsOn,
  endsOn,
  flags: {
    nonFaceToFace: false,
    providerTravel: true,
    shortNoticeCancellation: true,
    ndiaRequestedReports: false,
    irregularSil: false,
  },
  therapy: false,
  itemType: null,
  prices: { NSW: nsw, VIC: nsw, REMOTE: Math.round(nsw * 1.4) },
});

// Real 2025-26 limits (research §3.2) and the 2024-25 weekday daytime limit before 1 July 2025.
const catalogue = [
  item('01_011_0107_1_1', '2024-07-01', '2025-06-30', 6756),
  item('01_011_0107_1_1', '2025-07-01', null, 7023),
  item('01_015_0107_1_1', '2025-07-01', null, 7738),
  item('01_002_0107_1_1', '2025-07-01', null, 7881),
  item('01_013_0107_1_1', '2025-07-01', null, 9883),
  item('01_014_0107_1_1', '2025-07-01', null, 12743),
  item('01_012_0107_1_1', '2025-07-01', null, 15603),
];
const items: BandItems = {
  weekday_daytime: '01_011_0107_1_1',
  weekday_evening: '01_015_0107_1_1',
  weekday_night: '01_002_0107_1_1',
  saturday: '01_013_0107_1_1',
  sunday: '01_014_0107_1_1',
  public_holiday: '01_012_0107_1_1',
};

const check = (
  from: string,
  to: string,
  o: { zone?: string; holidays?: string[]; rate?: number; mode?: 'warn' | 'refuse'; tz?: string } = {},
) => {
  const tz = o.tz ?? 'Australia/Sydney';
  return checkSupportItem({
    start: Temporal.PlainDateTime.from(from).toZonedDateTime(tz),
    end: Temporal.PlainDateTime.from(to).toZonedDateTime(tz),
    publicHolidays: new Set(o.holidays ?? []),
    items,
    catalogue,
    zone: (o.zone ?? 'NSW') as 'NSW',
    rateMinor: o.rate ?? 7000,
    mode: o.mode ?? 'refuse',
  });
};

// The regional calendars as the organisation keeps them: Melbourne Cup day is a holiday in Victoria only.
const CALENDARS: Record<string, string[]> = { 'AU-VIC': ['2025-11-04'], 'AU-NSW': ['2025-10-06'] };

describe('the support item a visit is claimed under', () => {
  it('a public holiday of the state where the visit is delivered, not of another state', () => {
    const inVic = check('2025-11-04T09:00', '2025-11-04T11:00', {
      tz: 'Australia/Melbourne',
      zone: 'VIC',
      holidays: CALENDARS['AU-VIC'],
      rate: 15000,
    });
    expect(inVic.band).toBe('public_holiday');
    expect(inVic.itemNumber).toBe('01_012_0107_1_1');
    expect(inVic.verdict).toBe('within');
    const inNsw = check('2025-11-04T09:00', '2025-11-04T11:00', {
      holidays: CALENDARS['AU-NSW'],
      rate: 15000,
    });
    expect(inNsw.band).toBe('weekday_daytime');
    expect(inNsw.itemNumber).toBe('01_011_0107_1_1');
    expect(inNsw.verdict).toBe('refuse');
    expect(inNsw.message).toContain(
      '$150.00 is above the price limit $70.23 of 01_011_0107_1_1 on 2025-11-04',
    );
  });

  it('evening and night at their boundaries: 20:00 and midnight, 06:00', () => {
    expect(check('2025-12-02T18:00', '2025-12-02T20:00').itemNumber).toBe('01_011_0107_1_1');
    expect(check('2025-12-02T18:00', '2025-12-02T20:01').itemNumber).toBe('01_015_0107_1_1');
    expect(check('2025-12-02T21:00', '2025-12-03T00:00').itemNumber).toBe('01_015_0107_1_1');
    expect(check('2025-12-02T21:00', '2025-12-03T00:30').itemNumber).toBe('01_002_0107_1_1');
    expect(check('2025-12-02T05:59', '2025-12-02T08:00').itemNumber).toBe('01_002_0107_1_1');
    expect(check('2025-12-02T06:00', '2025-12-02T08:00').itemNumber).toBe('01_011_0107_1_1');
    expect(check('2025-12-06T23:00', '2025-12-07T00:00').itemNumber).toBe('01_013_0107_1_1');
  });

  it('the limit of the version in force on the visit date: prices changed on 1 July 2025', () => {
    const before = check('2025-06-30T09:00', '2025-06-30T11:00', { rate: 7000 });
    expect(before.limitMinor).toBe(6756);
    expect(before.verdict).toBe('refuse');
    const after = check('2025-07-01T09:00', '2025-07-01T11:00', { rate: 7000 });
    expect(after.limitMinor).toBe(7023);
    expect(after.verdict).toBe('within');
    expect(after.message).toBe(
      '$70.00 is within the price limit $70.23 of 01_011_0107_1_1 on 2025-07-01 (nsw)',
    );
  });

  it('warn claims at the limit and says so; a remote participant has the remote limit', () => {
    const warned = check('2025-12-02T09:00', '2025-12-02T11:00', { rate: 7500, mode: 'warn' });
    expect(warned.verdict).toBe('warn');
    expect(warned.message).toContain('claimed at the limit');
    const remote = check('2025-12-02T09:00', '2025-12-02T11:00', { rate: 9000, zone: 'REMOTE' });
    expect(remote.limitMinor).toBe(9832);
    expect(remote.verdict).toBe('within');
  });

  it('a band the option names no item for, and an item not in the catalogue on the date', () => {
    const none = checkSupportItem({
      ...baseQuery(),
      items: { weekday_daytime: '01_011_0107_1_1' },
    });
    expect(none.verdict).toBe('no_item');
    expect(none.message).toBe('the contract names no support item for a Saturday visit');
    const early = check('2024-06-30T09:00', '2024-06-30T11:00');
    expect(early.verdict).toBe('no_item');
    expect(early.message).toBe('01_014_0107_1_1 (named for Sunday) is not in the catalogue on 2024-06-30');
  });
});

function baseQuery() {
  const tz = 'Australia/Sydney';
  return {
    start: Temporal.PlainDateTime.from('2025-12-06T09:00').toZonedDateTime(tz),
    end: Temporal.PlainDateTime.from('2025-12-06T11:00').toZonedDateTime(tz),
    publicHolidays: new Set<string>(),
    catalogue,
    zone: 'NSW' as const,
    rateMinor: 7000,
    mode: 'refuse' as const,
  };
}
