// The architecture rules of ARCHITECTURE.md, enforced by dependency-cruiser on every import under server/src
// (`npm run lint:architecture -w server`, part of `npm run lint` and of the lint stage of scripts/test-all.mjs).
// The module map and the rules live in lint/architecture-rules.cjs; each rule is proven to fail on a planted
// violation by test/architecture.unit.test.ts. What imports cannot show (query-builder calls on a `tx`, reading
// the clock, Date) is checked by Biome: server/lint/*.grit and the root biome.json.
const { MODULE_MAP, PENDING_ISSUE_19, buildRules, TEST } = require('./lint/architecture-rules.cjs');

module.exports = {
  forbidden: buildRules(MODULE_MAP, PENDING_ISSUE_19),
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: TEST },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
