import { describe, expect, it } from 'vitest';
import type { CarerContractOptions, Schedule } from '../contracts/rating.types.js';
import { DomainError } from '../shared/domain-error.js';
import { createZoneClock, parseVisitTime } from '../shared/time/zone-clock.js';
import { rateCarerVisit } from './carer-pay.js';

const ZONE = 'Australia/Sydney';
const clock = createZoneClock(ZONE);
const calendar = { publicHolidays: new Set(['2026-12-25']), specialDays: new Set<string>() };

// Pay rises on 1 July 2026; Sundays pay 45.00/h; travel is paid (0.85 per km) only from July.
const carer: Schedule<CarerContractOptions> = [
  {
    effectiveFrom: '2026-01-01',
    options: {
      hourlyRate: 3000,
      enableTravelPayments: false,
      unsociableRanges: [
        { when: { kind: 'dayOfWeek', day: 'sun' }, from: '00:00', to: '24:00', hourlyRate: 4500 },
      ],
    },
  },
  {
    effectiveFrom: '2026-07-01',
    options: {
      hourlyRate: 3200,
      unsociableRanges: [
        { when: { kind: 'dayOfWeek', day: 'sun' }, from: '00:00', to: '24:00', hourlyRate: 4500 },
      ],
      enableTravelPayments: true,
      mileageRate: 85,
    },
  },
];

const visit = (start: string, minutes: number, mileage?: number) => ({
  id: 'v1',
  plannedStart: parseVisitTime(start, ZONE)!,
  plannedMinutes: minutes,
  mileage,
});

describe('rateCarerVisit', () => {
  it("pays hours at the carer contract's rate in force on the visit's local date, and says so", () => {
    const june = rateCarerVisit(clock, calendar, carer, visit('2026-06-30T09:00', 90));
    expect(june.totalMinor).toBe(4500); // 90 min × 30.00/h
    expect(june.lines[0]?.explanation).toContain('carer contract option set 1 (from 2026-01-01)');
    expect(june.lines[0]?.explanation).not.toContain('contract type');
    expect(june.lines[0]?.source?.option.source).toEqual({
      from: 'carerContract',
      setIndex: 0,
      effectiveFrom: '2026-01-01',
    });
    // 2026-07-01 00:30 in Sydney is still 30 June in UTC: the local date picks the raised rate.
    expect(rateCarerVisit(clock, calendar, carer, visit('2026-07-01T00:30', 60)).totalMinor).toBe(3200);
  });

  it('pays the unsociable range on a Sunday', () => {
    const sunday = rateCarerVisit(clock, calendar, carer, visit('2026-07-05T10:00', 60));
    expect(sunday.lines.map((l) => [l.kind, l.amountMinor])).toEqual([['time', 4500]]);
    expect(sunday.lines[0]?.explanation).toContain('unsociable range 1');
  });

  it('adds travel only when the contract enables it on that date', () => {
    expect(rateCarerVisit(clock, calendar, carer, visit('2026-06-30T09:00', 60, 12.5)).lines).toHaveLength(1);
    const july = rateCarerVisit(clock, calendar, carer, visit('2026-07-02T09:00', 60, 12.5));
    expect(july.lines.at(-1)).toMatchObject({ kind: 'mileage', rateMinor: 85, amountMinor: 1063 });
    expect(july.totalMinor).toBe(3200 + 1063);
  });

  it('refuses travel without a mileage rate, naming the option set to fix', () => {
    const noRate: Schedule<CarerContractOptions> = [
      { effectiveFrom: '2026-01-01', options: { hourlyRate: 3000, enableTravelPayments: true } },
    ];
    try {
      rateCarerVisit(clock, calendar, noRate, visit('2026-03-03T09:00', 60, 4));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).issues[0]?.field).toBe('carerContract.optionSets.0.options.mileageRate');
    }
  });
});
