/**
 * Runs the built command line (dist/cli.js) as a child process. Building is `npm test`'s pretest; when
 * the file is missing (vitest run directly on a clean checkout) it is built here once.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'pycls');
export const CONFIGS = join(FIXTURES, 'configs');
export const REGNETY_400MF_YAML = join(CONFIGS, 'dds_baselines/regnety/RegNetY-400MF_dds_8gpu.yaml');
export const R56_YAML = join(CONFIGS, 'archive/cifar/anynet/R-56_nds_1gpu.yaml');
export const TIMINGS_JSON = join(FIXTURES, 'dev', 'model_timing.json');

if (!existsSync(CLI)) execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: ROOT, stdio: 'ignore' });

/** What a run of the command line gave. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd` (default the repository root). */
export function cli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A fresh temporary directory, and a function that removes it. */
export function temporaryDirectory(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A value as JSON would carry it (frozen objects become plain ones): what a --json output must equal. */
export function asJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}
