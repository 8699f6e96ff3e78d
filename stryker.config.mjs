// Mutation testing of the counting and scaling logic (issue 15). Run it with `npm run mutate`
// (scripts/mutate.ts), not with `stryker run` directly: the script scopes runs and merges their results
// into the one committed report, reports/mutation/mutation.json, which is also the incremental file, so
// a rerun only tests mutants whose code or covering tests changed.

/** The counting and scaling logic; families by glob, so families merged later are in scope. */
export const SCOPE = [
  'src/spec/**/*.ts',
  'src/network/**/*.ts',
  'src/scaling/**/*.ts',
  'src/families/**/*.ts',
  // Pure type declarations: nothing runs there.
  '!src/**/types.ts',
  '!src/families/family.ts',
];

/** The full report: the incremental file and the JSON report are one file. */
export const REPORT = 'reports/mutation/mutation.json';

// scripts/mutate.ts passes a narrower scope, the tests aimed at it, and a scratch report file for a
// scoped run (a part).
const mutate = process.env.FASTSCALE_MUTATE ? JSON.parse(process.env.FASTSCALE_MUTATE) : SCOPE;
const testFiles = process.env.FASTSCALE_MUTATION_TESTS ? JSON.parse(process.env.FASTSCALE_MUTATION_TESTS) : [];
const report = process.env.FASTSCALE_MUTATION_REPORT ?? REPORT;
// `npm run mutate -- --all-tests`: each mutant against every test of the run (a quick retest against chosen test files).
const allTests = process.env.FASTSCALE_MUTATION_ALL_TESTS === '1';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: allTests ? 'all' : 'perTest',
  mutate,
  testFiles,
  // The machine is shared: two workers. A mutant that hangs is a timeout; one that kills its worker
  // (a crash, SIGTRAP) is reported as such, and Stryker starts a new worker: the run goes on.
  concurrency: Number(process.env.FASTSCALE_MUTATION_CONCURRENCY ?? 2),
  timeoutFactor: 3,
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 60,
  // A static mutant (one in a module-level table, run once at import) would need every test file to import
  // the library again for each mutant, which the shared module graph (isolate: false, the only speed that
  // makes the whole scope feasible on two cores) never does: it would survive whatever the tests check.
  // Stryker reports these as Ignored, outside the score; the tables are checked directly against
  // reference fixtures (zoo models against torchvision and pycls, policies against pycls's rounding).
  // Without per-test coverage Stryker cannot tell static mutants; a run with --all-tests names its mutants by range.
  ignoreStatic: !allTests,
  incremental: true,
  incrementalFile: report,
  // No 'json' reporter: the incremental file is the same report, and two writers of one file race (the
  // shorter write left the longer one's tail behind, and the report would not parse).
  reporters: ['clear-text', 'progress-append-only'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'docs/api', 'coverage', 'scratch', 'reports', 'bench'],
  thresholds: { high: 95, low: 90, break: null },
};
