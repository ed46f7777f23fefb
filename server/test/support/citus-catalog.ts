import pg from 'pg';

/**
 * The Citus layout of docs/scaling.md, read from the catalog: every table with organisation_id is distributed
 * by it (one colocation group), `organisations` is a reference table, and the rest stay local on the
 * coordinator. Each check returns what Citus would refuse (create_distributed_table or the constraint).
 */
export const REFERENCE_TABLES = ['organisations'];
export const LOCAL_TABLES = ['schema_migrations', 'sign_in_attempts'];

export type Offender = { table_name: string; constraint_name: string; why: string };

/** Public tables with organisation_id: the distributed ones. */
const DISTRIBUTED = `
  SELECT c.oid, c.relname,
         (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id'
            AND NOT a.attisdropped) AS dist
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id'
                   AND NOT a.attisdropped)`;

const CHECKS: Record<string, string> = {
  // A unique index, primary key or exclusion constraint is checked shard by shard: it must contain the
  // distribution column, and an exclusion constraint must compare it with equality.
  'unique, primary key or exclusion without organisation_id': `
    WITH d AS (${DISTRIBUTED})
    SELECT d.relname AS table_name, i.relname AS constraint_name,
           'does not include organisation_id' AS why
      FROM pg_index x JOIN d ON d.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype = 'x'
     WHERE (x.indisunique OR x.indisprimary OR con.oid IS NOT NULL)
       AND NOT d.dist = ANY (x.indkey::smallint[])`,
  'exclusion constraint not using = on organisation_id': `
    WITH d AS (${DISTRIBUTED})
    SELECT d.relname AS table_name, con.conname AS constraint_name,
           'compares organisation_id with ' || op.oprname AS why
      FROM pg_constraint con JOIN d ON d.oid = con.conrelid,
           unnest(con.conkey, con.conexclop) AS k(attnum, opoid)
      JOIN pg_operator op ON op.oid = k.opoid
     WHERE con.contype = 'x' AND k.attnum = d.dist AND op.oprname <> '='`,
  // Between two distributed tables a foreign key must pair organisation_id with organisation_id, at the same
  // position on both sides (Citus's ForeignConstraintFindDistKeys).
  'foreign key between distributed tables not on organisation_id': `
    WITH d AS (${DISTRIBUTED})
    SELECT src.relname AS table_name, con.conname AS constraint_name,
           'references ' || dst.relname || ' without pairing organisation_id' AS why
      FROM pg_constraint con JOIN d src ON src.oid = con.conrelid JOIN d dst ON dst.oid = con.confrelid
     WHERE con.contype = 'f'
       AND NOT EXISTS (SELECT 1 FROM generate_subscripts(con.conkey, 1) s
                        WHERE con.conkey[s] = src.dist AND con.confkey[s] = dst.dist)`,
  // Citus never lets a foreign key action write the distribution column: no SET NULL or SET DEFAULT on delete
  // (even with PostgreSQL 15's column list; Citus checks the action, not the list), and no SET NULL, SET
  // DEFAULT or CASCADE on update, whenever the key's columns include organisation_id.
  'foreign key action that may write organisation_id': `
    WITH d AS (${DISTRIBUTED})
    SELECT src.relname AS table_name, con.conname AS constraint_name,
           concat_ws(' ', CASE WHEN con.confdeltype IN ('n', 'd') THEN 'ON DELETE SET NULL/DEFAULT' END,
                          CASE WHEN con.confupdtype IN ('n', 'd', 'c') THEN 'ON UPDATE SET NULL/DEFAULT/CASCADE' END) AS why
      FROM pg_constraint con JOIN d src ON src.oid = con.conrelid
     WHERE con.contype = 'f' AND src.dist = ANY (con.conkey)
       AND (con.confdeltype IN ('n', 'd') OR con.confupdtype IN ('n', 'd', 'c'))`,
  // A reference table lives whole on every node: it may only reference other reference tables.
  'foreign key from a reference table to a distributed one': `
    WITH d AS (${DISTRIBUTED})
    SELECT src.relname AS table_name, con.conname AS constraint_name,
           'reference table referencing distributed ' || d.relname AS why
      FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid JOIN d ON d.oid = con.confrelid
     WHERE con.contype = 'f' AND src.relname = ANY ({reference})`,
  // Coordinator-local tables and distributed ones cannot reference each other in either direction.
  'foreign key between a local table and a distributed one': `
    WITH d AS (${DISTRIBUTED})
    SELECT src.relname AS table_name, con.conname AS constraint_name,
           'between local ' || CASE WHEN src.relname = ANY ({local}) THEN src.relname ELSE dst.relname END
             || ' and a distributed table' AS why
      FROM pg_constraint con JOIN pg_class src ON src.oid = con.conrelid JOIN pg_class dst ON dst.oid = con.confrelid
     WHERE con.contype = 'f'
       AND ((src.relname = ANY ({local}) AND dst.oid IN (SELECT oid FROM d))
         OR (dst.relname = ANY ({local}) AND src.oid IN (SELECT oid FROM d)))`,
  // Every public table is one of the three kinds.
  'table that is neither distributed, reference nor local': `
    SELECT c.relname AS table_name, '' AS constraint_name, 'has no organisation_id and is not listed' AS why
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id'
                         AND NOT a.attisdropped)
       AND NOT c.relname = ANY ({reference}) AND NOT c.relname = ANY ({local})`,
};

/** Every constraint or table Citus would refuse, by rule (parameterised so a test can plant its own). */
export async function citusOffenders(
  client: pg.Client,
  reference: readonly string[] = REFERENCE_TABLES,
  local: readonly string[] = LOCAL_TABLES,
): Promise<Record<string, Offender[]>> {
  const found: Record<string, Offender[]> = {};
  for (const [rule, text] of Object.entries(CHECKS)) {
    const list = (names: readonly string[]) =>
      `ARRAY[${names.map((n) => pg.escapeLiteral(n)).join(', ')}]::text[]`;
    const sql = text.replaceAll('{reference}', list(reference)).replaceAll('{local}', list(local));
    const result = await client.query<Offender>(`${sql} ORDER BY 1, 2`);
    found[rule] = result.rows;
  }
  return found;
}

/** Offenders minus the known exceptions (by "table.constraint"), per rule. */
export function withoutExceptions(
  found: Record<string, Offender[]>,
  exceptions: ReadonlyMap<string, string>,
): Record<string, string[]> {
  const left: Record<string, string[]> = {};
  for (const [rule, offenders] of Object.entries(found))
    left[rule] = offenders
      .map((o) => `${o.table_name}.${o.constraint_name}`)
      .filter((key) => !exceptions.has(key));
  return left;
}
