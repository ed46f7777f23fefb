import { describe, expect, it } from 'vitest';
import { optionTimeline } from './option-timeline.js';

// The type and the assignment are dated independently: the type raises its rate on 03-01 and 07-01, the
// assignment overrides the rate from 05-01 and stops overriding it (inherits again) from 09-01.
const contracts = {
  contractType: [
    { effectiveFrom: '2026-01-01', options: { hourlyRate: 3000 } },
    { effectiveFrom: '2026-03-01', options: { hourlyRate: 3100 } },
    { effectiveFrom: '2026-07-01', options: { hourlyRate: 3200, useFirstRange: false } },
  ],
  assignment: [
    { effectiveFrom: '2026-02-01', options: { enableTravelPayments: false } },
    { effectiveFrom: '2026-05-01', options: { hourlyRate: 2900, enableTravelPayments: false } },
    { effectiveFrom: '2026-09-01', options: { enableTravelPayments: false } },
  ],
};

describe('optionTimeline', () => {
  it('splits an option at both schedules’ dates, marking inherited and overridden stretches', () => {
    const t = optionTimeline(contracts, '2026-01-01', '2027-01-01');
    expect(t.options.hourlyRate.map((s) => [s.from, s.to, s.value, s.source, s.inheritance])).toEqual([
      ['2026-01-01', '2026-03-01', 3000, 'type', 'inherited'],
      ['2026-03-01', '2026-05-01', 3100, 'type', 'inherited'],
      ['2026-05-01', '2026-09-01', 2900, 'assignment', 'overridden'],
      // The type's 07-01 set changes nothing while the assignment overrides; from 09-01 it shows through.
      ['2026-09-01', '2027-01-01', 3200, 'type', 'inherited'],
    ]);
    expect(t.options.hourlyRate[3]).toMatchObject({ setIndex: 2, effectiveFrom: '2026-07-01' });
    expect(t.boundaries.map((b) => `${b.date} ${b.schedule}#${b.setIndex}`)).toEqual([
      '2026-03-01 type#1',
      '2026-05-01 assignment#1',
      '2026-07-01 type#2',
      '2026-09-01 assignment#2',
    ]);
  });

  it('merges stretches whose value and provenance do not change, and gives defaults their own source', () => {
    const t = optionTimeline(contracts, '2026-01-01', '2027-01-01');
    // The first assignment set applies from the beginning of time, so the whole range is overridden, but
    // each assignment set is its own provenance.
    expect(t.options.enableTravelPayments.map((s) => [s.from, s.to, s.value, s.setIndex])).toEqual([
      ['2026-01-01', '2026-05-01', false, 0],
      ['2026-05-01', '2026-09-01', false, 1],
      ['2026-09-01', '2027-01-01', false, 2],
    ]);
    expect(t.options.useFirstRange.map((s) => [s.from, s.to, s.value, s.source])).toEqual([
      ['2026-01-01', '2026-07-01', true, 'default'],
      ['2026-07-01', '2027-01-01', false, 'type'],
    ]);
  });

  it('clips to the range and starts with the set in force at from', () => {
    const t = optionTimeline(contracts, '2026-04-15', '2026-06-01');
    expect(t.boundaries.map((b) => b.date)).toEqual(['2026-05-01']);
    expect(t.options.hourlyRate.map((s) => [s.from, s.to, s.value])).toEqual([
      ['2026-04-15', '2026-05-01', 3100],
      ['2026-05-01', '2026-06-01', 2900],
    ]);
  });

  it('reports an option without a value as null, and refuses an empty range', () => {
    const t = optionTimeline(
      { contractType: [{ effectiveFrom: '2026-01-01', options: {} }], assignment: [] },
      '2026-01-01',
      '2026-01-02',
    );
    expect(t.options.hourlyRate).toEqual([
      {
        from: '2026-01-01',
        to: '2026-01-02',
        value: null,
        source: 'default',
        setIndex: null,
        effectiveFrom: null,
        inheritance: 'inherited',
      },
    ]);
    expect(() => optionTimeline(contracts, '2026-02-01', '2026-02-01')).toThrow(RangeError);
  });
});
