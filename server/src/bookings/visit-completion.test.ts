import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { decideCompletion } from './visit-completion.js';

const at = (s: string) => Temporal.Instant.from(s);
const planned = { start: at('2026-12-03T09:00:00Z'), end: at('2026-12-03T10:00:00Z') };

describe('decideCompletion', () => {
  it('refuses a visit before it starts, whatever times are given', () => {
    expect(decideCompletion(planned, {}, at('2026-12-01T09:00:00Z'))).toEqual({
      ok: false,
      refusal: 'not_started',
    });
    expect(decideCompletion(planned, {}, at('2026-12-03T08:59:59Z'))).toMatchObject({ ok: false });
  });

  it('defaults the actual times to the planned ones', () => {
    const d = decideCompletion(planned, {}, at('2026-12-03T10:00:00Z'));
    expect(d).toEqual({ ok: true, actualStart: planned.start, actualEnd: planned.end });
  });

  it('refuses times that run backwards, in the future or longer than a booking', () => {
    const now = at('2026-12-05T00:00:00Z');
    const issues = (r: ReturnType<typeof decideCompletion>) => ('issues' in r ? r.issues : []);
    expect(
      issues(decideCompletion(planned, { actualEnd: '2026-12-03T08:00:00Z' }, now)).map((i) => i.field),
    ).toEqual(['actualEnd']);
    expect(
      issues(decideCompletion(planned, { actualEnd: '2026-12-06T08:00:00Z' }, now)).map((i) => i.reason),
    ).toEqual([
      'is in the future: record when the visit really ended',
      'must be within 24 hours of the actual start',
    ]);
  });
});
