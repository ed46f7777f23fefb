import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { type Db, withTenant } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';
import { importCatalogueAs } from './catalogue.action.js';

/**
 * `ndis catalogue import <file.csv> --org <organisation id>`: imports a Support Catalogue CSV into one
 * organisation, all or nothing, recorded in its audit trail as done from the command line.
 */
export async function catalogueImportCommand(db: Db, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { org: { type: 'string' }, source: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new DomainError('invalid', 'Name one catalogue file', [{ field: 'file', reason: 'is required' }]);
  if (!values.org || !/^[0-9a-f-]{36}$/i.test(values.org))
    throw new DomainError('invalid', '--org must be an organisation id', [
      { field: 'org', reason: 'is required' },
    ]);
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch {
    throw new DomainError('invalid', `Cannot read ${file}`, [{ field: 'file', reason: 'cannot be read' }]);
  }
  const org = values.org;
  return withTenant(db, org, (tx) =>
    importCatalogueAs(
      tx,
      { organisationId: org, actorUserId: null, actorLabel: 'command line', ip: null },
      csv,
      values.source ?? basename(file),
    ),
  );
}
