import { describe, expect, it } from 'vitest';
import { rateCommand } from './rate-command.js';

const INPUT = {
  timeZone: 'Australia/Sydney',
  publicHolidays: ['2026-04-06'],
  contractType: {
    optionSets: [
      {
        effectiveFrom: '2026-01-01',
        options: {
          hourlyRate: 2400,
          nonProRataRates: [
            { minutes: 30, amount: 1600 },
            { minutes: 45, amount: 2000 },
          ],
          unsociableRanges: [
            { when: { kind: 'publicHoliday' }, from: '00:00', to: '24:00', hourlyRate: 4800 },
          ],
          callOutCharges: [{ name: 'Call-out', amount: 500 }],
          chargeMileageToClient: true,
        },
      },
    ],
  },
  assignment: { optionSets: [{ effectiveFrom: '2026-03-01', options: { callOutCharges: [] } }] },
  carerContract: { optionSets: [{ effectiveFrom: '2026-01-01', options: { mileageRate: 45 } }] },
  visits: [
    { id: 'a', plannedStart: '2026-04-08T09:00', plannedMinutes: 50 },
    { id: 'b', plannedStart: '2026-04-06T09:00+10:00', plannedMinutes: 60, mileage: 12.3 },
  ],
};

const run = (input: unknown) => {
  const result = rateCommand(typeof input === 'string' ? input : JSON.stringify(input));
  return { exitCode: result.exitCode, body: JSON.parse(result.output) };
};

const withVisit = (visit: Record<string, unknown>, index = 2) => ({
  ...INPUT,
  visits: [...INPUT.visits, visit].slice(0, index + 1),
});

