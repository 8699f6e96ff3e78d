/**
 * `npm run mutate`: mutation testing of the counting and scaling logic (stryker.config.mjs, issue 15).
 *
 *   npm run mutate                                  the whole scope, incrementally: only mutants whose
 *                                                   code or covering tests changed since the committed
 *                                                   report are tested again
 *   npm run mutate -- --part scaling                one part of the scope (PARTS below, or one family
 *                                                   folder such as families/regnet) against the tests
 *                                                   aimed at it, merged into the report; survivors and
 *                                                   uncovered mutants are tested again by the whole
 *                                                   suite in the next full run
 *   npm run mutate -- --part scaling src/scaling/rounding.ts
 *                                                   files of a part against the part's tests
 *   npm run mutate -- --parts                       every part in turn, then the full run
 *   npm run mutate -- 'src/scaling/**\/*.ts' ...    any globs of the scope, against every test
 *   npm run mutate -- --check                       lists the files whose report is stale, exits 1 if any
 *   npm run mutate -- --score                       prints the scores of the committed report
 *   npm run mutate -- --force --part scaling src/scaling/plateaus.ts
 *                                                   tests every mutant of the run again (after adding
 *                                                   tests aimed at survivors, which the incremental mode
 *                                                   would not retry)
 *   npm run mutate -- --force --all-tests --tests=test/families/blocks/pycls.test.ts --part families/blocks src/families/blocks/pycls.ts:106-110
 *                                                   each mutant against every test of the named files
 *                                                   (--tests; the part's without it) instead of the tests
 *                                                   its coverage names: a quick retest of survivors
 *                                                   against the tests written for them. A range retries a
 *                                                   mutant only when it holds all of it (a block: from its
 *                                                   first to its last line); others keep their old result
 *
 * The one report, reports/mutation/mutation.json, is both Stryker's JSON report and its incremental
 * file. Stryker writes only the files of its run into that file, so a scoped run works on a copy and the
 * result is merged back here: the scoped files' entries are replaced, the others kept (and dropped when
 * their source is gone or out of scope).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { REPORT, SCOPE } = (await import(new URL('../stryker.config.mjs', import.meta.url).href)) as { REPORT: string; SCOPE: string[] };
const REPORT_PATH = join(ROOT, REPORT);

/** The parts of a mutation-testing-report-schema report this script reads. */
interface MutantResult {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface FileResult {
  readonly source: string;
  readonly mutants: readonly MutantResult[];
}
interface Report {
  readonly files: Record<string, FileResult>;
  readonly testFiles?: Record<string, { readonly source?: string; readonly tests: readonly unknown[] }>;
  readonly [key: string]: unknown;
}

function readReport(path: string): Report | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Report) : null;
}

/** Files of the scope now on disk: what `git ls-files` and the globs give (Node 20 has no fs.glob). */
function filesInScope(patterns: readonly string[]): Set<string> {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  return new Set(listed.filter((file) => include.some((r) => r.test(file)) && !exclude.some((r) => r.test(file))));
}

/** `**`, `*` and `?` globs (all the scope uses). */
function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      pattern += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') pattern += '[^/]*';
    else if (c === '?') pattern += '[^/]';
    else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** Mutation score over detected and undetected mutants, as Stryker computes it (ignored and errors left out). */
function score(files: Record<string, FileResult>): { killed: number; survived: number; noCoverage: number; timeout: number; total: number; score: number } {
  const all = Object.values(files).flatMap((file) => file.mutants);
  const count = (status: string) => all.filter((m) => m.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const total = killed + timeout + survived + noCoverage;
  return { killed, survived, noCoverage, timeout, total, score: total === 0 ? 100 : (100 * (killed + timeout)) / total };
}

/** One folder's score, with the mutants outside it: ignored (static: run only while modules load) and errors. */
function scoreLine(label: string, files: Record<string, FileResult>): string {
  const s = score(files);
  const all = Object.values(files).flatMap((file) => file.mutants);
  const ignored = all.filter((m) => m.status === 'Ignored').length;
  const errors = all.filter((m) => m.status === 'CompileError' || m.status === 'RuntimeError').length;
  return `${label.padEnd(28)} ${s.score.toFixed(2).padStart(6)}%  (${s.killed + s.timeout} of ${s.total} detected, ${s.survived} survived, ${s.noCoverage} not covered; ${ignored} static ignored, ${errors} errors)`;
}

function printScores(report: Report): void {
  const byFolder = new Map<string, Record<string, FileResult>>();
  for (const [file, result] of Object.entries(report.files)) {
    const folder = file.split('/').slice(0, file.startsWith('src/families/') ? 3 : 2).join('/');
    byFolder.set(folder, { ...byFolder.get(folder), [file]: result });
  }
  for (const [folder, files] of [...byFolder].sort()) {
    const s = score(files);
    console.log(scoreLine(folder, files));
  }
  console.log(scoreLine('all', report.files));
}

/** Files whose report is missing or was made from other sources than the files' now. */
function staleFiles(report: Report | null): string[] {
  const stale: string[] = [];
  for (const file of filesInScope(SCOPE)) {
    const entry = report?.files[file];
    if (entry === undefined || entry.source !== readFileSync(join(ROOT, file), 'utf8')) stale.push(file);
  }
  return stale.sort();
}

function runStryker(env: Record<string, string>): number {
  const flags = FORCE ? ['--force'] : [];
  const result = spawnSync('npx', ['stryker', 'run', ...flags], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env, ...(ALL_TESTS ? { FASTSCALE_MUTATION_ALL_TESTS: '1' } : {}) } });
  return result.status ?? 1;
}

