/**
 * The hostile-input fuzz suite (issue 9): every export of `fastscale` and `fastscale/onnx` runs on generated
 * hostile and near-valid inputs in child processes capped at 512 MB of heap, and a case may take at most
 * CASE_TIMEOUT_MS. A target fails on a crash (signal or non-zero exit), a hang, an error that is not a
 * FastscaleError, a NaN or infinite number in a result, a count that is not a safe integer, or a generator
 * that seldom gets past the first checks. Reproduce a run with FASTSCALE_SEED (printed on failure).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as onnx from '../../src/onnx/index.js';
import { REPRODUCE, SEED } from '../seed.js';
import { CONSTANTS, TARGETS, type Target } from './targets.js';
import type { Report } from './worker.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** The worker bundled once (inside node_modules, so that its imports resolve): each start then costs no compile. */
const BUNDLE_DIR = fileURLToPath(new URL('../../node_modules/.cache/fastscale-fuzz/', import.meta.url));

/** The command that starts a worker: the bundle when it builds, TypeScript through tsx otherwise. */
async function workerCommand(): Promise<string[]> {
  try {
    await build({
      entry: { worker: WORKER },
      format: ['esm'],
      outDir: BUNDLE_DIR,
      outExtension: () => ({ js: '.mjs' }),
      platform: 'node',
      target: 'node20',
      splitting: false,
      sourcemap: false,
      dts: false,
      clean: true,
      silent: true,
      config: false,
    });
    return [`${BUNDLE_DIR}worker.mjs`];
  } catch (error) {
    console.warn(`fuzz: bundling the worker failed (${String(error)}); running it through tsx`);
    return ['--import', 'tsx', WORKER];
  }
}
/** Longest a single case may run: far above the 1 s any case takes on a quiet machine (this one is shared). */
const CASE_TIMEOUT_MS = 5_000;
/** Longest a known core finding's input may run: those that never end need not cost the whole timeout. */
const KNOWN_CASE_TIMEOUT_MS = 2_000;
/** Longest a worker may take to start (on a busy machine). */
const STARTUP_TIMEOUT_MS = 60_000;
const PARALLEL_WORKERS = 2;

interface Finding {
  readonly case: number;
  readonly input: string;
  readonly problem: string;
  /** Shown by a known core finding's input (expected today), not by a generated or pinned one. */
  readonly known: boolean;
}

interface TargetRun {
  generated: number;
  reached: number;
  done: boolean;
  readonly findings: Finding[];
}

const workerTimes: string[] = [];

/** Runs targets in one worker; returns the targets it did not get to (after a crash or hang). */
function runWorker(command: readonly string[], names: readonly string[], runs: Map<string, TargetRun>): Promise<string[]> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', ...command, ...names], {
      env: { ...process.env, FASTSCALE_SEED: String(SEED) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let current: { target: string; case: number; input: string; known: boolean } | null = null;
    let stderr = '';
    let buffer = '';
    let timer = setTimeout(() => hang('the worker did not start'), STARTUP_TIMEOUT_MS);
    let stopped: string | null = null;
    const hang = (what: string) => {
      stopped = what;
      child.kill('SIGKILL');
    };
    const handle = (line: string) => {
      if (!line.startsWith('FUZZ ')) return;
      const report = JSON.parse(line.slice(5)) as Report;
      const run = runs.get(report.target)!;
      if (report.type === 'start') {
        current = { target: report.target, case: report.case, input: report.input, known: report.kind === 'known' };
        clearTimeout(timer);
        const limit = report.kind === 'known' ? KNOWN_CASE_TIMEOUT_MS : CASE_TIMEOUT_MS;
        timer = setTimeout(() => hang(`hang: still running after ${limit / 1000} s`), limit);
      } else if (report.type === 'case') {
        if (report.violation !== null) run.findings.push({ case: report.case, input: current!.input, problem: report.violation, known: report.kind === 'known' });
        if (report.kind === 'generated') {
          run.generated++;
          if (report.reached) run.reached++;
        }
        current = null;
      } else {
        run.done = true;
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      lines.forEach(handle);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      workerTimes.push(`${Date.now() - started} ms: ${names.join(' ')} (${stopped ?? `exit ${code} ${signal}`})`);
      if (buffer !== '') handle(buffer);
      const unfinished = names.filter((name) => !runs.get(name)!.done);
      if (unfinished.length === 0) return resolve([]);
      const culprit = current ?? { target: unfinished[0]!, case: -1, input: '(before the first case)', known: false };
      const lines = stderr.trim().split('\n');
      const reason = lines.find((line) => /Error|FATAL/.test(line)) ?? lines.at(-1);
      const cause = stopped ?? `crash: exit code ${code}, signal ${signal}; stderr: ${reason}`;
      runs.get(culprit.target)!.findings.push({ case: culprit.case, input: culprit.input, problem: cause, known: culprit.known });
      runs.get(culprit.target)!.done = true;
      resolve(unfinished.filter((name) => name !== culprit.target));
    });
  });
}

