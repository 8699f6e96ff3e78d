/**
 * Reuses a Python cross-check's answer for an input it has seen, where `FASTSCALE_PYTHON_MEMO` names a
 * folder (the mutation runs set it: vitest.mutation.config.ts). A mutant that leaves the emitted code or
 * config unchanged then costs no Python process; one that changes it runs Python on what changed. The
 * scripts are deterministic in their input (shapes on PyTorch's meta device, pycls's counts, PyYAML), so
 * a remembered answer is the answer. Plain test runs leave the variable unset and always run Python.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER = process.env.FASTSCALE_PYTHON_MEMO;

/** `compute()`, or its remembered answer for the same `key` (any JSON) where memoizing is on. */
export function memoized<T>(key: unknown, compute: () => T): T {
  if (FOLDER === undefined || FOLDER === '') return compute();
  const file = join(FOLDER, `${createHash('sha256').update(JSON.stringify(key)).digest('hex')}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const answer = compute();
  mkdirSync(FOLDER, { recursive: true });
  // Written under a temporary name and renamed: two workers may write one answer at once.
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(answer));
  renameSync(partial, file);
  return answer;
}

/** Each input's answer, remembered or computed; `computeMany` runs only the inputs not seen before, in one go. */
export function memoizedEach<I, T>(scope: string, inputs: readonly I[], computeMany: (inputs: readonly I[]) => T[]): T[] {
  if (FOLDER === undefined || FOLDER === '') return computeMany(inputs);
  const keyOf = (input: I) => join(FOLDER, `${createHash('sha256').update(JSON.stringify([scope, input])).digest('hex')}.json`);
  const answers: (T | undefined)[] = inputs.map((input) => (existsSync(keyOf(input)) ? (JSON.parse(readFileSync(keyOf(input), 'utf8')) as T) : undefined));
  const missing = inputs.flatMap((input, i) => (answers[i] === undefined ? [i] : []));
  if (missing.length > 0) {
    const computed = computeMany(missing.map((i) => inputs[i]!));
    mkdirSync(FOLDER, { recursive: true });
    missing.forEach((i, k) => {
      answers[i] = computed[k];
      const partial = `${keyOf(inputs[i]!)}.${process.pid}`;
      writeFileSync(partial, JSON.stringify(computed[k]));
      renameSync(partial, keyOf(inputs[i]!));
    });
  }
  return answers as T[];
}
