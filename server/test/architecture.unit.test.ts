import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture rules of ARCHITECTURE.md are checked by maintained tools, not by this file: dependency-cruiser
 * (server/.dependency-cruiser.cjs, rules in server/lint/architecture-rules.cjs) for imports, Biome (biome.json
 * and server/lint/*.grit) for query-builder calls, the clock and Date. This file proves that each rule bites:
 * it plants one violation per rule in a temporary copy of server/src, runs the real tool with the real
 * configuration, and expects that rule to be reported for that file, and the real tree to pass.
 */
const SERVER = join(import.meta.dirname, '..');
const ROOT = join(SERVER, '..');
const require = createRequire(import.meta.url);
const config = require(join(SERVER, '.dependency-cruiser.cjs')) as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};
const rules = require(join(SERVER, 'lint/architecture-rules.cjs')) as {
  MODULE_MAP: Record<string, string[]>;
  PENDING_ISSUE_19: Record<string, string[]>;
  buildRules: (map: Record<string, string[]>, pending: Record<string, string[]>) => IForbiddenRuleType[];
};

async function cruiseTree(server: string): Promise<ICruiseResult> {
  const result = await cruise(
    ['src'],
    { ...config.options, baseDir: server, validate: true, ruleSet: { forbidden: config.forbidden } },
    {},
    { tsConfig: extractTSConfig(join(server, 'tsconfig.json')) },
  );
  return result.output as ICruiseResult;
}

type Planted = { rule: string; file: string; source: string; why: string };

