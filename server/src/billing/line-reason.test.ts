import { describe, expect, it } from 'vitest';
import { duration, localTimes, money, plainReason, quantity, type ReasonLine } from './line-reason.js';

const sunday: ReasonLine = {
  kind: 'time',
  minutes: 60,
  rateMinor: 12641,
  amountMinor: 12641,
  explanation:
    'Time 60 min × 12641/h = 12641: unsociable range #0 (dayOfWeek sun 00:00–24:00 …) option set #1',
  source: {
    rule: {
      kind: 'range',
      rangeIndex: 0,
      when: { kind: 'dayOfWeek', day: 'sun' },
      from: '00:00',
      to: '24:00',
    },
    period: { from: '2026-11-22 10:00+11:00', to: '2026-11-22 11:00+11:00' },
  },
};

describe('why this price, in plain words', () => {
  it('names the rate and the arithmetic, never the engine', () => {
    expect(plainReason(sunday, 'AUD')).toBe('Sunday rate $126.41/h × 1 h');
    expect(plainReason(sunday, 'AUD')).not.toMatch(/dayOfWeek|#|option set/);
    expect(localTimes(sunday)).toBe('10:00–11:00');
    expect(quantity(sunday)).toBe('1.00 h');
  });

  it('reads weekday evenings, standard rates, fixed prices, call-outs, travel and credits', () => {
    const evening = {
      ...sunday,
      minutes: 90,
      rateMinor: 8000,
      source: { rule: { kind: 'range', when: { kind: 'weekday' }, from: '18:00', to: '24:00' } },
    };
    expect(plainReason(evening, 'GBP')).toBe('Weekday rate (18:00–24:00) £80.00/h × 1 h 30 min');
    expect(plainReason({ ...sunday, source: null }, 'AUD')).toBe('Standard rate $126.41/h × 1 h');
    expect(plainReason({ ...sunday, kind: 'nonProRata', minutes: 45, source: null }, 'AUD')).toBe(
      'Standard rate: fixed price for a visit of 45 min',
    );
    expect(plainReason({ ...sunday, kind: 'callOut', source: null }, 'AUD')).toBe('Call-out charge');
    expect(
      plainReason(
        { ...sunday, kind: 'mileage', rateMinor: 95, explanation: 'Mileage 12.5 × 0.95 = 11.88' },
        'AUD',
      ),
    ).toBe('Travel 12.5 km × $0.95');
    expect(plainReason({ ...sunday, amountMinor: -12641 }, 'AUD')).toBe(
      'Credit: Sunday rate $126.41/h × 1 h',
    );
    expect([money(-2003, 'AUD'), duration(45), duration(125)]).toEqual(['-$20.03', '45 min', '2 h 5 min']);
  });
});
