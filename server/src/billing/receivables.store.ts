import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.js';

/** Every invoice that counts in receivables (credit notes and voided invoices do not). */
export async function listReceivables(tx: Tx, organisationId: string) {
  const rows = await tx
    .selectFrom('invoices')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'invoice')
    .where('status', 'in', ['draft', 'issued', 'paid'])
    .select([
      'kind',
      'status',
      'total_minor as totalMinor',
      sql<string | null>`to_char(due_date, 'YYYY-MM-DD')`.as('dueDate'),
    ])
    .execute();
  return rows.map((r) => ({ ...r, totalMinor: Number(r.totalMinor) }));
}
