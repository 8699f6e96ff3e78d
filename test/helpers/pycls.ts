/**
 * Runs pycls's own code (the bare git mirror's HEAD, unmodified, through scripts/pycls_env.py) on pycls
 * YAML configs: its complexity and the state dict of the module it builds. Tests that need it skip, saying
 * why, where the mirror, Python or torch is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Complexity } from '../../src/index.js';
import { memoizedEach } from './python-memo.js';
import { PYTHON, TORCH_MISSING } from './torch.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/pycls-config-complexity.py', import.meta.url));
const MIRROR = process.env.PYCLS_MIRROR ?? '/work/.mirror/facebookresearch+pycls/repo';

/** Why pycls cannot be run here, or null when it can. */
export const PYCLS_MISSING: string | null =
  TORCH_MISSING ?? (existsSync(MIRROR) || process.env.PYCLS_SRC !== undefined ? null : `no pycls mirror at ${MIRROR} (set PYCLS_MIRROR or PYCLS_SRC)`);
if (PYCLS_MISSING !== null) console.warn(`skipping live pycls cross-checks: ${PYCLS_MISSING}`);

/** What pycls says of one config. */
export interface PyclsResult {
  readonly complexity?: Complexity;
  /** pycls's AssertionError, where it rejects the config. */
  readonly error?: string;
  /** With `stateDict`: [key, shape] of the module pycls builds. */
  readonly stateDict?: [string, number[]][];
  /** With `stateDict`: [name, class name] of every module pycls builds (named_modules()). */
  readonly modules?: [string, string][];
}

/** pycls's complexity of each YAML config (and its module's state dict), in one Python process. */
export function runPycls(configs: readonly string[], stateDict = false): PyclsResult[] {
  return memoizedEach(`runPycls ${stateDict}`, configs, (missing) => {
    const result = spawnSync(PYTHON, [SCRIPT, ...(stateDict ? ['--state-dict'] : [])], { input: JSON.stringify(missing), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`python failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as PyclsResult[];
  });
}
