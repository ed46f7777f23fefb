import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAuditTrail } from './audit/verify-audit.action.js';
import { rateCommand } from './contracts/rate-command.js';
import { createOrganisation, createUserWithStaff } from './identity/organisation.action.js';
import type { RoleKey } from './identity/permissions.js';
import { cancellationCommand } from './ndis/cancellation-command.js';
import { catalogueImportCommand } from './ndis/catalogue-cli.action.js';
import { loadConfig } from './platform/config/config.js';
import { createDb } from './platform/db/database.js';
import { startEmbeddedPostgres } from './platform/db/embedded-postgres.js';
import { migrate } from './platform/db/migrate.js';
import { recurrenceExpandCommand } from './scheduling/recurrence-cli.js';
import { DomainError } from './shared/domain-error.js';

const USAGE = `Usage: npm run cli -- <command> [options]

  db:migrate                                   apply pending migrations
  org:create --name <name> --time-zone <IANA>  create an organisation with the built-in roles
  user:create --org <id> --email <e-mail> --password <password> --given-name <name> --family-name <name>
              [--time-zone <IANA>] [--role administrator|coordinator|worker|finance]
                                               create a staff member who can sign in
  recurrence expand [--rfc] < rule.json        expand an RFC 5545 rule: { rule, from?, to?, limit? } on stdin;
                                               a start the rule does not match is not an occurrence and COUNT
                                               counts occurrences (as scheduled services book); --rfc: RFC 5545's
                                               reading, where DTSTART is always the first occurrence
  rate < visits.json                           rate visits against contract option sets (JSON on stdin)
  ndis cancellation < case.json                is an NDIS cancellation short notice: { supportStart, notifiedAt,
                                               timeZone, rule: { kind, days, reading? }, publicHolidays?, noShow? }
  ndis catalogue import <file.csv> --org <id> [--source <label>]
                                               import the NDIA Support Catalogue (its CSV export) into an
                                               organisation; a bad row rejects the file, naming line and column

Uses DATABASE_URL when set, otherwise the embedded database in ./data. Prints JSON.`;

const ROLE_KEYS: RoleKey[] = ['administrator', 'coordinator', 'worker', 'finance'];

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl) return run(config.databaseUrl);
  const embedded = await startEmbeddedPostgres(config.dataDir, 'carebook');
  try {
    return await run(embedded.adminUrl('carebook'));
  } finally {
    await embedded.stop();
  }
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value)
    throw new DomainError('invalid', `--${name} is required`, [{ field: name, reason: 'is required' }]);
  return value;
}

/** Set by a command whose answer is printed but means failure (exit status 1). */
let failed = false;

async function main(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  if (command === 'ndis' && rest[0] === 'catalogue' && rest[1] === 'import')
    return withDatabase(async (url) => {
      await migrate(url);
      const db = createDb(url, 2);
      try {
        return await catalogueImportCommand(db, rest.slice(2));
      } finally {
        await db.destroy();
      }
    });
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'given-name': { type: 'string' },
      'family-name': { type: 'string' },
      role: { type: 'string' },
    },
    strict: true,
  });
  switch (command) {
    case 'db:migrate':
      return withDatabase((url) => migrate(url));
    case 'org:create':
      return withDatabase(async (url) => {
        await migrate(url);
        const db = createDb(url, 2);
        try {
          return await createOrganisation(
            db,
            required(values, 'name'),
            values['time-zone'] ?? 'Australia/Sydney',
          );
        } finally {
          await db.destroy();
        }
      });
    case 'user:create':
      return withDatabase(async (url) => {
        await migrate(url);
        const role = (values.role ?? 'administrator') as RoleKey;
        if (!ROLE_KEYS.includes(role))
          throw new DomainError('invalid', `--role must be one of ${ROLE_KEYS.join(', ')}`);
        const db = createDb(url, 2);
        try {
          return await createUserWithStaff(db, {
            organisationId: required(values, 'org'),
            email: required(values, 'email'),
            password: required(values, 'password'),
            givenName: required(values, 'given-name'),
            familyName: required(values, 'family-name'),
            timeZone: values['time-zone'] ?? 'Australia/Sydney',
            roleKey: role,
          });
        } finally {
          await db.destroy();
        }
      });
    case 'audit:verify':
      return withDatabase(async (url) => {
        await migrate(url);
        const db = createDb(url, 2);
        try {
          const result = await verifyAuditTrail(db);
          if (!result.ok) failed = true;
          return result;
        } finally {
          await db.destroy();
        }
      });
    default:
      finish(process.stderr, `${USAGE}\n`, command ? 2 : 0);
      return undefined;
  }
}

/** Commands that read JSON on stdin and print JSON, with their own exit code (no database). */
async function stdinCommand(argv: string[]): Promise<{ exitCode: number; output: string } | undefined> {
  if (argv[0] === 'rate' && argv.length === 1) return rateCommand(readFileSync(0, 'utf8'));
  if (argv[0] === 'ndis' && argv[1] === 'cancellation' && argv.length === 2)
    return cancellationCommand(readFileSync(0, 'utf8'));
  if (argv[0] === 'recurrence' && argv[1] === 'expand' && argv.length <= 3) {
    if (argv.length === 3 && argv[2] !== '--rfc') return undefined;
    return recurrenceExpandCommand(readFileSync(0, 'utf8'), {
      dtstart: argv[2] === '--rfc' ? 'rfc5545' : 'if-matched',
    });
  }
  return undefined;
}

/**
 * Writes the output, then exits once the stream has handed all of it to the OS: on a pipe stdout is
 * asynchronous, and exiting at once cut the output at the pipe's buffer (64 KiB) while still reporting success.
 * (An explicit exit, not just `process.exitCode`: the embedded database's exit hook would otherwise exit 0.)
 */
function finish(stream: NodeJS.WriteStream, text: string, exitCode: number): void {
  process.exitCode = exitCode;
  stream.write(text, () => process.exit(exitCode));
}

const piped = await stdinCommand(process.argv.slice(2));
if (piped) {
  finish(piped.exitCode === 0 ? process.stdout : process.stderr, `${piped.output}\n`, piped.exitCode);
} else {
  try {
    const result = await main(process.argv.slice(2));
    if (result !== undefined) finish(process.stdout, `${JSON.stringify(result, null, 2)}\n`, failed ? 1 : 0);
  } catch (error) {
    const body =
      error instanceof DomainError
        ? { type: 'invalid', title: error.message, errors: error.issues }
        : { type: 'error', title: (error as Error).message };
    finish(process.stderr, `${JSON.stringify(body, null, 2)}\n`, 1);
  }
}
