/**
 * Runs the built command line (dist/cli.js) as a child process. Vitest's global setup
 * (test/setup/build-dist.ts) has built it from the current sources.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** What a run of the command line gave. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd` (default the repository root); `script` replaces dist/cli.js. */
export function cli(args: readonly string[], cwd = ROOT, script = CLI): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * Runs the command line with a stdout whose reader has gone (as in `fastscale ... | true`): the pipe is
 * closed before the command writes. Returns the exit code and stderr.
 */
export function cliIntoClosedPipe(args: readonly string[], cwd = ROOT): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stderr }));
  });
}

/**
 * The pycls config file of a zoo model, relative to test/fixtures/pycls (the key of its exact complexity
 * in dev/model_complexity.json): RegNetX-200MF, ResNet-50, ResNeXt-50, EfficientNet-B0, ...
 */
export function zooConfigPath(name: string): string {
  const regnet = /^RegNet([XY])-(.+)$/.exec(name);
  if (regnet) return `configs/dds_baselines/regnet${regnet[1]!.toLowerCase()}/${name}_dds_8gpu.yaml`;
  const resnet = /^ResNe(X?)t-(\d+)$/.exec(name);
  if (resnet) return resnet[1] === 'X' ? `configs/dds_baselines/resnext/X-${resnet[2]}-32x4d_dds_8gpu.yaml` : `configs/dds_baselines/resnet/R-${resnet[2]}-1x64d_dds_8gpu.yaml`;
  const effnet = /^EfficientNet-(B\d)$/.exec(name);
  if (effnet) return `configs/dds_baselines/effnet/EN-${effnet[1]}_dds_8gpu.yaml`;
  throw new Error(`not a zoo name: ${name}`);
}
