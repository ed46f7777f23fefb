import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { FieldIssue } from '../shared/domain-error.js';

/**
 * Contact-detail rules per country (pure): phone numbers (libphonenumber's full metadata), postcodes and
 * states or counties for Australia and the United Kingdom, and the NDIS number as the NDIA issues it.
 * Values are checked, never rewritten: what the person typed is what is stored.
 */

export type SupportedCountry = 'AU' | 'GB';

const COUNTRY_NAMES: Record<string, CountryCode> = {
  au: 'AU',
  aus: 'AU',
  australia: 'AU',
  gb: 'GB',
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  nz: 'NZ',
  'new zealand': 'NZ',
};

/** A country named in an address ("Australia", "UK", "GB"…) as an ISO code, or undefined when unknown. */
export function countryCodeOf(name: string | null | undefined): CountryCode | undefined {
  if (!name) return undefined;
  const key = name.trim().toLowerCase().replace(/\./g, '');
  if (COUNTRY_NAMES[key]) return COUNTRY_NAMES[key];
  return /^[a-z]{2}$/.test(key) ? (key.toUpperCase() as CountryCode) : undefined;
}

/** The country a time zone lies in, for the zones Carebook's users have (undefined when it could be several). */
export function countryOfZone(zone: string): CountryCode | undefined {
  if (zone.startsWith('Australia/') || zone === 'Antarctica/Macquarie') return 'AU';
  if (zone === 'Europe/London' || zone === 'Europe/Belfast') return 'GB';
  if (zone === 'Pacific/Auckland' || zone === 'Pacific/Chatham') return 'NZ';
  return undefined;
}

const EXAMPLE_PHONE: Record<string, string> = {
  AU: '0412 345 678 or 02 9000 0000',
  GB: '07123 456789 or 020 7946 0018',
};

const COUNTRY_WORDS: Record<string, string> = { AU: 'Australian', GB: 'UK', NZ: 'New Zealand' };

/** A phone number valid in `country` (or written internationally with +), as libphonenumber knows them. */
export function phoneIssue(phone: string, country: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(phone, country);
  if (parsed?.isValid()) return null;
  const which = COUNTRY_WORDS[country] ?? country;
  const example = EXAMPLE_PHONE[country];
  return `must be ${/^(A|E|I|O|Un)/.test(which) ? 'an' : 'a'} ${which} phone number${example ? `, such as ${example}` : ''}, or start with + and the country code`;
}

const AU_STATES: Record<string, string> = {
  NSW: 'NSW',
  'NEW SOUTH WALES': 'NSW',
  VIC: 'VIC',
  VICTORIA: 'VIC',
  QLD: 'QLD',
  QUEENSLAND: 'QLD',
  WA: 'WA',
  'WESTERN AUSTRALIA': 'WA',
  SA: 'SA',
  'SOUTH AUSTRALIA': 'SA',
  TAS: 'TAS',
  TASMANIA: 'TAS',
  ACT: 'ACT',
  'AUSTRALIAN CAPITAL TERRITORY': 'ACT',
  NT: 'NT',
  'NORTHERN TERRITORY': 'NT',
};

/** Australia Post's postcode ranges per state or territory (inclusive). */
const AU_POSTCODES: Record<string, [number, number][]> = {
  NSW: [
    [1000, 2599],
    [2619, 2899],
    [2921, 2999],
  ],
  ACT: [
    [200, 299],
    [2600, 2618],
    [2900, 2920],
  ],
  VIC: [
    [3000, 3999],
    [8000, 8999],
  ],
  QLD: [
    [4000, 4999],
    [9000, 9999],
  ],
  SA: [[5000, 5999]],
  WA: [[6000, 6999]],
  TAS: [[7000, 7999]],
  NT: [[800, 999]],
};

