/**
 * Packs the package (`npm pack`, which builds it through the prepare script) into a fresh temporary
 * directory, never the repository root: a `fastscale-*.tgz` the user keeps there is left alone.
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

export function packToTemporaryDirectory(): Packed {
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-pack-'));
  try {
    const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    // npm prints the prepare script's output before its JSON report.
    const [report] = JSON.parse(output.slice(output.indexOf('[\n'))) as { filename: string }[];
    return { tarball: join(dir, report!.filename), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
