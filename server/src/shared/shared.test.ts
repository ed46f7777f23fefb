import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';
import { DomainError } from './domain-error.js';
import { canonicalTimeZone, isIanaTimeZone, timeZoneField } from './time-zone.js';

describe('isIanaTimeZone', () => {
  it('accepts IANA names and refuses offsets, abbreviations and nonsense', () => {
    for (const z of [
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'America/Argentina/Buenos_Aires',
      'UTC',
      'Etc/GMT+10',
    ])
      expect(isIanaTimeZone(z), z).toBe(true);
    for (const z of ['+10:00', 'AEST', 'Mars/Olympus', '', 'Australia/Sydney; DROP TABLE'])
      expect(isIanaTimeZone(z), z).toBe(false);
  });
});

describe('canonicalTimeZone', () => {
  it('spells a zone name as the time-zone database does, whatever the letter case typed', () => {
    expect(canonicalTimeZone('australia/sydney')).toBe('Australia/Sydney');
    expect(canonicalTimeZone('AMERICA/ARGENTINA/BUENOS_AIRES')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('+10:00')).toBeNull();
    expect(canonicalTimeZone('mars/olympus')).toBeNull();
    expect(timeZoneField().parse('australia/lord_howe')).toBe('Australia/Lord_Howe');
    expect(timeZoneField().safeParse('Nowhere/Special').success).toBe(false);
  });
});

describe('cursors', () => {
  it('round-trip a sort key', () => {
    const key = ['Smith', 'Ann', '0b8f6f0e-3f7c-4c59-9a53-6f4d2a1c9e10'];
    expect(decodeCursor(encodeCursor(key), ['text', 'text', 'uuid'])).toEqual(key);
    expect(decodeCursor(undefined, ['text'])).toBeUndefined();
  });
  it('refuse a cursor of another shape as invalid input naming the field', () => {
    expect(() => decodeCursor(encodeCursor(['a']), ['text', 'uuid'])).toThrow(DomainError);
    expect(() => decodeCursor('%%%', ['text'])).toThrow(/not valid/);
  });
  it('refuse a crafted cursor whose values the list could never have written', () => {
    const refused = [
      ['+010000-01-01T00:00:00Z', '0b8f6f0e-3f7c-4c59-9a53-6f4d2a1c9e10'],
      ['0000-01-01T00:00:00Z', '0b8f6f0e-3f7c-4c59-9a53-6f4d2a1c9e10'],
      ['2026-03-02T00:00:00Z', 'not-a-uuid'],
      ['2026-03-02T00:00:00Z', 42],
    ];
    for (const key of refused)
      expect(() => decodeCursor(encodeCursor(key as string[]), ['instant', 'uuid']), String(key)).toThrow(
        DomainError,
      );
    expect(() =>
      decodeCursor(encodeCursor(['a\u0000', 'b', '0b8f6f0e-3f7c-4c59-9a53-6f4d2a1c9e10']), [
        'text',
        'text',
        'uuid',
      ]),
    ).toThrow(DomainError);
    expect(
      decodeCursor(encodeCursor(['2026-03-02T00:00:00.5Z', '0b8f6f0e-3f7c-4c59-9a53-6f4d2a1c9e10']), [
        'instant',
        'uuid',
      ]),
    ).toBeDefined();
  });
  it('pages: the extra row only signals that more exist', () => {
    const page = toPage(
      [1, 2, 3],
      2,
      (n) => n * 10,
      (n) => [String(n)],
    );
    expect(page.items).toEqual([10, 20]);
    expect(decodeCursor(page.nextCursor!, ['text'])).toEqual(['2']);
    expect(
      toPage(
        [1, 2],
        2,
        (n) => n,
        (n) => [n],
      ).nextCursor,
    ).toBeNull();
  });
});
