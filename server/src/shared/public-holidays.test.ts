import { describe, expect, it } from 'vitest';
import { isHolidayRegion, publicHolidays } from './public-holidays.js';

describe('publicHolidays', () => {
  it("lists a state's public holidays, not another state's", () => {
    expect(publicHolidays('AU-NSW', '2026-06-01', '2026-10-31').map((h) => h.date)).toEqual([
      '2026-06-08',
      '2026-10-05',
    ]);
    // Queensland's Labour Day is in May and its King's Birthday in October.
    expect(publicHolidays('AU-QLD', '2026-05-01', '2026-10-31').map((h) => h.date)).toEqual([
      '2026-05-04',
      '2026-10-05',
    ]);
  });
  it('spans years and refuses unknown regions quietly', () => {
    expect(publicHolidays('AU', '2026-12-24', '2027-01-02').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
      '2027-01-01',
    ]);
    expect(isHolidayRegion('AU-NSW')).toBe(true);
    expect(isHolidayRegion('AU-XX')).toBe(false);
    expect(isHolidayRegion('ZZ')).toBe(false);
    expect(publicHolidays('nsw', '2026-01-01', '2026-12-31')).toEqual([]);
    expect(publicHolidays(null, '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