/** One violation per rule, each in its own file (paths relative to server/). */
const IMPORT_PLANTS: Planted[] = [
  {
    rule: 'module-map-audit',
    why: 'a module imports one its map entry does not list',
    file: 'src/audit/planted-map.action.ts',
    source: "import { invoiceView } from '../billing/invoice-view.js';\nexport const v = invoiceView;\n",
  },
  {
    rule: 'module-map-identity',
    why: 'a module cycle: people/ imports identity/, so identity/ may not import people/',
    file: 'src/identity/planted-cycle.action.ts',
    source: "import { findStaff } from '../people/staff.store.js';\nexport const f = findStaff;\n",
  },
  {
    rule: 'module-map-bookings',
    why: 'a pending issue-19 exception covers one file only',
    file: 'src/bookings/planted-pending.action.ts',
    source: "import { later } from '../scheduling/series.js';\nexport const l = later;\n",
  },
  {
    rule: 'unknown-module',
    why: 'a new folder under src/ that is not in the module map',
    file: 'src/newdomain/thing.ts',
    source: "import { invalid } from '../shared/domain-error.js';\nexport const i = invalid;\n",
  },
  {
    rule: 'entry-points-import-nothing-back',
    why: 'importing main.ts',
    file: 'src/app/planted-entry.ts',
    source: "import '../main.js';\n",
  },
  {
    rule: 'platform-imports-no-domain',
    why: 'platform/ calling into a domain at run time',
    file: 'src/platform/http/planted-domain.ts',
    source: "import { can } from '../../identity/actor.js';\nexport const c = can;\n",
  },
  {
    rule: 'platform-domain-types-named',
    why: 'platform/ naming domain types outside schema.ts and access.ts',
    file: 'src/platform/http/planted-types.ts',
    source: "import type { Actor } from '../../identity/actor.js';\nexport type A = Actor;\n",
  },
  {
    rule: 'no-circular',
    why: 'two files importing each other',
    file: 'src/shared/planted-a.ts',
    source: "import { b } from './planted-b.js';\nexport const a = () => b;\n",
  },
  {
    rule: 'core-no-node-io',
    why: 'pure core reading a file',
    file: 'src/contracts/planted-io.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  },
  {
    rule: 'core-no-io-packages',
    why: 'pure core using Kysely',
    file: 'src/contracts/planted-kysely.ts',
    source: "import { sql } from 'kysely';\nexport const s = sql;\n",
  },
  {
    rule: 'core-no-io-packages-types',
    why: 'a *.types.ts file importing Fastify',
    file: 'src/contracts/planted.types.ts',
    source: "import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;\n",
  },
  {
    rule: 'core-types-kysely-types-only',
    why: 'a *.types.ts file using Kysely at run time',
    file: 'src/contracts/planted-values.types.ts',
    source: "import { sql } from 'kysely';\nexport const s = sql;\n",
  },
  {
    rule: 'core-no-platform-io',
    why: 'pure core reading the clock from platform/',
    file: 'src/contracts/planted-clock.ts',
    source: "import { systemClock } from '../platform/clock.js';\nexport const c = systemClock;\n",
  },
  {
    rule: 'core-no-platform-io-schema',
    why: 'pure core importing the table map as a value',
    file: 'src/contracts/planted-schema.ts',
    source: "import { Database } from '../platform/db/schema.js';\nexport type D = Database;\n",
  },
  {
    rule: 'core-no-stores-actions-routes',
    why: 'pure core calling a store',
    file: 'src/contracts/planted-store-use.ts',
    source: "import { listContractTypes } from './contract.store.js';\nexport const l = listContractTypes;\n",
  },
  {
    rule: 'store-no-actions-routes-http',
    why: 'a store importing routes',
    file: 'src/contracts/planted.store.ts',
    source: "import { contractRoutes } from './contracts.routes.js';\nexport const r = contractRoutes;\n",
  },
  {
    rule: 'action-no-routes-http',
    why: 'an action using the HTTP layer',
    file: 'src/contracts/planted.action.ts',
    source: "import { inTenant } from '../platform/http/access.js';\nexport const t = inTenant;\n",
  },
  {
    rule: 'routes-no-sql',
    why: 'routes importing Kysely',
    file: 'src/contracts/planted.routes.ts',
    source: "import type { Kysely } from 'kysely';\nexport type K = Kysely<unknown>;\n",
  },
  {
    rule: 'schemas-no-database',
    why: 'a wire schema opening a transaction',
    file: 'src/contracts/planted.schemas.ts',
    source: "import { withTenant } from '../platform/db/database.js';\nexport const w = withTenant;\n",
  },
  {
    rule: 'query-builder-only-in-stores',
    why: "an action writing SQL with Kysely's sql tag",
    file: 'src/contracts/planted-sql.action.ts',
    source: "import { sql } from 'kysely';\nexport const now = sql`now()`;\n",
  },
  {
    rule: 'audit-writes-only-in-actions',
    why: 'a route writing the audit trail',
    file: 'src/people/planted-audit.routes.ts',
    source: "import { recordAudit } from '../audit/audit.store.js';\nexport const r = recordAudit;\n",
  },
  {
    rule: 'no-unresolvable',
    why: 'an import that resolves to nothing cannot be checked',
    file: 'src/contracts/planted-missing.action.ts',
    source: "import { x } from './does-not-exist.js';\nexport const y = x;\n",
  },
];
const EXTRA_FILES = {
  'src/shared/planted-b.ts': "import { a } from './planted-a.js';\nexport const b = () => a;\n",
};

type BiomePlant = { category: string; message?: string; file: string; source: string; why: string };
const BIOME_PLANTS: BiomePlant[] = [
  {
    category: 'plugin',
    message: 'carebook/no-query-outside-stores',
    why: 'a query-builder call in an action',
    file: 'src/calendar/planted-query.action.ts',
    source:
      "export const q = (tx: { selectFrom: (t: 'bookings') => unknown }) => tx.selectFrom('bookings');\n",
  },
  {
    category: 'plugin',
    message: 'carebook/no-query-outside-stores',
    why: 'a write in routes',
    file: 'src/people/planted-write.routes.ts',
    source: "export const q = (tx: { deleteFrom: (t: 'staff') => unknown }) => tx.deleteFrom('staff');\n",
  },
  {
    category: 'plugin',
    message: 'carebook/no-clock-or-randomness',
    why: 'reading the clock outside platform/clock.ts',
    file: 'src/scheduling/planted-now.ts',
    source:
      "import { Temporal } from 'temporal-polyfill';\nexport const now = () => Temporal.Now.instant();\n",
  },
  {
    category: 'plugin',
    message: 'carebook/no-clock-or-randomness',
    why: 'randomness in an action',
    file: 'src/billing/planted-random.action.ts',
    source: 'export const pick = () => Math.random();\n',
  },
  {
    category: 'lint/style/noRestrictedGlobals',
    why: 'Date in a store',
    file: 'src/billing/planted-date.store.ts',
    source: 'export const stamp = () => new Date().toISOString();\n',
  },
  {
    category: 'lint/style/noRestrictedGlobals',
    why: 'Date.now in pure core',
    file: 'src/bookings/planted-date-now.ts',
    source: 'export const ms = () => Date.now();\n',
  },
];
/** The same query in a store is allowed: the plant above fails for where it is, not for what it says. */
const BIOME_ALLOWED = {
  'src/calendar/planted-query.store.ts':
    "export const q = (tx: { selectFrom: (t: 'bookings') => unknown }) => tx.selectFrom('bookings');\n",
};

/** A throw-away copy of the repository's shape: server/src, the configs and the lint rules, node_modules linked. */
function copyTree(): { root: string; server: string } {
  const root = mkdtempSync(join(tmpdir(), 'carebook-architecture-'));
  const server = join(root, 'server');
  cpSync(join(SERVER, 'src'), join(server, 'src'), { recursive: true });
  cpSync(join(SERVER, 'lint'), join(server, 'lint'), { recursive: true });
  cpSync(join(SERVER, 'tsconfig.json'), join(server, 'tsconfig.json'));
  cpSync(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  // The real biome.json; version control is off because the copy is no git work tree.
  const biome = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  delete biome.$schema;
  biome.vcs = { enabled: false };
  writeFileSync(join(root, 'biome.json'), JSON.stringify(biome));
  return { root, server };
}

function write(server: string, files: Record<string, string>) {
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(server, file)), { recursive: true });
    writeFileSync(join(server, file), source);
  }
}

