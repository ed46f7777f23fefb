import Holidays from 'date-holidays';

/**
 * Public holidays of a date-holidays region: a country ("AU") or a country and state ("AU-NSW"). Deterministic
 * (the library's bundled rules), so pure core may call it. Only `public` holidays count, not bank holidays or
 * observances.
 */
export type PublicHoliday = { date: string; name: string };

const REGION = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;
const cache = new Map<string, Holidays>();

function calendarOf(region: string): Holidays | null {
  const m = REGION.exec(region);
  if (!m) return null;
  const cached = cache.get(region);
  if (cached) return cached;
  const [, country, state] = m as unknown as [string, string, string | undefined];
  const known = new Holidays();
  const countries = known.getCountries() ?? {};
  if (!(country in countries)) return null;
  if (state !== undefined && !(state in (known.getStates(country) ?? {}))) return null;
  const h = state === undefined ? new Holidays(country) : new Holidays(country, state);
  cache.set(region, h);
  return h;
}

/** Whether date-holidays knows the region (a country, and the state when one is given). */
export const isHolidayRegion = (region: string) => calendarOf(region) !== null;

/** The public holidays from `from` to `to` (inclusive local dates, YYYY-MM-DD), in date order. */
export function publicHolidays(region: string | null, from: string, to: string): PublicHoliday[] {
  if (region === null || to < from) return [];
  const h = calendarOf(region);
  if (!h) return [];
  const out: PublicHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const d of h.getHolidays(year) ?? []) {
      const date = d.date.slice(0, 10);
      if (d.type === 'public' && date >= from && date <= to && !out.some((o) => o.date === date))
        out.push({ date, name: d.name });
    }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}
