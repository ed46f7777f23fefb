import { describe, expect, it } from 'vitest';
import { recurrenceExpandCommand } from './recurrence-cli.js';

const run = async (input: unknown, dtstart?: 'rfc5545' | 'if-matched') => {
  const { exitCode, output } = await recurrenceExpandCommand(
    typeof input === 'string' ? input : JSON.stringify(input),
    dtstart ? { dtstart } : {},
  );
  return { exitCode, body: JSON.parse(output) };
};

describe('recurrence expand reads a start as scheduled services do, or as RFC 5545 with --rfc', () => {
  // Tuesday 3 March 2026; the rule asks for Mondays.
  const rule = 'DTSTART;TZID=Australia/Sydney:20260303T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4';

  it('by default an off-rule start is not an occurrence, and COUNT=4 gives four Mondays', async () => {
    const { body } = await run({ rule });
    expect(body.occurrences).toEqual([
      '2026-03-09T09:00:00+11:00[Australia/Sydney]',
      '2026-03-16T09:00:00+11:00[Australia/Sydney]',
      '2026-03-23T09:00:00+11:00[Australia/Sydney]',
      '2026-03-30T09:00:00+11:00[Australia/Sydney]',
    ]);
  });

  it('29 February with COUNT=2 from 28 February gives two leap days', async () => {
    const { body } = await run({
      rule: 'DTSTART;TZID=Australia/Sydney:20270228T090000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2',
    });
    expect(body.occurrences).toEqual([
      '2028-02-29T09:00:00+11:00[Australia/Sydney]',
      '2032-02-29T09:00:00+11:00[Australia/Sydney]',
    ]);
  });

  it('with --rfc DTSTART is the first occurrence and uses one of the count', async () => {
    const { body } = await run({ rule }, 'rfc5545');
    expect(body.occurrences).toEqual([
      '2026-03-03T09:00:00+11:00[Australia/Sydney]',
      '2026-03-09T09:00:00+11:00[Australia/Sydney]',
      '2026-03-16T09:00:00+11:00[Australia/Sydney]',
      '2026-03-23T09:00:00+11:00[Australia/Sydney]',
    ]);
  });

  it('refuses an UNTIL before the start, naming UNTIL (RFC 5545 allows it: --rfc gives DTSTART alone)', async () => {
    const early = {
      rule: 'DTSTART;TZID=Australia/Sydney:20260303T090000\nRRULE:FREQ=WEEKLY;UNTIL=20260301T000000Z',
    };
    const refused = await run(early);
    expect(refused.exitCode).toBe(1);
    expect(refused.body.errors[0].field).toBe('UNTIL');
    expect((await run(early, 'rfc5545')).body.occurrences).toEqual([
      '2026-03-03T09:00:00+11:00[Australia/Sydney]',
    ]);
  });
});

describe('recurrenceExpandCommand', () => {
  it('expands a rule into ZonedDateTime strings', async () => {
    const { exitCode, body } = await run({
      rule: 'DTSTART;TZID=Australia/Sydney:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3',
    });
    expect(exitCode).toBe(0);
    // 09:00 AEDT (+11) Monday 5 and Thursday 8 January, Monday 12 January.
    expect(body).toEqual({
      occurrences: [
        '2026-01-05T09:00:00+11:00[Australia/Sydney]',
        '2026-01-08T09:00:00+11:00[Australia/Sydney]',
        '2026-01-12T09:00:00+11:00[Australia/Sydney]',
      ],
      truncated: false,
    });
  });

  it('applies the window and the limit, and says when it cut the list', async () => {
    const { body } = await run({
      rule: 'DTSTART;TZID=Australia/Sydney:20260101T090000\nRRULE:FREQ=DAILY',
      from: '2026-03-31T00:00:00Z',
      to: '2026-04-10T00:00:00Z',
      limit: 2,
    });
    // 09:00 AEDT on 1 April is 22:00 UTC on 31 March, the first occurrence in the window.
    expect(body).toEqual({
      occurrences: [
        '2026-04-01T09:00:00+11:00[Australia/Sydney]',
        '2026-04-02T09:00:00+11:00[Australia/Sydney]',
      ],
      truncated: true,
    });
  });

  it('caps an unbounded rule at the default limit of 1000', async () => {
    const { body } = await run({ rule: 'DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY' });
    expect(body.occurrences).toHaveLength(1000);
    expect(body.occurrences[0]).toBe('2026-01-01T09:00:00+00:00[UTC]');
    expect(body.truncated).toBe(true);
  });

  it('reads floating times in the given time zone', async () => {
    const { body } = await run({
      rule: 'DTSTART:20260701T090000\nRRULE:FREQ=DAILY;COUNT=1',
      timeZone: 'Europe/London',
    });
    expect(body.occurrences).toEqual(['2026-07-01T09:00:00+01:00[Europe/London]']);
  });

  it('answers a bad rule with exit code 1 and a problem naming the part', async () => {
    const { exitCode, body } = await run({ rule: 'DTSTART:20260101T090000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=20' });
    expect(exitCode).toBe(1);
    expect(body).toEqual({
      type: 'https://carebook.dev/problems/validation',
      title: 'The recurrence is not valid',
      errors: [{ field: 'RRULE.BYWEEKNO', reason: 'is not supported' }],
    });
  });

  it('answers bad JSON and bad fields with a problem', async () => {
    expect(await run('{ nope')).toMatchObject({ exitCode: 1, body: { errors: [{ field: 'input' }] } });
    expect(await run({ rule: 'DTSTART:20260101T090000Z', from: 'yesterday' })).toMatchObject({
      exitCode: 1,
      body: { errors: [{ field: 'from' }] },
    });
    expect(await run({ rule: 'DTSTART:20260101T090000Z', limit: 0 })).toMatchObject({
      exitCode: 1,
      body: { errors: [{ field: 'limit' }] },
    });
    expect(await run({ from: '2026-01-01T00:00:00Z' })).toMatchObject({
      exitCode: 1,
      body: { errors: [{ field: 'rule' }] },
    });
    expect(await run({ rule: 'RRULE:FREQ=DAILY' })).toMatchObject({
      exitCode: 1,
      body: { errors: [{ field: 'DTSTART', reason: 'is required' }] },
    });
  });
});
