/**
 * The signed-in organisation's formats, from `/me`: how dates are written and entered (en-AU and en-GB
 * dd/mm/yyyy, en-US mm/dd/yyyy) and the currency money is shown in. Set once the organisation is known (before
 * any page renders), read by the shared formatters, so a screen never hard-codes dollars or a date order.
 */
export type OrgFormats = { locale: string; currency: string };

let current: OrgFormats = { locale: 'en-AU', currency: 'AUD' };

export function setOrgFormats(next: Partial<OrgFormats> | null | undefined): void {
  if (!next) return;
  const locale = next.locale ?? current.locale;
  const currency = next.currency ?? current.currency;
  if (locale !== current.locale || currency !== current.currency) current = { locale, currency };
}

export const orgFormats = (): OrgFormats => current;

/** True when dates are written month first (en-US). */
export const monthFirst = (): boolean => current.locale === 'en-US';

/** The date pattern people type: 'DD/MM/YYYY' or 'MM/DD/YYYY' (dayjs tokens, as Mantine takes them). */
export const datePattern = (): string => (monthFirst() ? 'MM/DD/YYYY' : 'DD/MM/YYYY');

/** '2026-12-01' → '01/12/2026' (en-US '12/01/2026'). */
export function formatNumericDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return monthFirst() ? `${match[2]}/${match[3]}/${match[1]}` : `${match[3]}/${match[2]}/${match[1]}`;
}