type BiomeDiagnostic = { category: string; message: string; location: { path: string } };
function biomeLint(cwd: string, paths: string[]): BiomeDiagnostic[] {
  const r = spawnSync(
    join(ROOT, 'node_modules/.bin/biome'),
    ['lint', '--reporter=json', '--max-diagnostics=none', ...paths],
    { cwd, encoding: 'utf8' },
  );
  const report = JSON.parse(r.stdout) as { diagnostics: BiomeDiagnostic[] };
  return report.diagnostics;
}

describe('architecture rules', () => {
  let tree: { root: string; server: string };
  let planted: ICruiseResult;
  let biome: BiomeDiagnostic[];

  beforeAll(async () => {
    tree = copyTree();
    write(tree.server, {
      ...Object.fromEntries(IMPORT_PLANTS.map((p) => [p.file, p.source])),
      ...EXTRA_FILES,
      ...Object.fromEntries(BIOME_PLANTS.map((p) => [p.file, p.source])),
      ...BIOME_ALLOWED,
    });
    planted = await cruiseTree(tree.server);
    biome = biomeLint(tree.root, [
      ...BIOME_PLANTS.map((p) => `server/${p.file}`),
      ...Object.keys(BIOME_ALLOWED).map((f) => `server/${f}`),
    ]);
  }, 120_000);
  afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

  it('the real tree keeps every import rule', async () => {
    const real = await cruiseTree(SERVER);
    expect(real.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    expect(real.summary.totalCruised).toBeGreaterThan(100);
  }, 60_000);

  it('the real tree keeps every lint rule (queries, clock, Date)', () => {
    expect(
      biomeLint(ROOT, ['server/src']).filter(
        (d) => d.category !== 'lint/correctness/noUnusedPrivateClassMembers',
      ),
    ).toEqual([]);
  }, 60_000);

  it.each(IMPORT_PLANTS)('dependency-cruiser reports $rule: $why', ({ rule, file }) => {
    const reported = planted.summary.violations.filter((v) => v.from === file).map((v) => v.rule.name);
    expect(reported).toContain(rule);
  });

  it('every import rule has a planted violation', () => {
    const planted = new Set(IMPORT_PLANTS.map((p) => p.rule));
    const unproven = config.forbidden
      .map((r) => r.name!)
      .filter(
        (name) => !planted.has(name) && !(name.startsWith('module-map-') && planted.has('module-map-audit')),
      );
    expect(unproven).toEqual([]);
  });

  it.each(BIOME_PLANTS)('Biome reports $category $message: $why', ({ category, message, file }) => {
    const found = biome.filter(
      (d) =>
        d.location.path.endsWith(file) &&
        d.category === category &&
        (!message || d.message.includes(message)),
    );
    expect(found).not.toHaveLength(0);
  });

  it('Biome allows the same query inside a store', () => {
    const inStore = biome.filter((d) => Object.keys(BIOME_ALLOWED).some((f) => d.location.path.endsWith(f)));
    expect(inStore).toEqual([]);
  });

  it('refuses a module map with a cycle, so obeying the map means no module cycles', () => {
    expect(() => rules.buildRules(rules.MODULE_MAP, rules.PENDING_ISSUE_19)).not.toThrow();
    const cyclic = { ...rules.MODULE_MAP, audit: [...rules.MODULE_MAP.audit!, 'billing'] };
    expect(() => rules.buildRules(cyclic, {})).toThrow(
      /module map has a cycle: .*audit.*billing|billing.*audit/,
    );
  });

  it('file names are kebab-case with a role suffix where they have one', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
      });
    const bad = files(join(SERVER, 'src'))
      .map((f) => relative(join(SERVER, 'src'), f))
      .filter(
        (p) =>
          !/^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*(\.(store|action|routes|schemas|types|test))?\.ts$/.test(
            p,
          ),
      );
    expect(bad).toEqual([]);
  });
});
