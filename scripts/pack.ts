/**
 * Packs the package into a fresh temporary directory, never the repository root: a `fastscale-*.tgz` the
 * user keeps there is left alone. Packs dist/ as it is (`npm pack --ignore-scripts`): callers build first
 * ({@link buildPackage}), and tests pack the dist/ their global setup built without rebuilding it under the
 * feet of tests running the CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A packed tarball in its own temporary directory, and a function that removes that directory. */
export interface Packed {
  readonly tarball: string;
  readonly dir: string;
  readonly remove: () => void;
}

/** `npm run build`: dist/ from the current sources. */
export function buildPackage(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function packToTemporaryDirectory(): Packed {
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-pack-'));
  try {
    const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [report] = JSON.parse(output) as { filename: string }[];
    return { tarball: join(dir, report!.filename), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
