import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError, invalid } from '../shared/domain-error.js';
import { listFamilies, listItems, lockCatalogue, setFamily, upsertItems } from './catalogue.store.js';
import { TIME_BANDS, type TimeBand } from './catalogue.types.js';
import { parseCsv } from './catalogue-csv.js';
import { chainVersions, readCatalogue } from './catalogue-import.js';
import { isSupportItemNumber } from './catalogue-number.js';

/**
 * Imports a Support Catalogue CSV: every row checked first (one bad row rejects the file, naming its line and
 * column), then each item's versions from its start date replaced, in one transaction.
 */
export function importCatalogue(tx: Tx, actor: Actor, csv: string, source: string) {
  return importCatalogueAs(tx, auditBy(actor), csv, source);
}

/** The import for a caller who is not a signed-in user (the command line): who goes to the audit trail. */
export async function importCatalogueAs(
  tx: Tx,
  who: ReturnType<typeof auditBy>,
  csv: string,
  source: string,
) {
  const read = readCatalogue(parseCsv(csv));
  if (read.problems.length > 0)
    throw new DomainError(
      'invalid',
      `The catalogue file has ${read.problems.length} problem${read.problems.length > 1 ? 's' : ''}; nothing was imported`,
      read.problems.slice(0, 50).map((p) => ({ field: `line ${p.line}, ${p.column}`, reason: p.reason })),
    );
  if (read.items.length === 0) throw invalid('file', 'has no support items');
  const chained = chainVersions(read.items);
  if ('duplicate' in chained)
    throw invalid('file', `lists ${chained.duplicate.number} from ${chained.duplicate.startsOn} twice`);
  await lockCatalogue(tx, who.organisationId);
  const counts = await upsertItems(tx, who.organisationId, chained, source);
  await recordAudit(tx, {
    ...who,
    action: 'create',
    entityType: 'ndis_catalogue_import',
    entityId: null,
    after: { source, format: read.format, items: read.items.length, ...counts },
  });
  return { format: read.format, items: read.items.length, ...counts };
}

export async function catalogueItems(
  tx: Tx,
  actor: Actor,
  filter: { on: string | null; search: string | null },
) {
  return listItems(tx, actor.organisationId, filter);
}

export async function bandFamilies(tx: Tx, actor: Actor) {
  const rows = await listFamilies(tx, actor.organisationId);
  const byFamily = new Map<string, Partial<Record<TimeBand, string>>>();
  for (const r of rows) byFamily.set(r.family, { ...byFamily.get(r.family), [r.band]: r.itemNumber });
  return [...byFamily].map(([family, bands]) => ({ family, bands }));
}

/** Names one item per time band for a family (e.g. self-care, standard intensity). */
export async function saveBandFamily(
  tx: Tx,
  actor: Actor,
  family: string,
  bands: Partial<Record<TimeBand, string>>,
) {
  for (const [band, n] of Object.entries(bands)) {
    if (!TIME_BANDS.includes(band as TimeBand)) throw invalid(`bands.${band}`, 'is not a time band');
    if (!isSupportItemNumber(n)) throw invalid(`bands.${band}`, 'is not a support item number');
  }
  const known = new Set(
    (await listItems(tx, actor.organisationId, { numbers: Object.values(bands) })).map((i) => i.number),
  );
  for (const [band, n] of Object.entries(bands))
    if (!known.has(n)) throw invalid(`bands.${band}`, `${n} is not in the catalogue`);
  await lockCatalogue(tx, actor.organisationId);
  const taken = (await listFamilies(tx, actor.organisationId)).find(
    (r) => r.family !== family && Object.values(bands).includes(r.itemNumber),
  );
  if (taken) throw invalid('bands', `${taken.itemNumber} already belongs to the family "${taken.family}"`);
  await setFamily(tx, actor.organisationId, family, bands);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'ndis_time_band_family',
    entityId: null,
    after: { family, bands },
  });
  return { family, bands };
}
