/**
 * Errors that say "the database cannot be reached or cannot take writes right now", not "this request is
 * wrong": the server restarting or failing over, a connection cut, a standby not yet promoted. The HTTP layer
 * answers them with 503 and Retry-After; trying the same request again later is the right move.
 */

/** Socket-level errors node-pg passes on from Node's `net` (the database host refused or dropped us). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, or in recovery), 25006 read_only_sql_transaction (a write reached a standby:
 * the primary is gone and the standby is not promoted yet, or the address still points at the old one).
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '25006']);

/** What node-pg and pg-pool throw, without a code, when a connection ends under a query or cannot be made. */
const MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  // Connecting to a name with several addresses fails with an AggregateError of each attempt's error.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable);
}
