import { Temporal } from 'temporal-polyfill';
import {
  formatInstant,
  formatLocalDate,
  formatMinor,
  type OrganisationFormats,
} from '../shared/organisation-formats.js';
import { wordsForKey } from '../shared/plain-language.js';

/**
 * The audit trail in words (pure): who did what to whom, from an event's before/after and a lookup of names
 * for the ids it mentions. "Sam Okafor moved Personal care for Grace Harris from 09:00 to 10:30".
 */

export type AuditEventLike = {
  action: string;
  entityType: string;
  actorLabel: string | null;
  before: unknown;
  after: unknown;
};

export type FieldChange = { field: string; before: string; after: string };
export type AuditDescription = { sentence: string; changes: FieldChange[] };

/** Names for ids (clients, staff, users…), looked up by the caller. */
export type NameLookup = ReadonlyMap<string, string>;

/**
 * What the describer reads values with: names for ids and the organisation's formats (instants in its zone,
 * dates and money as it writes them). Given names only: en-AU, Australian dollars, Australia/Sydney.
 */
export type DescribeContext = { names: NameLookup; formats: OrganisationFormats };
const DEFAULT_FORMATS: OrganisationFormats = {
  locale: 'en-AU',
  currency: 'AUD',
  timeZone: 'Australia/Sydney',
};
const contextOf = (c: NameLookup | DescribeContext): DescribeContext =>
  'names' in c && 'formats' in c ? c : { names: c as NameLookup, formats: DEFAULT_FORMATS };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Money fields are integer minor units named …Minor (rateMinor, totalMinor, callOutChargeMinor…). */
const isMoneyKey = (key: string | undefined) => key !== undefined && /Minor$/.test(key);

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null;

const ENTITY_WORDS: Record<string, string> = {
  booking: 'booking',
  client: 'client',
  staff: 'staff member',
  user: 'user',
  role: 'role',
  external_provider: 'external provider',
  scheduled_service: 'scheduled service',
  service_plan: 'service plan',
  plan_deployment: 'service plan deployment',
  service: 'service',
  client_contract: 'client contract',
  contract_type: 'contract type',
  carer_contract: 'carer contract',
  client_leave: 'client leave',
  staff_leave: 'staff leave',
  staff_working_hours: 'working hours',
  calendar_day: 'calendar day',
  invoice: 'invoice',
  invoice_run: 'invoice run',
};

export const entityWords = (type: string) => ENTITY_WORDS[type] ?? type.replaceAll('_', ' ');

/** Fields that are bookkeeping, not something a person changed. */
const HIDDEN = new Set(['id', 'organisationId', 'createdAt', 'updatedAt', 'createdBy', 'startsAt', 'endsAt']);

/** The name an entity goes by in its own record. */
function nameOf(r: Rec | null): string | null {
  if (!r) return null;
  if (typeof r.givenName === 'string' && typeof r.familyName === 'string')
    return `${r.preferredName ?? r.givenName} ${r.familyName}`;
  for (const key of ['name', 'number', 'label', 'email'])
    if (typeof r[key] === 'string' && r[key]) return r[key] as string;
  return null;
}

/**
 * A field's value as a person reads it: names for ids (an id without a name says so, never shows itself),
 * instants in the organisation's zone in words, dates and money as the organisation writes them, "yes"/"no",
 * "—" for nothing, and records field by field, never as JSON.
 */
export function showValue(value: unknown, lookup: NameLookup | DescribeContext, key?: string): string {
  const { names, formats } = contextOf(lookup);
  const ctx = { names, formats };
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number')
    return isMoneyKey(key) && Number.isSafeInteger(value) ? formatMinor(value, formats) : String(value);
  if (typeof value === 'string') {
    const name = names.get(value);
    if (name) return name;
    if (UUID.test(value)) return 'an unnamed or deleted record';
    if (LOCAL_DATE.test(value)) return formatLocalDate(value, formats.locale);
    if (INSTANT.test(value)) {
      try {
        return formatInstant(Temporal.Instant.from(value.replace(' ', 'T')), formats);
      } catch {
        return value;
      }
    }
    if (isMoneyKey(key) && /^-?\d+$/.test(value)) return formatMinor(Number(value), formats);
    return value;
  }
  if (Array.isArray(value))
    return value.length === 0 ? '—' : value.map((v) => showValue(v, ctx, key)).join(', ');
  const r = asRecord(value);
  const name = nameOf(r);
  if (name) return name;
  if (r && typeof r.id === 'string' && names.has(r.id)) return names.get(r.id)!;
  if (!r) return String(value);
  const fields = Object.entries(r)
    .filter(([k, v]) => !HIDDEN.has(k) && k !== 'type' && v !== null && v !== undefined)
    .map(([k, v]) => `${label(k)}: ${showValue(v, ctx, k)}`);
  return fields.length > 0 ? fields.join('; ') : '—';
}

