import { Temporal } from 'temporal-polyfill';
import { epochSecondOf } from '../shared/time/civil-date.js';
import type { FeedEvent } from './ics.js';

/**
 * The HTTP side of a calendar feed, as pure functions: its public URL, and the validators and decision for
 * conditional GET (calendar clients poll feeds; a 304 saves sending the whole schedule again).
 */

/**
 * The base URL feed links are built on: CAREBOOK_PUBLIC_URL when configured, else the address the server
 * listens on (an unspecified address such as 0.0.0.0 reads as localhost). Never the request's Host header,
 * which the client chooses.
 */
export function publicBaseUrl(
  configured: string | undefined,
  listening: { host: string; port: number },
): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(listening.host) ? 'localhost' : listening.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
}

export type FeedValidators = { etag: string; lastModified: string | null };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant as an HTTP date (RFC 9110 IMF-fixdate), to the second. */
export function httpDate(instant: Temporal.Instant): string {
  const z = instant.toZonedDateTimeISO('UTC');
  return `${DAYS[z.dayOfWeek - 1]}, ${pad2(z.day)} ${MONTHS[z.month - 1]} ${z.year} ${pad2(z.hour)}:${pad2(z.minute)}:${pad2(z.second)} GMT`;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

function parseHttpDate(text: string): number | null {
  const m = HTTP_DATE.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
  if (!m || month === 0) return null;
  try {
    return epochSecondOf(
      Temporal.PlainDateTime.from(
        { year: +m[3]!, month, day: +m[1]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! },
        { overflow: 'reject' },
      )
        .toZonedDateTime('UTC')
        .toInstant(),
    );
  } catch {
    return null;
  }
}

/** A 128-bit FNV-1a-style hash (four lanes) of a string, base64url: an ETag, not a security measure. */
function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  let c = 0x85ebca6b;
  let d = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    c = Math.imul(c ^ ch, 0x27d4eb2d);
    d = Math.imul(d ^ ch, 0x165667b1);
  }
  const bytes: number[] = [];
  for (const lane of [a, b, c, d])
    bytes.push(lane >>> 24, (lane >>> 16) & 255, (lane >>> 8) & 255, lane & 255);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  return out.slice(0, 22);
}

/**
 * The feed's validators for conditional GET: the ETag is a hash of the feed text without its DTSTAMP lines (the
 * time of the request), so it holds while the feed says the same thing; Last-Modified is the latest change of
 * an event in it (null for an empty feed).
 */
export function feedValidators(
  feedText: string,
  events: readonly Pick<FeedEvent, 'updatedAt'>[],
): FeedValidators {
  let latest: Temporal.Instant | null = null;
  for (const e of events)
    if (!latest || Temporal.Instant.compare(e.updatedAt, latest) > 0) latest = e.updatedAt;
  return {
    etag: `"${contentHash(feedText.replace(/^DTSTAMP:[^\r\n]*\r\n/gm, ''))}"`,
    lastModified: latest ? httpDate(latest) : null,
  };
}

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.2.2): If-None-Match when present (weak
 * comparison), otherwise If-Modified-Since against Last-Modified.
 */
export function notModified(
  headers: Record<string, string | string[] | undefined>,
  validators: FeedValidators,
): boolean {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const ifNoneMatch = header('if-none-match');
  if (ifNoneMatch !== undefined) {
    const tag = validators.etag.replace(/^W\//, '');
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim())
      .some((t) => t === '*' || t.replace(/^W\//, '') === tag);
  }
  const ifModifiedSince = header('if-modified-since');
  if (ifModifiedSince === undefined || validators.lastModified === null) return false;
  const since = parseHttpDate(ifModifiedSince);
  const modified = parseHttpDate(validators.lastModified);
  return since !== null && modified !== null && modified <= since;
}
