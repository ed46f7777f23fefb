import { invalid } from './domain-error.js';

/** Opaque keyset cursors: the last row's sort key, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each position of a cursor's key holds; checked on decoding, so a crafted cursor never reaches SQL. */
export type CursorKind = 'instant' | 'date' | 'uuid' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Instants as `Temporal.Instant#toString()` writes them (always UTC), years 1900–2200 as the API accepts.
const INSTANT =
  /^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?Z$/;
const DATE = /^(19\d\d|2[01]\d\d|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function fits(kind: CursorKind, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  switch (kind) {
    case 'uuid':
      return UUID.test(value);
    case 'instant':
      return INSTANT.test(value);
    case 'date':
      return DATE.test(value);
    case 'text':
      // NUL and unpaired surrogates cannot be stored in (or compared with) PostgreSQL text.
      return value.length <= 500 && !value.includes('\0') && !/[\uD800-\uDFFF]/.test(value);
  }
}

export function decodeCursor(cursor: string | undefined, kinds: readonly CursorKind[]): string[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === kinds.length && kinds.every((kind, i) => fits(kind, key[i])))
      return key as string[];
  } catch {
    // fall through to the validation error
  }
  throw invalid('cursor', 'is not a cursor this list returned');
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Lists fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  key: (row: R) => (string | number)[],
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
