import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detailFor, fieldLabel, plainText, reasonForIssue } from './plain-language.js';

/** Runs a schema and words its issues as the error handler does. */
function worded(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((issue) => {
    const { code, message, path, ...params } = issue;
    return { field: path.join('.'), reason: reasonForIssue({ code, message, params }) };
  });
}

describe('plain-language wording', () => {
  it('says how long text may be, with the field named in words', () => {
    const issues = worded(z.object({ notes: z.string().max(5000) }), { notes: 'x'.repeat(5001) });
    expect(issues).toEqual([{ field: 'notes', reason: 'can be at most 5,000 characters' }]);
    expect(detailFor(issues)).toBe('Notes can be at most 5,000 characters.');
  });

  it('says a missing field is required, and numbers out of range in words', () => {
    const schema = z.object({ givenName: z.string(), durationMinutes: z.number().int().min(1).max(1440) });
    expect(worded(schema, { durationMinutes: 99999 })).toEqual([
      { field: 'givenName', reason: 'is required' },
      { field: 'durationMinutes', reason: 'can be at most 1,440' },
    ]);
    expect(worded(schema, { givenName: 'A', durationMinutes: 1.5 })[0]!.reason).toBe(
      'must be a whole number',
    );
    expect(worded(schema, { givenName: 'A', durationMinutes: 'soon' })[0]!.reason).toBe('must be a number');
  });

  it('words formats and choices without validator jargon', () => {
    expect(worded(z.object({ email: z.email() }), { email: 'nope' })[0]!.reason).toBe(
      'must be an e-mail address such as name@example.org',
    );
    expect(worded(z.object({ status: z.enum(['active', 'inactive']) }), { status: 'gone' })[0]!.reason).toBe(
      'must be one of: active, inactive',
    );
    expect(worded(z.object({ clientId: z.uuid() }), { clientId: '12' })[0]!.reason).toBe(
      'must be chosen from the list',
    );
  });

  it('keeps our own predicates and replaces field keys inside them', () => {
    expect(reasonForIssue({ code: 'custom', message: 'must be 9 digits' })).toBe('must be 9 digits');
    expect(plainText('must be within 366 days of periodFrom')).toBe(
      'must be within 366 days of the period’s first day',
    );
    expect(plainText('Olu Ade is already booked for "iPad lesson"')).toBe(
      'Olu Ade is already booked for "iPad lesson"',
    );
  });

  it('names nested fields with their position', () => {
    expect(fieldLabel('periodTo')).toBe('The period’s last day');
    expect(fieldLabel('ndisNumber')).toBe('NDIS number');
    expect(fieldLabel('steps.2.stepId')).toBe('Step (item 3 of steps)');
    expect(fieldLabel('optionSets.0.options.ndisSupportItems.saturday')).toBe(
      'The Saturday support item (item 1 of option sets)',
    );
    expect(fieldLabel('querystring.q')).toBe('Search');
  });

  it('sums up several fields in one sentence', () => {
    expect(
      detailFor([
        { field: 'givenName', reason: 'is required' },
        { field: 'email', reason: 'must be an e-mail address' },
      ]),
    ).toBe('2 fields need attention: Given name is required; E-mail address must be an e-mail address.');
  });
});
