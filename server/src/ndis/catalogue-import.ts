import { Temporal } from 'temporal-polyfill';
import { type ItemUnit, type PriceZone, STATE_ZONES, type SupportItem } from './catalogue.types.js';
import { isSupportItemNumber } from './catalogue-number.js';

/**
 * Reads the NDIA's Support Catalogue (pure): the spreadsheet's columns saved as CSV (one row per item, a price
 * column per state and for Remote and Very Remote, the claim flags as Y/N), or the 2026-27 schedule's long
 * format (`support_item_number, support_item_name, jurisdiction, price, unit, effective_start, effective_end`,
 * one row per item and jurisdiction). Columns are found by header name, whatever their order; unknown columns
 * are ignored. Every row is checked; one bad row rejects the file, naming its line and column.
 */

export type ImportProblem = { line: number; column: string; reason: string };
export type ImportResult = { items: SupportItem[]; problems: ImportProblem[]; format: 'wide' | 'long' };

/** Registration groups whose items are therapy supports (travel at 50% of the limit from 1 July 2025). */
export const THERAPY_REGISTRATION_GROUPS: readonly string[] = ['0128', '0118'];

const UNITS: Record<string, ItemUnit> = {
  H: 'H',
  HOUR: 'H',
  E: 'E',
  EACH: 'E',
  D: 'D',
  DAY: 'D',
  WK: 'WK',
  WEEK: 'WK',
  MON: 'MON',
  MONTH: 'MON',
  YR: 'YR',
  YEAR: 'YR',
};

const norm = (h: string) => h.trim().toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');

const WIDE = {
  number: ['support item number'],
  name: ['support item name'],
  regNo: ['registration group number'],
  regName: ['registration group name'],
  catNo: ['support category number (pace)', 'support category number'],
  catName: ['support category name (pace)', 'support category name'],
  unit: ['unit'],
  quote: ['quote'],
  start: ['start date'],
  end: ['end date'],
  nf2f: ['non-face-to-face support provision'],
  travel: ['provider travel'],
  snc: ['short notice cancellations'],
  reports: ['ndia requested reports'],
  sil: ['irregular sil supports'],
  type: ['type'],
  national: ['national', 'national non-remote'],
  remote: ['remote'],
  veryRemote: ['very remote'],
} as const;

/** A date as the spreadsheet exports it: yyyymmdd, yyyy-mm-dd or d/m/yyyy. Null for "no end" (blank, 9999…). */
export function catalogueDate(raw: string): string | null | 'bad' {
  const s = raw.trim();
  if (s === '') return null;
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(s);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return 'bad';
  if (y >= 9999) return null;
  try {
    return Temporal.PlainDate.from({ year: y, month: m, day: d }, { overflow: 'reject' }).toString();
  } catch {
    return 'bad';
  }
}

