import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in COPY's text format: null as \N; backslash, tab, newline and return escaped. */
export type CopyValue = string | number | boolean | null;

function field(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A table's rows for one COPY: the column list fixes the order of every row's values. */
export type CopyTable = { table: string; columns: readonly string[]; rows: CopyValue[][] };

/**
 * Streams `rows` into `table` with COPY FROM STDIN on `client` (inside the caller's transaction), a thousand
 * rows a chunk. Triggers, constraints and row-level security apply to COPY as to INSERT.
 */
export async function copyRows(client: pg.ClientBase, t: CopyTable): Promise<void> {
  if (t.rows.length === 0) return;
  const rows = t.rows;
  function* chunks() {
    for (let i = 0; i < rows.length; i += 1000) {
      let text = '';
      for (const row of rows.slice(i, i + 1000)) text += `${row.map(field).join('\t')}\n`;
      yield text;
    }
  }
  const sink = client.query(copyFrom(`COPY ${t.table} (${t.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), sink);
}
