/**
 * scripts/plant-bugs.py plants known kinds of bugs by replacing a piece of source text: each piece must
 * still be in its file exactly once, and each named test file must exist, or the script can no longer
 * plant that bug (the sources move under refactoring; this keeps the script in step with them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PYTHON, pythonUnavailable } from '../python.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const missing = pythonUnavailable([]);

describe.skipIf(missing !== null)(`scripts/plant-bugs.py can plant every bug it lists${missing === null ? '' : ` (skipped: ${missing})`}`, () => {
  const listed = spawnSync(PYTHON, [`${ROOT}scripts/plant-bugs.py`, '--list'], { encoding: 'utf8' });
  const bugs = listed.status === 0 ? (JSON.parse(listed.stdout) as [string, string, string, string, string[]][]) : [];

  it('lists at least the 18 kinds of bugs of issue 15', () => {
    expect(listed.stderr).toBe('');
    expect(bugs.length).toBeGreaterThanOrEqual(18);
  });

  it.each(bugs.map(([name, file, old, replacement, tests]) => [name, file, old, replacement, tests] as const))('%s: its text is in %s exactly once, and its tests exist', (_name, file, old, replacement, tests) => {
    const source = readFileSync(`${ROOT}${file}`, 'utf8');
    expect(source.split(old).length - 1).toBe(1);
    expect(replacement).not.toBe(old);
    for (const test of tests) expect(existsSync(`${ROOT}${test}`), test).toBe(true);
  });
});