/**
 * The committed report with a scoped run's files put in (only the files the run mutated: its report also
 * carries the other files as they were when it started, which a run merged meanwhile may have replaced),
 * and entries of vanished or out-of-scope files dropped.
 */
function merge(main: Report | null, part: Report, mutated: ReadonlySet<string>): Report {
  const current = filesInScope(SCOPE);
  const ran = Object.fromEntries(
    Object.entries(part.files)
      .filter(([file]) => mutated.has(file))
      .map(([file, result]) => [file, ALL_TESTS ? keepStatic(main?.files[file], result) : result]),
  );
  const files = Object.fromEntries(
    Object.entries({ ...main?.files, ...ran }).filter(([file]) => current.has(file)),
  );
  const testFiles = { ...main?.testFiles, ...part.testFiles };
  return { ...main, ...part, files, testFiles };
}

/**
 * A run with --all-tests cannot tell static mutants (that takes per-test coverage): one that was Ignored as
 * static before, at the same place with the same replacement in the same source, stays Ignored.
 */
function keepStatic(before: FileResult | undefined, after: FileResult): FileResult {
  if (before === undefined || before.source !== after.source) return after;
  const key = (m: MutantResult) => `${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement ?? ''}`;
  const ignored = new Map(before.mutants.filter((m) => m.status === 'Ignored').map((m) => [key(m), m]));
  return { ...after, mutants: after.mutants.map((m) => ignored.get(key(m)) ?? m) };
}

/**
 * Parts of the scope and the tests aimed at each: a part's run is quick because each mutant runs only
 * those. Stryker's incremental mode then reuses a killed mutant in the full run as long as its killing
 * test is unchanged, and tests every other one again against every test that covers it.
 */
const PARTS: Readonly<Record<string, { mutate: string[]; tests: string[] }>> = {
  scaling: {
    mutate: ['src/scaling/**/*.ts'],
    tests: ['test/scaling/strategy.test.ts', 'test/scaling/scale.test.ts', 'test/scaling/rounding.test.ts', 'test/scaling/parity.test.ts', 'test/scaling/plateaus.test.ts', 'test/analysis/target.test.ts'],
  },
  spec: {
    mutate: ['src/spec/**/*.ts'],
    tests: ['test/spec/**/*.test.ts', 'test/complexity/parity.test.ts'],
  },
  network: {
    mutate: ['src/network/**/*.ts'],
    tests: ['test/network/**/*.test.ts', 'test/complexity/parity.test.ts', 'test/onnx/structure.test.ts', 'test/onnx/export.test.ts', 'test/families/*/network.test.ts', 'test/families/anynet/torchvision-network.test.ts', 'test/onnx/part.test.ts', 'test/latency/part-net.test.ts'],
  },
  families: {
    mutate: ['src/families/**/*.ts'],
    tests: ['test/families/**/*.test.ts', 'test/complexity/parity.test.ts', 'test/zoo/zoo.test.ts', 'test/io/pycls-config.test.ts', 'test/scaling/parity.test.ts', 'test/scaling/rounding.test.ts', 'test/spec/**/*.test.ts'],
  },
};

/**
 * The tests aimed at one family's folder: its own, the reference parities, and where the family is read
 * from or written to pycls or torchvision by shared code, those tests too.
 */
function familyTests(folder: string): string[] {
  // pycls's families: its configs and counts, and the ONNX and layer-table tests written against its networks.
  const pycls = ['test/io/pycls-config.test.ts', 'test/complexity/parity.test.ts', 'test/scaling/parity.test.ts', 'test/network/layers.test.ts', 'test/onnx/structure.test.ts', 'test/onnx/semantics.test.ts', 'test/onnx/logits.test.ts'];
  const extra: Readonly<Record<string, readonly string[]>> = {
    anynet: [...pycls, 'test/spec/to-anynet.test.ts', 'test/zoo/torchvision-parity.test.ts', 'test/scaling/scale.test.ts', 'test/families/*/summary.test.ts'],
    regnet: [...pycls, 'test/spec/to-anynet.test.ts', 'test/zoo/torchvision-parity.test.ts', 'test/zoo/zoo.test.ts', 'test/families/anynet/summary.test.ts'],
    resnet: [...pycls, 'test/spec/to-anynet.test.ts', 'test/zoo/torchvision-parity.test.ts', 'test/scaling/scale.test.ts'],
    efficientnet: [...pycls, 'test/families/blocks/pycls.test.ts', 'test/scaling/rounding.test.ts', 'test/zoo/torchvision-parity.test.ts'],
    blocks: [...pycls, 'test/families/anynet/network.test.ts'],
    vit: ['test/zoo/zoo.test.ts'],
  };
  return [`test/families/${folder}/**/*.test.ts`, ...(extra[folder] ?? ['test/zoo/torchvision-parity.test.ts'])];
}