/** The fields whose values differ between before and after, in words. */
export function changedFields(
  before: unknown,
  after: unknown,
  names: NameLookup | DescribeContext,
): FieldChange[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const from = showValue(b[key], names, key);
    const to = showValue(a[key], names, key);
    if (from !== to) changes.push({ field: label(key), before: from, after: to });
  }
  return changes;
}

function label(key: string): string {
  const words = wordsForKey(key.replace(/Id$/, '').replace(/Minor$/, '')).replace(/^the /, '');
  return words[0]!.toUpperCase() + words.slice(1);
}

function bookingSentence(
  who: string,
  action: string,
  before: Rec | null,
  after: Rec | null,
  ctx: DescribeContext,
) {
  const { names } = ctx;
  const b = before ?? {};
  const a = after ?? before ?? {};
  const client = typeof a.clientId === 'string' ? names.get(a.clientId) : undefined;
  const what = `${a.name ?? 'a booking'}${client ? ` for ${client}` : ''}`;
  const when = (r: Rec) => `${r.startTime ?? ''}`;
  const day = (r: Rec) => formatLocalDate(String(r.bookingDate ?? ''), ctx.formats.locale);
  /** " on 01/12/2026" when the record says which day (partial records, such as a mileage change, do not). */
  const on = (r: Rec) => (r.bookingDate ? ` on ${day(r)}` : '');
  if (action === 'create') return `${who} booked ${what}${on(a)}${a.startTime ? ` at ${when(a)}` : ''}`;
  if (action === 'delete') return `${who} deleted ${what}${on(b)}`;
  if (b.status !== a.status) {
    if (a.status === 'cancelled')
      return `${who} cancelled ${what}${on(a)}${a.cancellationReason ? ` (${a.cancellationReason})` : ''}`;
    if (a.status === 'completed') return `${who} recorded ${what}${on(a)} as delivered`;
    if (a.status === 'booked') return `${who} reopened ${what}${on(a)}`;
  }
  if (b.startTime !== undefined && (b.bookingDate !== a.bookingDate || b.startTime !== a.startTime)) {
    const sameDay = b.bookingDate === a.bookingDate;
    const from = sameDay ? when(b) : `${day(b)} ${when(b)}`;
    const to = sameDay ? when(a) : `${day(a)} ${when(a)}`;
    return `${who} moved ${what}${sameDay ? on(a) : ''} from ${from} to ${to}`;
  }
  const assigneeBefore = showValue(b.assignee, ctx);
  const assigneeAfter = showValue(a.assignee, ctx);
  if (assigneeBefore !== assigneeAfter)
    return a.assignee
      ? `${who} assigned ${what}${on(a)} to ${assigneeAfter}`
      : `${who} made ${what}${on(a)} an open shift (unassigned)`;
  const fields = changedFields(before, after, ctx).map((c) => c.field.toLowerCase());
  return `${who} changed ${what}${on(a)}${fields.length > 0 && fields.length <= 3 ? `: ${fields.join(', ')}` : ''}`;
}

/** One sentence for the event, and the changed fields (before → after). */
export function describeAuditEvent(
  e: AuditEventLike,
  lookup: NameLookup | DescribeContext,
): AuditDescription {
  const ctx = contextOf(lookup);
  const { names } = ctx;
  const who = e.actorLabel ?? 'Carebook';
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  const changes = e.action === 'update' ? changedFields(e.before, e.after, ctx) : [];
  switch (e.action) {
    case 'sign_in':
      return { sentence: `${who} signed in`, changes };
    case 'sign_out':
      return { sentence: `${who} signed out`, changes };
    case 'sign_in_failed':
      return { sentence: `A sign-in as ${nameOf(after) ?? who} failed`, changes };
  }
  if (e.entityType === 'booking')
    return { sentence: bookingSentence(who, e.action, before, after, ctx), changes };
  const thing = entityWords(e.entityType);
  const name = nameOf(after) ?? nameOf(before);
  const client =
    e.entityType !== 'client' && typeof (after ?? before)?.clientId === 'string'
      ? names.get((after ?? before)!.clientId as string)
      : undefined;
  const target = `${thing}${name ? ` ${name}` : ''}${client ? ` for ${client}` : ''}`;
  const verb = e.action === 'create' ? 'created' : e.action === 'delete' ? 'deleted' : 'changed';
  const fields =
    e.action === 'update' && changes.length > 0 && changes.length <= 3
      ? `: ${changes.map((c) => c.field.replace(/^[A-Z](?=[a-z])/, (m) => m.toLowerCase())).join(', ')}`
      : '';
  return { sentence: `${who} ${verb} ${target}${fields}`, changes };
}

/** Every id an event's before/after mentions that a name could replace (client ids, assignee ids…). */
export function idsMentioned(values: unknown[]): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 3 || v === null || v === undefined) return;
    if (typeof v === 'string' && UUID.test(v)) ids.add(v);
    else if (Array.isArray(v)) for (const x of v.slice(0, 50)) walk(x, depth + 1);
    else if (typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (k !== 'id' || depth > 0) walk(x, depth + 1);
  };
  for (const v of values) walk(v, 0);
  return [...ids];
}
