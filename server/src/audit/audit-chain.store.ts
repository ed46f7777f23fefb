import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { ChainHead, ChainLink } from './audit-chain.js';

/** Every organisation with audit events or a chain head (system transaction: the check spans tenants). */
export async function chainedOrganisations(tx: Tx): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT organisation_id AS id FROM audit_events
    UNION SELECT organisation_id FROM audit_chain_heads ORDER BY id`.execute(tx);
  return rows.rows.map((r) => r.id);
}

export async function chainHead(tx: Tx, organisationId: string): Promise<ChainHead | undefined> {
  const rows = await sql<{ last_seq: string; last_hash: string | null }>`
    SELECT last_seq, encode(last_hash, 'hex') AS last_hash FROM audit_chain_heads
    WHERE organisation_id = ${organisationId}`.execute(tx);
  const row = rows.rows[0];
  return row ? { lastSeq: Number(row.last_seq), lastHash: row.last_hash } : undefined;
}

/** A page of one organisation's chain after `afterSeq`, with each event's hash recomputed from its content. */
export async function chainLinks(
  tx: Tx,
  organisationId: string,
  afterSeq: number,
  limit: number,
): Promise<ChainLink[]> {
  const rows = await sql<{ seq: string; id: string; prev: string | null; hash: string; recomputed: string }>`
    SELECT e.seq, e.id, encode(e.prev_hash, 'hex') AS prev, encode(e.hash, 'hex') AS hash,
           encode(audit_event_hash(e), 'hex') AS recomputed
    FROM audit_events e
    WHERE e.organisation_id = ${organisationId} AND e.seq > ${afterSeq}
    ORDER BY e.seq LIMIT ${limit}`.execute(tx);
  return rows.rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    prevHash: r.prev,
    hash: r.hash,
    recomputed: r.recomputed,
  }));
}
