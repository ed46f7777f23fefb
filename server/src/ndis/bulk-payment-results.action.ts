import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';
import { linesOf, lockClaims, markResultsImported, recordResult } from './bulk-payment.store.js';
import { readResults } from './bulk-payment-results.js';
import { parseCsv } from './catalogue-csv.js';

/**
 * Reconciles the portal's results file: each row's ClaimReference marks its line paid (with the amount paid)
 * or rejected (with the portal's message). A row naming no exported line is reported, not guessed at; the
 * whole file is refused if a row cannot be read. Lines paid less than claimed, rejected, or claimed with a
 * warning are what needs attention.
 */
export async function importResults(tx: Tx, actor: Actor, csv: string, now: Temporal.Instant) {
  const { results, problems } = readResults(parseCsv(csv));
  if (problems.length > 0)
    throw new DomainError(
      'invalid',
      `The results file has ${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was recorded`,
      problems.slice(0, 50).map((p) => ({ field: `line ${p.line}, ${p.column}`, reason: p.reason })),
    );
  await lockClaims(tx, actor.organisationId);
  const lines = await linesOf(tx, actor.organisationId, { references: results.map((r) => r.claimReference) });
  const byRef = new Map(lines.map((l) => [l.claimReference, l]));
  const unmatched: { line: number; claimReference: string }[] = [];
  let paid = 0;
  let rejected = 0;
  const files = new Set<string>();
  for (const r of results) {
    const line = byRef.get(r.claimReference);
    if (!line) {
      unmatched.push({ line: r.line, claimReference: r.claimReference });
      continue;
    }
    await recordResult(tx, actor.organisationId, line.id, {
      status: r.outcome,
      paidAmountMinor: r.paidAmountMinor,
      cappedPriceMinor: r.cappedPriceMinor,
      paymentRequestNumber: r.paymentRequestNumber,
      errorMessage: r.errorMessage,
      at: now,
    });
    files.add(line.fileId);
    if (r.outcome === 'paid') paid++;
    else rejected++;
  }
  await markResultsImported(tx, actor.organisationId, [...files], now);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'ndis_bulk_payment_results',
    entityId: null,
    after: { paid, rejected, unmatched: unmatched.length },
  });
  return { paid, rejected, unmatched, attention: await claimsNeedingAttention(tx, actor) };
}

/** Lines rejected, paid less than claimed, or claimed at the limit with a warning, each with what to do. */
export async function claimsNeedingAttention(tx: Tx, actor: Actor) {
  const lines = await linesOf(tx, actor.organisationId, { attention: true });
  return lines.map((l) => ({
    ...l,
    attention:
      l.status === 'rejected'
        ? `Rejected: ${l.errorMessage}. Correct it and claim the record again (it is free to be claimed).`
        : l.status === 'paid' && l.paidAmountMinor !== null && l.paidAmountMinor < l.amountMinor
          ? `Paid ${(l.paidAmountMinor / 100).toFixed(2)} of ${(l.amountMinor / 100).toFixed(2)} claimed`
          : `Claimed with a warning: ${l.warning}`,
  }));
}

export async function fileLines(tx: Tx, actor: Actor, fileId: string) {
  return linesOf(tx, actor.organisationId, { fileId });
}