/** "$1,234.56", "1234.56" or "1234.5" as minor units; blank: no limit; null for anything else. */
export function priceMinor(raw: string): number | null | 'blank' {
  const s = raw.trim().replace(/^\$/, '').replaceAll(',', '');
  if (s === '') return 'blank';
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

function flag(raw: string | undefined): boolean | null {
  const s = (raw ?? '').trim().toUpperCase();
  if (s === 'Y' || s === 'YES' || s === 'TRUE') return true;
  if (s === 'N' || s === 'NO' || s === 'FALSE' || s === '') return false;
  return null;
}

export function readCatalogue(rows: readonly (readonly string[])[]): ImportResult {
  const [header, ...body] = rows;
  if (!header)
    return {
      items: [],
      problems: [{ line: 1, column: 'header', reason: 'the file is empty' }],
      format: 'wide',
    };
  const cols = header.map(norm);
  if (cols.includes('support_item_number') && cols.includes('jurisdiction')) return readLong(cols, body);
  return readWide(cols, body);
}

function readWide(cols: string[], body: readonly (readonly string[])[]): ImportResult {
  const problems: ImportProblem[] = [];
  const at = (names: readonly string[]) => {
    for (const n of names) {
      const i = cols.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const idx = Object.fromEntries(Object.entries(WIDE).map(([k, v]) => [k, at(v)])) as Record<
    keyof typeof WIDE,
    number
  >;
  for (const k of ['number', 'name', 'unit', 'start'] as const)
    if (idx[k] < 0) problems.push({ line: 1, column: WIDE[k][0], reason: 'is missing from the header row' });
  const zoneCols: [PriceZone, number][] = [
    ...STATE_ZONES.map((z) => [z, cols.indexOf(z.toLowerCase())] as [PriceZone, number]),
    ['NATIONAL', idx.national],
    ['REMOTE', idx.remote],
    ['VERY_REMOTE', idx.veryRemote],
  ];
  if (!zoneCols.some(([, i]) => i >= 0))
    problems.push({
      line: 1,
      column: 'prices',
      reason: 'no price column (ACT … WA, National, Remote, Very Remote)',
    });
  if (problems.length > 0) return { items: [], problems, format: 'wide' };
  const items: SupportItem[] = [];
  const readRow = (r: readonly string[], n: number): null => {
    const line = n + 2;
    const get = (i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
    const bad = (column: string, reason: string): null => {
      problems.push({ line, column, reason });
      return null;
    };
    const number = get(idx.number);
    if (!isSupportItemNumber(number))
      return bad('Support Item Number', `"${number}" is not of the form AA_BBB_CCCC_D_E (optionally _XX)`);
    const name = get(idx.name);
    if (name === '') return bad('Support Item Name', 'is empty');
    const unit = UNITS[get(idx.unit).toUpperCase()];
    if (!unit) return bad('Unit', `"${get(idx.unit)}" is not a unit (H, E, D, WK, MON, YR)`);
    const startsOn = catalogueDate(get(idx.start));
    if (startsOn === 'bad' || startsOn === null)
      return bad('Start date', `"${get(idx.start)}" is not a date`);
    const endsOn = catalogueDate(get(idx.end));
    if (endsOn === 'bad') return bad('End Date', `"${get(idx.end)}" is not a date`);
    if (endsOn !== null && endsOn < startsOn) return bad('End Date', 'is before the start date');
    const prices: SupportItem['prices'] = {};
    for (const [zone, i] of zoneCols) {
      if (i < 0) continue;
      const p = priceMinor(get(i));
      if (p === null) return bad(zone, `"${get(i)}" is not a price`);
      if (p !== 'blank') prices[zone] = p;
    }
    const flags = {
      nonFaceToFace: flag(get(idx.nf2f)),
      providerTravel: flag(get(idx.travel)),
      shortNoticeCancellation: flag(get(idx.snc)),
      ndiaRequestedReports: flag(get(idx.reports)),
      irregularSil: flag(get(idx.sil)),
    };
    for (const [k, v] of Object.entries(flags)) if (v === null) return bad(k, 'must be Y or N');
    const quote = flag(get(idx.quote));
    const regNo = get(idx.regNo) || null;
    items.push({
      number,
      name,
      unit,
      registrationGroupNumber: regNo && /^\d{1,4}$/.test(regNo) ? regNo.padStart(4, '0') : null,
      registrationGroupName: get(idx.regName) || null,
      supportCategoryNumber: get(idx.catNo) || null,
      supportCategoryName: get(idx.catName) || null,
      quote: quote === true,
      startsOn,
      endsOn,
      flags: flags as SupportItem['flags'],
      therapy: regNo !== null && THERAPY_REGISTRATION_GROUPS.includes(regNo.padStart(4, '0')),
      itemType: get(idx.type) || null,
      prices,
    });
    return null;
  };
  body.forEach(readRow);
  return { items: problems.length ? [] : items, problems, format: 'wide' };
}

const LONG_ZONES: Record<string, PriceZone> = {
  national: 'NATIONAL',
  'national non-remote': 'NATIONAL',
  remote: 'REMOTE',
  'very remote': 'VERY_REMOTE',
  very_remote: 'VERY_REMOTE',
  ...Object.fromEntries(STATE_ZONES.map((z) => [z.toLowerCase(), z])),
};

function readLong(cols: string[], body: readonly (readonly string[])[]): ImportResult {
  const problems: ImportProblem[] = [];
  const i = (n: string) => cols.indexOf(n);
  const c = {
    number: i('support_item_number'),
    name: i('support_item_name'),
    zone: i('jurisdiction'),
    price: i('price'),
    unit: i('unit'),
    start: i('effective_start'),
    end: i('effective_end'),
  };
  for (const [k, v] of Object.entries(c))
    if (v < 0 && k !== 'end') problems.push({ line: 1, column: k, reason: 'is missing from the header row' });
  if (problems.length) return { items: [], problems, format: 'long' };
  const byKey = new Map<string, SupportItem>();
  const readRow = (r: readonly string[], n: number): null => {
    const line = n + 2;
    const get = (k: number) => (k >= 0 ? (r[k] ?? '').trim() : '');
    const bad = (column: string, reason: string): null => {
      problems.push({ line, column, reason });
      return null;
    };
    const number = get(c.number);
    if (!isSupportItemNumber(number)) return bad('support_item_number', `"${number}" is not an item number`);
    const unit = UNITS[get(c.unit).toUpperCase()];
    if (!unit) return bad('unit', `"${get(c.unit)}" is not a unit`);
    const zone = LONG_ZONES[get(c.zone).toLowerCase()];
    if (!zone) return bad('jurisdiction', `"${get(c.zone)}" is not a jurisdiction`);
    const startsOn = catalogueDate(get(c.start));
    if (startsOn === 'bad' || startsOn === null) return bad('effective_start', 'is not a date');
    const endsOn = catalogueDate(get(c.end));
    if (endsOn === 'bad') return bad('effective_end', 'is not a date');
    const price = priceMinor(get(c.price));
    if (price === null) return bad('price', `"${get(c.price)}" is not a price`);
    const key = `${number}|${startsOn}`;
    const item =
      byKey.get(key) ??
      ({
        number,
        name: get(c.name) || number,
        unit,
        registrationGroupNumber: null,
        registrationGroupName: null,
        supportCategoryNumber: null,
        supportCategoryName: null,
        quote: false,
        startsOn,
        endsOn,
        flags: {
          nonFaceToFace: false,
          providerTravel: false,
          shortNoticeCancellation: false,
          ndiaRequestedReports: false,
          irregularSil: false,
        },
        therapy: false,
        itemType: null,
        prices: {},
      } satisfies SupportItem);
    if (price !== 'blank') item.prices[zone] = price;
    byKey.set(key, item);
    return null;
  };
  body.forEach(readRow);
  return { items: problems.length ? [] : [...byKey.values()], problems, format: 'long' };
}

/**
 * Versions of one number in one file, in date order, each ended the day before the next starts when the file
 * leaves it open or overlapping; null when two start on the same day.
 */
export function chainVersions(items: readonly SupportItem[]): SupportItem[] | { duplicate: SupportItem } {
  const sorted = [...items].sort((a, b) =>
    a.number === b.number
      ? a.startsOn < b.startsOn
        ? -1
        : a.startsOn > b.startsOn
          ? 1
          : 0
      : a.number < b.number
        ? -1
        : 1,
  );
  const out: SupportItem[] = [];
  for (const [i, it] of sorted.entries()) {
    const next = sorted[i + 1];
    if (next && next.number === it.number) {
      if (next.startsOn === it.startsOn) return { duplicate: it };
      const dayBefore = Temporal.PlainDate.from(next.startsOn).subtract({ days: 1 }).toString();
      out.push(it.endsOn === null || it.endsOn > dayBefore ? { ...it, endsOn: dayBefore } : it);
    } else out.push(it);
  }
  return out;
}
