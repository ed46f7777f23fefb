import { priceMinor } from './catalogue-import.js';

/**
 * The portal's results file (pure): the request's columns plus `PaidTotalAmount`, `Payment Request Number`,
 * `Participant Name`, `Capped Price`, `Payment Request Status` (SUCCESSFUL or ERROR) and `Error Message`.
 * Columns are found by name; each row is matched to a claim line by its ClaimReference.
 */
export type ResultRow = {
  line: number;
  claimReference: string;
  outcome: 'paid' | 'rejected';
  paidAmountMinor: number | null;
  cappedPriceMinor: number | null;
  paymentRequestNumber: string | null;
  errorMessage: string | null;
};

export type ResultsProblem = { line: number; column: string; reason: string };

const key = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

export function readResults(rows: readonly (readonly string[])[]): {
  results: ResultRow[];
  problems: ResultsProblem[];
} {
  const [header, ...body] = rows;
  const problems: ResultsProblem[] = [];
  if (!header) return { results: [], problems: [{ line: 1, column: 'header', reason: 'the file is empty' }] };
  const cols = header.map(key);
  const at = (name: string) => cols.indexOf(key(name));
  const c = {
    ref: at('ClaimReference'),
    paid: at('PaidTotalAmount'),
    number: at('Payment Request Number'),
    capped: at('Capped Price'),
    status: at('Payment Request Status'),
    error: at('Error Message'),
  };
  for (const [name, i] of [
    ['ClaimReference', c.ref],
    ['Payment Request Status', c.status],
  ] as const)
    if (i < 0) problems.push({ line: 1, column: name, reason: 'is missing from the header row' });
  if (problems.length) return { results: [], problems };
  const results: ResultRow[] = [];
  const readRow = (r: readonly string[], n: number): null => {
    const line = n + 2;
    const get = (i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
    const ref = get(c.ref);
    if (ref === '') {
      problems.push({ line, column: 'ClaimReference', reason: 'is empty' });
      return null;
    }
    const status = get(c.status).toUpperCase();
    const money = (i: number, column: string) => {
      const p = priceMinor(get(i));
      if (p === null) problems.push({ line, column, reason: `"${get(i)}" is not an amount` });
      return p === null || p === 'blank' ? null : p;
    };
    if (status === 'SUCCESSFUL' || status === 'SUCCESS' || status === 'PAID') {
      const paid = money(c.paid, 'PaidTotalAmount');
      if (paid === null && !problems.some((p) => p.line === line)) {
        problems.push({
          line,
          column: 'PaidTotalAmount',
          reason: 'is needed for a successful payment',
        });
        return null;
      }
      results.push({
        line,
        claimReference: ref,
        outcome: 'paid',
        paidAmountMinor: paid,
        cappedPriceMinor: money(c.capped, 'Capped Price'),
        paymentRequestNumber: get(c.number) || null,
        errorMessage: null,
      });
    } else if (status === 'ERROR' || status === 'REJECTED' || status === 'FAILED') {
      results.push({
        line,
        claimReference: ref,
        outcome: 'rejected',
        paidAmountMinor: null,
        cappedPriceMinor: money(c.capped, 'Capped Price'),
        paymentRequestNumber: get(c.number) || null,
        errorMessage: get(c.error) || 'The portal rejected the line without a message',
      });
    } else
      problems.push({
        line,
        column: 'Payment Request Status',
        reason: `"${get(c.status)}" is not SUCCESSFUL or ERROR`,
      });
    return null;
  };
  body.forEach(readRow);
  return { results: problems.length ? [] : results, problems };
}
