/**
 * Vitest global setup: builds dist/ once before any test file runs, unless it was built from exactly the
 * current sources. The CLI, package and README tests run the built files, so a dist/ older than src/
 * would test old code; a hash of every input of the build (src/, package.json, tsup.config.ts,
 * tsconfig.json) stored next to the build decides.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = join(ROOT, 'dist', '.source-hash');

/** Every file under `dir`, sorted, as paths relative to the repository root. */
function files(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [relative(ROOT, path)];
    })
    .sort();
}

/** A hash of the build's inputs: their paths and contents. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...files(join(ROOT, 'src')), 'package.json', 'tsup.config.ts', 'tsconfig.json']) {
    hash.update(`${file}\0`).update(readFileSync(join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

export default function setup(): void {
  const current = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === current) return;
  // The package's own build script (empties dist/, then tsup), run with this Node.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(STAMP, current);
}