/** The UK's nations, England's ceremonial counties, Wales's preserved counties, NI's counties, Scotland's council areas. */
const UK_COUNTIES = new Set(
  [
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
    'Bedfordshire',
    'Berkshire',
    'Bristol',
    'Buckinghamshire',
    'Cambridgeshire',
    'Cheshire',
    'City of London',
    'Cornwall',
    'Cumbria',
    'Derbyshire',
    'Devon',
    'Dorset',
    'Durham',
    'County Durham',
    'East Riding of Yorkshire',
    'East Sussex',
    'Essex',
    'Gloucestershire',
    'Greater London',
    'London',
    'Greater Manchester',
    'Hampshire',
    'Herefordshire',
    'Hertfordshire',
    'Isle of Wight',
    'Kent',
    'Lancashire',
    'Leicestershire',
    'Lincolnshire',
    'Merseyside',
    'Norfolk',
    'North Yorkshire',
    'Northamptonshire',
    'Northumberland',
    'Nottinghamshire',
    'Oxfordshire',
    'Rutland',
    'Shropshire',
    'Somerset',
    'South Yorkshire',
    'Staffordshire',
    'Suffolk',
    'Surrey',
    'Tyne and Wear',
    'Warwickshire',
    'West Midlands',
    'West Sussex',
    'West Yorkshire',
    'Wiltshire',
    'Worcestershire',
    'Clwyd',
    'Dyfed',
    'Gwent',
    'Gwynedd',
    'Mid Glamorgan',
    'Powys',
    'South Glamorgan',
    'West Glamorgan',
    'Antrim',
    'Armagh',
    'Down',
    'Fermanagh',
    'Londonderry',
    'Derry',
    'Tyrone',
    'County Antrim',
    'County Armagh',
    'County Down',
    'County Fermanagh',
    'County Londonderry',
    'County Tyrone',
    'Aberdeen',
    'Aberdeenshire',
    'Angus',
    'Argyll and Bute',
    'Clackmannanshire',
    'Dumfries and Galloway',
    'Dundee',
    'East Ayrshire',
    'East Dunbartonshire',
    'East Lothian',
    'East Renfrewshire',
    'Edinburgh',
    'Falkirk',
    'Fife',
    'Glasgow',
    'Highland',
    'Inverclyde',
    'Midlothian',
    'Moray',
    'Na h-Eileanan Siar',
    'North Ayrshire',
    'North Lanarkshire',
    'Orkney',
    'Perth and Kinross',
    'Renfrewshire',
    'Scottish Borders',
    'Shetland',
    'South Ayrshire',
    'South Lanarkshire',
    'Stirling',
    'West Dunbartonshire',
    'West Lothian',
  ].map((name) => name.toLowerCase()),
);

/** Royal Mail's postcode shape: outward code (A9, A99, A9A, AA9, AA99, AA9A), a space, inward code (9AA). */
const UK_POSTCODE =
  /^(GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?) ?\d[ABD-HJLNP-UW-Z]{2})$/i;

export type AddressFields = {
  state?: string | null;
  postcode?: string | null;
};

/** Issues with a postcode and state or county for the given country; other countries are not checked. */
export function addressIssues(address: AddressFields, country: CountryCode | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { state, postcode } = address;
  if (country === 'AU') {
    const code = state ? AU_STATES[state.trim().toUpperCase()] : undefined;
    if (state && !code)
      issues.push({
        field: 'state',
        reason: 'must be an Australian state or territory: NSW, VIC, QLD, WA, SA, TAS, ACT or NT',
      });
    if (postcode && !/^\d{4}$/.test(postcode.trim()))
      issues.push({ field: 'postcode', reason: 'must be an Australian postcode of 4 digits, such as 2000' });
    else if (postcode && code) {
      const n = Number(postcode.trim());
      const inState = AU_POSTCODES[code]!.some(([from, to]) => n >= from && n <= to);
      if (!inState) issues.push({ field: 'postcode', reason: `is not a postcode in ${code}` });
    }
  } else if (country === 'GB') {
    if (state && !UK_COUNTIES.has(state.trim().toLowerCase()))
      issues.push({
        field: 'state',
        reason: 'must be a UK county (such as Kent or Greater Manchester) or nation',
      });
    if (postcode && !UK_POSTCODE.test(postcode.trim()))
      issues.push({ field: 'postcode', reason: 'must be a UK postcode, such as SW1A 1AA' });
  }
  return issues;
}

/**
 * The NDIA issues participant numbers of 9 digits beginning 43 (the payment file's NDISNumber column);
 * spaces are allowed when typed and are not part of the number.
 */
export function ndisNumberIssue(ndisNumber: string): string | null {
  if (!/^\d{9}$/.test(ndisNumber)) return 'must be 9 digits, such as 431 234 567';
  if (!ndisNumber.startsWith('43')) return 'must start with 43, as NDIS numbers do';
  return null;
}
