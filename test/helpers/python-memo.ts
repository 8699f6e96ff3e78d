/**
 * Reuses a Python cross-check's answer for an input it has seen, where `FASTSCALE_PYTHON_MEMO` names a
 * folder (the mutation runs set it: vitest.mutation.config.ts). A mutant that leaves the emitted code or
 * config unchanged then costs no Python process; one that changes it runs Python on what changed. The
 * scripts are deterministic in their input (shapes on PyTorch's meta device, pycls's counts, PyYAML), so
 * a remembered answer is the answer, as long as the scripts are the same: answers live in a subfolder named
 * after the digest of scripts/*.py, so changing a script forgets them. Plain test runs leave the variable
 * unset and always run Python.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The digest of every Python script the cross-checks run (scripts/*.py). */
function scriptsDigest(): string {
  const folder = fileURLToPath(new URL('../../scripts/', import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.py')).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest('hex').slice(0, 16);
}

const FOLDER = process.env.FASTSCALE_PYTHON_MEMO === undefined || process.env.FASTSCALE_PYTHON_MEMO === '' ? undefined : join(process.env.FASTSCALE_PYTHON_MEMO, scriptsDigest());

/** The file that holds the answer for `key` (any JSON) in `folder`. */
const fileFor = (folder: string, key: unknown): string => join(folder, `${createHash('sha256').update(JSON.stringify(key)).digest('hex')}.json`);

const recall = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined);

function remember(folder: string, file: string, answer: unknown): void {
  mkdirSync(folder, { recursive: true });
  // Written under a temporary name and renamed: two workers may write one answer at once.
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(answer));
  renameSync(partial, file);
}

/** `compute()`, or its remembered answer for the same `key` (any JSON) where memoizing is on. */
export function memoized<T>(key: unknown, compute: () => T): T {
  if (FOLDER === undefined) return compute();
  const file = fileFor(FOLDER, key);
  const known = recall<T>(file);
  if (known !== undefined) return known;
  const answer = compute();
  remember(FOLDER, file, answer);
  return answer;
}

/** Each input's answer, remembered or computed; `computeMany` runs only the inputs not seen before, in one go. */
export function memoizedEach<I, T>(scope: string, inputs: readonly I[], computeMany: (inputs: readonly I[]) => T[]): T[] {
  if (FOLDER === undefined) return computeMany(inputs);
  const files = inputs.map((input) => fileFor(FOLDER, [scope, input]));
  const answers = files.map((file) => recall<T>(file));
  const missing = answers.flatMap((answer, i) => (answer === undefined ? [i] : []));
  if (missing.length > 0) {
    const computed = computeMany(missing.map((i) => inputs[i]!));
    missing.forEach((i, k) => {
      answers[i] = computed[k];
      remember(FOLDER, files[i]!, computed[k]);
    });
  }
  return answers as T[];
}