describe('rateCommand', () => {
  it('rates every visit: totals, lines and explanations, without internal provenance', () => {
    const { exitCode, body } = run(INPUT);
    expect(exitCode).toBe(0);
    expect(body.visits.map((v: any) => [v.id, v.totalMinor])).toEqual([
      ['a', 2200],
      ['b', 4800 + 554],
    ]);
    expect(body.visits[0].lines).toEqual([
      {
        kind: 'nonProRata',
        minutes: 45,
        amountMinor: 2000,
        explanation: expect.stringContaining('base rate'),
      },
      { kind: 'time', minutes: 5, rateMinor: 2400, amountMinor: 200, explanation: expect.any(String) },
    ]);
    expect(body.visits[1].lines[0].explanation).toContain('unsociable range 1 (public holidays 00:00–24:00');
    expect(body.visits[1].lines[1]).toMatchObject({ kind: 'mileage', rateMinor: 45, amountMinor: 554 });
    expect(JSON.stringify(body)).not.toContain('"source"');
  });

  it('accepts an empty visit list and an assignment without option sets', () => {
    expect(run({ ...INPUT, assignment: { optionSets: [] }, visits: [] })).toEqual({
      exitCode: 0,
      body: { visits: [] },
    });
  });

  it.each<[string, unknown, string]>([
    ['input that is not JSON', '{"timeZone": ', ''],
    ['a missing field', withVisit({ id: 'c', plannedStart: '2026-04-08T09:00' }), 'visits.2.plannedMinutes'],
    [
      'fractional minutes',
      withVisit({ id: 'c', plannedStart: '2026-04-08T09:00', plannedMinutes: 1.5 }),
      'visits.2.plannedMinutes',
    ],
    [
      'a malformed start',
      withVisit({ id: 'c', plannedStart: '08/04/2026 9am', plannedMinutes: 30 }),
      'visits.2.plannedStart',
    ],
    [
      'an actual start without an end',
      withVisit({
        id: 'c',
        plannedStart: '2026-04-08T09:00',
        plannedMinutes: 30,
        actualStart: '2026-04-08T09:00',
      }),
      'visits.2.actualEnd',
    ],
    [
      'a repeated visit id',
      withVisit({ id: 'a', plannedStart: '2026-04-08T09:00', plannedMinutes: 30 }),
      'visits.2.id',
    ],
    [
      'mileage with three decimals',
      withVisit({ id: 'c', plannedStart: '2026-04-08T09:00', plannedMinutes: 30, mileage: 1.005 }),
      'visits.2.mileage',
    ],
    ['an unknown zone', { ...INPUT, timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a bad holiday date', { ...INPUT, publicHolidays: ['2026-02-30'] }, 'publicHolidays.0'],
    [
      'a misspelt option',
      { ...INPUT, assignment: { optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyrate: 1 } }] } },
      'assignment.optionSets.0.options.hourlyrate',
    ],
    [
      'option sets out of order',
      {
        ...INPUT,
        assignment: {
          optionSets: [
            { effectiveFrom: '2026-03-01', options: {} },
            { effectiveFrom: '2026-03-01', options: {} },
          ],
        },
      },
      'assignment.optionSets.1.effectiveFrom',
    ],
    ['a type without option sets', { ...INPUT, contractType: { optionSets: [] } }, 'contractType.optionSets'],
    [
      'a negative rate',
      {
        ...INPUT,
        assignment: { optionSets: [{ effectiveFrom: '2026-01-01', options: { hourlyRate: -1 } }] },
      },
      'assignment.optionSets.0.options.hourlyRate',
    ],
    [
      'a rounding increment of 7',
      {
        ...INPUT,
        assignment: {
          optionSets: [{ effectiveFrom: '2026-01-01', options: { rounding: { mode: 'up', minutes: 7 } } }],
        },
      },
      'assignment.optionSets.0.options.rounding.minutes',
    ],
    [
      'a non-pro-rata duration listed twice',
      {
        ...INPUT,
        assignment: {
          optionSets: [
            {
              effectiveFrom: '2026-01-01',
              options: {
                nonProRataRates: [
                  { minutes: 30, amount: 1 },
                  { minutes: 30, amount: 2 },
                ],
              },
            },
          ],
        },
      },
      'assignment.optionSets.0.options.nonProRataRates.1.minutes',
    ],
    [
      'a day-of-week range without its day',
      {
        ...INPUT,
        assignment: {
          optionSets: [
            {
              effectiveFrom: '2026-01-01',
              options: {
                unsociableRanges: [
                  { when: { kind: 'dayOfWeek' }, from: '22:00', to: '06:00', hourlyRate: 1 },
                ],
              },
            },
          ],
        },
      },
      'assignment.optionSets.0.options.unsociableRanges.0.when.day',
    ],
    [
      'a range of no length',
      {
        ...INPUT,
        assignment: {
          optionSets: [
            {
              effectiveFrom: '2026-01-01',
              options: {
                unsociableRanges: [{ when: { kind: 'weekend' }, from: '09:00', to: '09:00', hourlyRate: 1 }],
              },
            },
          ],
        },
      },
      'assignment.optionSets.0.options.unsociableRanges.0.to',
    ],
    [
      'a range time of 25:00',
      {
        ...INPUT,
        assignment: {
          optionSets: [
            {
              effectiveFrom: '2026-01-01',
              options: {
                unsociableRanges: [{ when: { kind: 'weekend' }, from: '25:00', to: '09:00', hourlyRate: 1 }],
              },
            },
          ],
        },
      },
      'assignment.optionSets.0.options.unsociableRanges.0.from',
    ],
    [
      'no hourly rate anywhere',
      { ...INPUT, contractType: { optionSets: [{ effectiveFrom: '2026-01-01', options: {} }] } },
      'contractType.optionSets.0.options.hourlyRate',
    ],
    [
      'billing actual times without them',
      {
        ...INPUT,
        assignment: { optionSets: [{ effectiveFrom: '2026-01-01', options: { billOnActualTimes: true } }] },
      },
      'visits.0.actualStart',
    ],
    [
      'mileage with travel payments off',
      {
        ...INPUT,
        assignment: {
          optionSets: [{ effectiveFrom: '2026-01-01', options: { enableTravelPayments: false } }],
        },
      },
      'visits.1.mileage',
    ],
    ['mileage charged without a carer contract', { ...INPUT, carerContract: undefined }, 'carerContract'],
  ])('refuses %s, naming %j', (_name, input, field) => {
    const { exitCode, body } = run(input);
    expect(exitCode).toBe(1);
    expect(body).toMatchObject({ type: 'invalid', title: expect.any(String) });
    expect(body.errors).toContainEqual({ field, reason: expect.any(String) });
  });

  it('reports a missing hourly rate once per visit, not once per option', () => {
    const { body } = run({
      ...INPUT,
      contractType: { optionSets: [{ effectiveFrom: '2026-01-01', options: {} }] },
    });
    expect(body.errors).toHaveLength(2);
    expect(body.errors[0].reason).toMatch(/is required: visit a \(visits\.0\)/);
  });

  it('caps a flood of errors', () => {
    const visits = Array.from({ length: 150 }, (_, i) => ({
      id: `v${i}`,
      plannedStart: 'x',
      plannedMinutes: 30,
    }));
    const { body } = run({ ...INPUT, visits });
    expect(body.errors).toHaveLength(101);
    expect(body.errors.at(-1)).toEqual({ field: 'visits', reason: 'and 50 more problems' });
  });
});
