import { describe, expect, it } from 'vitest';
import {
  claimableTravelMinutes,
  groupUnitPrice,
  nonLabourCost,
  transportCancellable,
  travelCapMinutes,
  travelHourlyRate,
  travelTimeClaimable,
} from './travel-rules.js';

describe('provider travel (2025-26)', () => {
  it('caps travel at 30 min in MMM1-3, 60 min in MMM4-5, and not at all in MMM6-7', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((b) => travelCapMinutes(b))).toEqual([30, 30, 30, 60, 60, null, null]);
    expect(claimableTravelMinutes(45, 2)).toBe(30);
    expect(claimableTravelMinutes(45, 4)).toBe(45);
    expect(claimableTravelMinutes(150, 7)).toBe(150);
  });
  it('prices therapy travel at 50% of the limit from 1 July 2025 (physio $183.99 → $92.00/h), not before', () => {
    const physio = { agreedRateMinor: 18399, priceLimitMinor: 18399, therapy: true };
    expect(travelHourlyRate({ ...physio, date: '2025-07-01' }).rateMinor).toBe(9200);
    expect(travelHourlyRate({ ...physio, date: '2025-06-30' }).rateMinor).toBe(18399);
    expect(travelHourlyRate({ ...physio, therapy: false, date: '2025-07-01' }).rateMinor).toBe(18399);
    expect(travelHourlyRate({ ...physio, agreedRateMinor: 8000, date: '2025-07-01' }).rateMinor).toBe(8000);
  });
  it('allows travel only when the item, the agreement, face-to-face delivery and a paid worker all say so', () => {
    const ok = { itemAllowsTravel: true, agreed: true, faceToFace: true, workerPaid: true };
    expect(travelTimeClaimable(ok).claimable).toBe(true);
    expect(travelTimeClaimable({ ...ok, itemAllowsTravel: false })).toEqual({
      claimable: false,
      why: "the item's Provider Travel flag does not allow it",
    });
    expect(travelTimeClaimable({ ...ok, agreed: false }).claimable).toBe(false);
  });
  it('claims non-labour costs at up to $0.99/km plus tolls and parking, only with claimable travel time', () => {
    const trip = { kmHundredths: 1250, tollsMinor: 450, parkingMinor: 300 };
    expect(nonLabourCost({ ...trip, travelTimeClaimable: true })).toEqual({
      amountMinor: 1238 + 750,
      kmRateMinor: 99,
    });
    expect(nonLabourCost({ ...trip, travelTimeClaimable: true, agreedKmMinor: 120 })?.kmRateMinor).toBe(99);
    expect(nonLabourCost({ ...trip, travelTimeClaimable: false })).toBeNull();
  });
  it('never lets activity-based transport be a cancellation', () => {
    expect(transportCancellable()).toBe(false);
  });
});

describe('group supports', () => {
  it('prices each participant at the limit × workers ÷ participants', () => {
    expect(groupUnitPrice(7023, 1, 3)).toBe(2341);
    expect(groupUnitPrice(7023, 2, 3)).toBe(4682);
    expect(() => groupUnitPrice(7023, 1, 0)).toThrow();
  });
});