// `--force` (with any form below) tests every mutant of the run again: Stryker's incremental mode keeps a
// survivor's result even when a test added since covers it (it does not see the new test's coverage).
const FORCE = process.argv.includes('--force');
const ALL_TESTS = process.argv.includes('--all-tests');
// `--tests=<glob>,<glob>`: a part's run against these test files instead of the part's (with --all-tests, a
// quick and exact retest of survivors against the tests written for them).
const TESTS = process.argv.find((arg) => arg.startsWith('--tests='))?.slice('--tests='.length).split(',');
const args = process.argv.slice(2).filter((arg) => arg !== '--force' && arg !== '--all-tests' && !arg.startsWith('--tests='));
if (args.includes('--score')) {
  const report = readReport(REPORT_PATH);
  if (report === null) throw new Error(`${REPORT} does not exist: run npm run mutate`);
  printScores(report);
} else if (args.includes('--check')) {
  const stale = staleFiles(readReport(REPORT_PATH));
  for (const file of stale) console.log(`stale: ${file}`);
  process.exitCode = stale.length === 0 ? 0 : 1;
} else if (args.length === 0) {
  const started = Date.now();
  const status = runStryker({});
  console.log(`mutate: ${((Date.now() - started) / 60_000).toFixed(1)} minutes`);
  if (status === 0) printScores(readReport(REPORT_PATH)!);
  process.exitCode = status;
} else if (args.includes('--parts')) {
  for (const name of Object.keys(PARTS)) {
    if (runPart(PARTS[name]!.mutate, PARTS[name]!.tests) !== 0) throw new Error(`mutate: part ${name} failed`);
  }
  const status = runStryker({});
  if (status === 0) printScores(readReport(REPORT_PATH)!);
  process.exitCode = status;
} else if (args[0] === '--part') {
  // `families/regnet` and the like: one family folder against the families' tests.
  // A family's folder runs against its own tests only: a survivor runs every test covering it, and the
  // families' shared tests (zoo, parity, properties of every family) cover each family's parser and
  // description, which made one survivor cost minutes.
  const family = /^families\/[a-z0-9-]+$/.test(args[1] ?? '') ? { mutate: [`src/${args[1]}/**/*.ts`], tests: familyTests(args[1]!.slice('families/'.length)) } : undefined;
  const part = PARTS[args[1] ?? ''] ?? family;
  if (part === undefined) throw new Error(`mutate: --part takes one of ${Object.keys(PARTS).join(', ')} or families/<folder>`);
  // Files named after the part narrow it (a run of one file is short, and its result is merged on its own).
  const files = args.slice(2);
  process.exitCode = runPart(files.length > 0 ? files : part.mutate, TESTS ?? part.tests);
} else {
  process.exitCode = runPart(args, []);
}

/** A scoped run on a copy of the report, merged back; returns Stryker's exit status. */
function runPart(globs: readonly string[], tests: readonly string[]): number {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-mutate-'));
  const partPath = join(dir, 'part.json');
  const main = readReport(REPORT_PATH);
  // The scoped run reads the committed results (to reuse them) and writes only its files: on a copy.
  if (main !== null) writeFileSync(partPath, JSON.stringify(main));
  const status = runStryker({
    FASTSCALE_MUTATE: JSON.stringify([...globs, '!src/**/types.ts', '!src/families/family.ts']),
    FASTSCALE_MUTATION_TESTS: JSON.stringify(tests),
    FASTSCALE_MUTATION_REPORT: partPath,
  });
  const part = readReport(partPath);
  if (status === 0 && part !== null) {
    // Read again: another part may have been merged meanwhile (parts can run side by side).
    // The files the run's globs name (a `file:lines` glob names its file).
    const mutated = filesInScope(globs.map((glob) => glob.replace(/:[\d-]+$/, '')));
    const merged = merge(readReport(REPORT_PATH), part, mutated);
    writeFileSync(REPORT_PATH, `${JSON.stringify(merged, null, 2)}\n`);
    console.log(`mutate: ${((Date.now() - started) / 60_000).toFixed(1)} minutes; merged ${mutated.size} files into ${REPORT}`);
    printScores(merged);
  }
  // Each part's own report is kept beside the others, so that a lost merge can be redone by hand.
  // (The name is cut short: a run of many line ranges would exceed the file system's name limit.)
  if (part !== null) writeFileSync(join(tmpdir(), `fastscale-mutate-${globs.join('+').replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 160)}.json`), JSON.stringify(part));
  rmSync(dir, { recursive: true, force: true });
  return status;
}
