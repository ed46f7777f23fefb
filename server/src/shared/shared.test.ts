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
    expect(decodeCursor(encodeCursor(['Smith', 'Ann', 'id-1']), 3)).toEqual(['Smith', 'Ann', 'id-1']);
    expect(decodeCursor(undefined, 3)).toBeUndefined();
  });
  it('refuse a cursor of another shape as invalid input naming the field', () => {
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(DomainError);
    expect(() => decodeCursor('%%%', 2)).toThrow(/not valid/);
  });
  it('pages: the extra row only signals that more exist', () => {
    const page = toPage(
      [1, 2, 3],
      2,
      (n) => n * 10,
      (n) => [n],
    );
    expect(page.items).toEqual([10, 20]);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual([2]);
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
