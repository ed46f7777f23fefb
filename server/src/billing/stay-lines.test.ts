import { describe, expect, it } from 'vitest';
import type { BillableStayService } from '../accommodation/stay.types.js';
import { nightsInPeriod, nightsRange, stayLines } from './stay-lines.js';

const service: BillableStayService = {
  stayServiceId: 's1',
  stayId: 'st1',
  clientId: 'c1',
  contractId: null,
  name: 'Respite stay',
  unit: 'night',
  supportItem: null,
  rateMinor: 18_000,
  contractRate: null,
  siteName: 'Harbour House',
  roomName: 'Room 2',
  bedName: 'Bed A',
  arriveOn: '2026-12-04',
  leaveOn: '2026-12-07',
};

describe('stay lines', () => {
  it('describes the nights from arrival to the morning after the last night', () => {
    expect(stayLines(service, ['2026-12-04', '2026-12-05', '2026-12-06']).lines).toEqual([
      expect.objectContaining({
        amountMinor: 54_000,
        explanation: 'Respite stay, Room 2 Bed A, 3 nights 4–7 Dec',
      }),
    ]);
    expect(nightsRange('2026-12-31', '2026-12-31')).toBe('31 Dec 2026 – 1 Jan 2027');
  });

  it('keeps to the period and splits nights that are not consecutive', () => {
    expect(nightsInPeriod(service, '2026-12-05', '2026-12-31')).toEqual(['2026-12-05', '2026-12-06']);
    expect(nightsInPeriod(service, '2026-11-01', '2026-12-04')).toEqual(['2026-12-04']);
    const day = { ...service, unit: 'day' as const };
    expect(stayLines(day, ['2026-12-06', '2026-12-04']).lines.map((l) => l.explanation)).toEqual([
      'Respite stay, Room 2 Bed A, 1 day 4–5 Dec',
      'Respite stay, Room 2 Bed A, 1 day 6–7 Dec',
    ]);
  });

  it("prices a contract rate night by night with each night's option set, one line per set", () => {
    const schedules = {
      contractType: [
        {
          effectiveFrom: '2026-01-01',
          options: { accommodationRates: [{ name: 'STA', unit: 'day' as const, rate: 20_000 }] },
        },
        {
          effectiveFrom: '2026-12-06',
          options: {
            accommodationRates: [
              { name: 'sta', unit: 'day' as const, rate: 25_000, supportItem: '01_058_0115_1_1' },
            ],
          },
        },
      ],
      assignment: [],
    };
    const sta = { ...service, rateMinor: null, contractRate: 'STA' };
    const { lines, unpriced } = stayLines(sta, ['2026-12-04', '2026-12-05', '2026-12-06'], schedules);
    expect(unpriced).toEqual([]);
    expect(lines.map((l) => [l.explanation, l.rateMinor, l.amountMinor, l.supportItem])).toEqual([
      ['Respite stay, Room 2 Bed A, 2 days 4–6 Dec', 20_000, 40_000, null],
      ['Respite stay, Room 2 Bed A, 1 day 6–7 Dec', 25_000, 25_000, '01_058_0115_1_1'],
    ]);
    expect(lines[1]!.calculation).toContain('contract type option set 2 (from 2026-12-06)');
    // A typed price overrides the contract; a rate the set in force lacks leaves its nights unpriced.
    expect(stayLines({ ...sta, rateMinor: 1_000 }, ['2026-12-04'], schedules).lines[0]!.amountMinor).toBe(
      1_000,
    );
    expect(stayLines({ ...sta, contractRate: 'Other' }, ['2026-12-04'], schedules)).toEqual({
      lines: [],
      unpriced: ['2026-12-04'],
    });
  });
});
