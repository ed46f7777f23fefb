import { describe, expect, it } from 'vitest';
import { addressIssues, countryCodeOf, countryOfZone, ndisNumberIssue, phoneIssue } from './contact-rules.js';

describe('contact rules per country', () => {
  it('accepts Australian and UK numbers as people write them, and international ones', () => {
    expect(phoneIssue('0412 345 678', 'AU')).toBeNull();
    expect(phoneIssue('(02) 9000 0000', 'AU')).toBeNull();
    expect(phoneIssue('+44 20 7946 0018', 'AU')).toBeNull();
    expect(phoneIssue('020 7946 0018', 'GB')).toBeNull();
    expect(phoneIssue('12345', 'AU')).toMatch(/^must be an Australian phone number/);
    expect(phoneIssue('0412 345 678', 'GB')).toMatch(/^must be a UK phone number/);
  });

  it('checks Australian states, postcodes and that the postcode is in the state', () => {
    expect(addressIssues({ state: 'NSW', postcode: '2000' }, 'AU')).toEqual([]);
    expect(addressIssues({ state: 'Western Australia', postcode: '6160' }, 'AU')).toEqual([]);
    expect(addressIssues({ state: 'ACT', postcode: '2600' }, 'AU')).toEqual([]);
    expect(addressIssues({ state: 'NSW', postcode: '6000' }, 'AU')).toEqual([
      { field: 'postcode', reason: 'is not a postcode in NSW' },
    ]);
    expect(addressIssues({ state: 'Texas', postcode: '200' }, 'AU').map((i) => i.field)).toEqual([
      'state',
      'postcode',
    ]);
  });

  it('checks UK postcodes and counties, and leaves other countries alone', () => {
    expect(addressIssues({ state: 'Greater Manchester', postcode: 'M1 1AE' }, 'GB')).toEqual([]);
    expect(addressIssues({ state: 'Kent', postcode: 'SW1A1AA' }, 'GB')).toEqual([]);
    expect(addressIssues({ state: 'NSW', postcode: '2000' }, 'GB').map((i) => i.field)).toEqual([
      'state',
      'postcode',
    ]);
    expect(addressIssues({ state: 'Auckland', postcode: '1010' }, 'NZ')).toEqual([]);
  });

  it('knows the NDIA format: 9 digits starting 43', () => {
    expect(ndisNumberIssue('431234567')).toBeNull();
    expect(ndisNumberIssue('12345')).toBe('must be 9 digits, such as 431 234 567');
    expect(ndisNumberIssue('123456789')).toBe('must start with 43, as NDIS numbers do');
  });

  it('reads country names and zones', () => {
    expect(countryCodeOf('Australia')).toBe('AU');
    expect(countryCodeOf('United Kingdom')).toBe('GB');
    expect(countryCodeOf('U.K.')).toBe('GB');
    expect(countryCodeOf('Atlantis')).toBeUndefined();
    expect(countryOfZone('Australia/Perth')).toBe('AU');
    expect(countryOfZone('Europe/London')).toBe('GB');
    expect(countryOfZone('America/New_York')).toBeUndefined();
  });
});