/** Runs every target, PARALLEL_WORKERS workers at a time; a crash only costs the rest of its group a restart. */
async function runAll(): Promise<Map<string, TargetRun>> {
  const command = await workerCommand();
  const runs = new Map(TARGETS.map((t) => [t.name, { generated: 0, reached: 0, done: false, findings: [] } as TargetRun]));
  // Targets expected to crash today go last in their group, so that they take nothing down with them.
  const ordered = [...TARGETS.filter((t) => t.known === undefined), ...TARGETS.filter((t) => t.known !== undefined)].map((t) => t.name);
  const queue: string[][] = Array.from({ length: PARALLEL_WORKERS * 2 }, (_, g) => ordered.filter((_, i) => i % (PARALLEL_WORKERS * 2) === g));
  const lane = async (): Promise<void> => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
      const rest = await runWorker(command, group, runs);
      if (rest.length > 0) queue.push(rest);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WORKERS }, lane));
  if (process.env.FASTSCALE_FUZZ_TIMES !== undefined) console.info(workerTimes.join('\n'));
  return runs;
}

function summary(target: Target, run: TargetRun): string {
  const shown = run.findings.slice(0, 5).map((f) => `  case ${f.case}${f.known ? ' (a known core finding)' : ''}: ${f.problem}\n    input: ${f.input}`);
  return [`${target.name}: ${run.findings.length} problem(s) ${REPRODUCE}`, ...shown].join('\n');
}

describe('fuzz: every export on hostile and near-valid input, in a child process capped at 512 MB', () => {
  let runs: Map<string, TargetRun>;
  beforeAll(async () => {
    runs = await runAll();
  }, 600_000);

  it('has a fuzz target or a constants entry for every export', () => {
    const exported = [...Object.keys(api), ...Object.keys(onnx).map((name) => `onnx.${name}`)];
    const covered = new Set([...TARGETS.map((t) => t.name), ...CONSTANTS]);
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !exported.includes(name))).toEqual([]);
  });

  it('exports constants that are primitives or frozen all the way down', () => {
    const value = (name: string) => (name.startsWith('onnx.') ? (onnx as Record<string, unknown>)[name.slice(5)] : (api as Record<string, unknown>)[name]);
    const frozen = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(frozen));
    expect(CONSTANTS.filter((name) => !frozen(value(name)))).toEqual([]);
  });

  for (const target of TARGETS) {
    const minReach = target.minReach ?? 0.2;
    const title = `${target.name}: no crash, hang, untyped error, non-finite number or bad count${
      target.hostile === false ? '' : `; at least ${minReach * 100}% of generated inputs reach its real work`
    }`;
    const check = () => {
      const run = runs.get(target.name)!;
      expect(run.done, summary(target, run)).toBe(true);
      expect(run.findings, summary(target, run)).toEqual([]);
      if (target.hostile !== false) expect(run.reached, `${target.name}: ${run.reached} of ${run.generated} reached ${REPRODUCE}`).toBeGreaterThanOrEqual(minReach * run.generated);
    };
    // The inputs of issue 9's findings are pinned: each must now give a typed error or a correct result.
    it(target.known === undefined ? title : `${title}, including issue 9's findings: ${target.known.map((k) => k.finding).join('; ')}`, check);
  }
});
