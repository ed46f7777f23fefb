import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  eligibilityProblems,
  holdExpiryOutcome,
  limitWarnings,
  monthOccupancy,
  nightsInPeriod,
  nightsOf,
  rankVacancies,
  refusalOf,
} from './bed-rules.js';

const open = { minAge: null, maxAge: null, genders: [], fundingTypes: [] } as const;
const client = { dateOfBirth: '2000-06-15', gender: 'female', funding: 'ndis' } as const;
const stay = { arriveOn: '2026-06-10', leaveOn: '2026-06-20' };

describe('nights', () => {
  it('counts the nights between arrival and departure, and those inside an invoice period', () => {
    expect(nightsOf(stay)).toBe(10);
    expect(nightsInPeriod(stay, { from: '2026-06-01', to: '2026-06-14' })).toBe(5);
    expect(nightsInPeriod(stay, { from: '2026-06-20', to: '2026-06-30' })).toBe(0);
  });
});

describe('eligibility', () => {
  it('accepts anyone for a bed without rules', () => {
    expect(eligibilityProblems(open, { dateOfBirth: null, gender: null, funding: null }, stay)).toEqual([]);
  });
  it('checks age on the last night too, so a birthday during the stay counts', () => {
    const bed = { ...open, maxAge: 24 };
    expect(eligibilityProblems(bed, { ...client, dateOfBirth: '2001-06-12' }, stay)).toEqual([
      { rule: 'age', reason: 'The bed is for ages 24 or under; the client is 24 to 25 during the stay' },
    ]);
    expect(eligibilityProblems(bed, { ...client, dateOfBirth: '2001-06-20' }, stay)).toEqual([]);
    expect(
      eligibilityProblems({ ...open, minAge: 18 }, { ...client, dateOfBirth: null }, stay)[0]?.reason,
    ).toBe('The bed is for ages 18 or over; the client has no date of birth');
  });
  it('names the genders and funding the bed is for', () => {
    const bed = { ...open, genders: ['male', 'non_binary'] as const, fundingTypes: ['private'] as const };
    expect(eligibilityProblems(bed, client, stay).map((p) => p.reason)).toEqual([
      'The bed is for male or non-binary clients',
      'The bed is funded for private clients, not NDIS',
    ]);
  });
});

describe('holds and states', () => {
  it('releases or reverts an expired hold', () => {
    expect(holdExpiryOutcome({ outcome: 'release', revertsTo: 'booked' }).state).toBe('cancelled');
    expect(holdExpiryOutcome({ outcome: 'revert', revertsTo: 'booked' })).toEqual({
      state: 'booked',
      cancelReason: null,
    });
    expect(holdExpiryOutcome({ outcome: 'revert', revertsTo: null }).state).toBe('enquiry');
  });
  it('refuses changes the state does not allow, in words', () => {
    expect(refusalOf('check_in', 'booked', 'client_stay')).toBeNull();
    expect(refusalOf('check_out', 'booked', 'client_stay')).toBe(
      'The stay is booked and cannot be checked out',
    );
    expect(refusalOf('cancel', 'checked_in', 'client_stay')).toBe(
      'The stay is checked in and cannot be cancelled',
    );
    expect(refusalOf('check_in', 'booked', 'out_of_service')).toBe(
      'An out-of-service block cannot be checked in',
    );
  });
});

describe('short-term accommodation limits', () => {
  it('warns over 14 nights at a time and 28 a year, counting each calendar year', () => {
    const long = { arriveOn: '2026-03-01', leaveOn: '2026-03-16' };
    expect(limitWarnings(long, [], DEFAULT_LIMITS.ndis)).toEqual([
      'The stay is 15 nights, over the 14 nights allowed at a time',
    ]);
    const earlier = [
      { arriveOn: '2026-01-05', leaveOn: '2026-01-15' },
      { arriveOn: '2026-02-01', leaveOn: '2026-02-11' },
    ];
    expect(
      limitWarnings({ arriveOn: '2026-12-28', leaveOn: '2027-01-05' }, earlier, DEFAULT_LIMITS.ndis),
    ).toEqual([]);
    expect(
      limitWarnings({ arriveOn: '2026-06-01', leaveOn: '2026-06-10' }, earlier, DEFAULT_LIMITS.ndis),
    ).toEqual(['29 nights in 2026 with this stay, over the 28 allowed a year']);
    expect(limitWarnings(long, earlier, DEFAULT_LIMITS.private)).toEqual([]);
  });
});

describe('vacancy ranking and occupancy', () => {
  it('puts eligible beds first, then the preferred site, then matching amenities, emergency beds last', () => {
    const bed = (bedId: string, over: object = {}) => ({
      bedId,
      siteId: 's1',
      name: bedId,
      amenities: [] as string[],
      emergency: false,
      problems: [],
      ...over,
    });
    const ranked = rankVacancies(
      [
        bed('ineligible', { siteId: 's2', problems: [{ rule: 'age', reason: 'x' }] }),
        bed('emergency', { siteId: 's2', emergency: true }),
        bed('plain', { siteId: 's2' }),
        bed('hoist', { siteId: 's2', amenities: ['hoist'] }),
        bed('preferred'),
      ],
      { preferredSiteId: 's1', amenities: ['hoist'] },
    );
    expect(ranked.map((r) => r.bedId)).toEqual(['preferred', 'hoist', 'plain', 'emergency', 'ineligible']);
  });
  it('computes a month’s utilisation from occupied nights over in-service bed nights', () => {
    const o = monthOccupancy('2026-06', 2, [
      {
        bedId: 'a',
        kind: 'client_stay',
        state: 'checked_out',
        arriveOn: '2026-05-30',
        leaveOn: '2026-06-05',
      },
      { bedId: 'a', kind: 'out_of_service', state: 'booked', arriveOn: '2026-06-20', leaveOn: '2026-07-10' },
      { bedId: 'b', kind: 'client_stay', state: 'on_hold', arriveOn: '2026-06-01', leaveOn: '2026-06-03' },
      { bedId: 'b', kind: 'client_stay', state: 'cancelled', arriveOn: '2026-06-05', leaveOn: '2026-06-09' },
    ]);
    expect(o).toEqual({
      month: '2026-06',
      bedNights: 60,
      outOfServiceNights: 11,
      occupiedNights: 4,
      heldNights: 2,
      utilisationPercent: 8,
    });
  });
});
