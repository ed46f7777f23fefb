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
  siteName: 'Harbour House',
  roomName: 'Room 2',
  bedName: 'Bed A',
  arriveOn: '2026-12-04',
  leaveOn: '2026-12-07',
};

describe('stay lines', () => {
  it('describes the nights from arrival to the morning after the last night', () => {
    expect(stayLines(service, ['2026-12-04', '2026-12-05', '2026-12-06'])).toEqual([
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
    expect(stayLines(day, ['2026-12-06', '2026-12-04']).map((l) => l.explanation)).toEqual([
      'Respite stay, Room 2 Bed A, 1 day 4–5 Dec',
      'Respite stay, Room 2 Bed A, 1 day 6–7 Dec',
    ]);
  });
});
