/**
 * The machine's Python, for cross-checks against the reference implementations (PyYAML, literal_eval,
 * pycls's own functions). Debian's `/usr/bin/python3` has the packages; a pyenv shim may not.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { memoized } from './helpers/python-memo.js';

export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Why Python with these modules cannot run here, or null when it can. */
export function pythonUnavailable(modules: readonly string[]): string | null {
  const probe = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} lacks ${modules.join(', ')} (${probe.stderr.trim().split('\n').pop()})`;
  return null;
}

/** Runs a Python script file with JSON on stdin and returns its JSON output. */
export function runPythonJson<T>(script: string, args: readonly string[], input: unknown): T {
  return memoized(['runPythonJson', script, args, input], () => {
    const result = spawnSync(PYTHON, [script, ...args], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  });
}
