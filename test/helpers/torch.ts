/**
 * Runs PyTorch code that fastscale emitted (`toTorchvision`) in the system Python, where torch and
 * torchvision are importable (Debian's python3-torchvision), and counts the module it builds with forward
 * hooks under pycls's conventions (scripts/count-torch-code.py). Tests that need it skip, saying why,
 * where Python or torch is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runPythonJson } from '../python.js';
import { memoized, memoizedEach } from './python-memo.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/count-torch-code.py', import.meta.url));

/** The Python that has torch: Debian's, not a pyenv shim. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function probe(): string | null {
  const result = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
  if (result.error !== undefined) return `${PYTHON} cannot be run (${result.error.message})`;
  if (result.status !== 0) return `${PYTHON} cannot import torch and torchvision (install Debian's python3-torchvision)`;
  return null;
}

/** Why torch tests cannot run here, or null when they can. */
export const TORCH_MISSING: string | null = probe();
if (TORCH_MISSING !== null) console.warn(`skipping PyTorch cross-checks: ${TORCH_MISSING}`);

/** What counting the built module gave. */
export interface TorchCount {
  /** [module path, class name, own params] in first-call order. */
  readonly modules: [string, string, number][];
  /** [flops, acts, output shape or null], aligned with `modules`. */
  readonly layers: [number, number, number[] | null][];
  readonly totals: { flops: number; params: number; acts: number };
  /** [key, shape] of every state_dict entry. */
  readonly stateDict: [string, number[]][];
  /** [name, class name] of every module named_modules() lists, parameter-free ones too. */
  readonly namedModules: [string, string][];
  /** With `reference`, torchvision's own builder's state dict. */
  readonly reference?: { stateDict: [string, number[]][] };
}

/**
 * Builds `code`'s `build()` and counts it at `imageSize` px; `reference` names a torchvision builder to
 * compare state dicts with. `device` `'meta'` computes shapes only (what the hooks read): fast for large
 * networks; by default the script's choice (meta above 512 px, else cpu).
 */
export function countTorchCode(code: string, imageSize: number, reference?: string, device?: 'cpu' | 'meta'): TorchCount {
  const args = [SCRIPT, String(imageSize), ...(reference === undefined ? [] : ['--reference', reference]), ...(device === undefined ? [] : ['--device', device])];
  return memoized(['countTorchCode', args.slice(1), code], () => {
    const result = spawnSync(PYTHON, args, { input: code, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`python failed:\n${result.stderr}\n--- code ---\n${code.slice(0, 4000)}`);
    return JSON.parse(result.stdout) as TorchCount;
  });
}

/** One code to build and count in {@link countTorchCodes}. */
export interface TorchJob {
  readonly code: string;
  readonly imageSize: number;
  /** A torchvision builder whose state dict to list beside, called with `referenceArgs` (a ViT's `image_size`). */
  readonly reference?: string;
  readonly referenceArgs?: Readonly<Record<string, number>>;
  /** `meta`: shapes only (fast for large networks); `cpu`: real tensors (the default up to 512 px). */
  readonly device?: 'cpu' | 'meta';
}

/** One module's initial weights (scripts/torch-init-stats.py): a Conv2d, Linear or BatchNorm2d. */
export interface InitRow {
  readonly name: string;
  readonly className: string;
  readonly numel: number;
  readonly mean: number;
  readonly std: number;
  readonly fanIn: number;
  readonly fanOut: number;
  /** The largest |bias|, or null without a bias. */
  readonly maxAbsBias: number | null;
}

/** How each code's `build()` initialises its convs, linears and norms (seeded: the same on every run). */
export function initStats(codes: readonly string[]): InitRow[][] {
  const script = fileURLToPath(new URL('../../scripts/torch-init-stats.py', import.meta.url));
  const rows = runPythonJson<[string, string, number, number, number, number, number, number | null][][]>(script, [], codes);
  return rows.map((model) => model.map(([name, className, numel, mean, std, fanIn, fanOut, maxAbsBias]) => ({ name, className, numel, mean, std, fanIn, fanOut, maxAbsBias })));
}

/** {@link countTorchCode} for many codes in one Python process (importing torch once). */
export function countTorchCodes(jobs: readonly TorchJob[]): TorchCount[] {
  return memoizedEach('countTorchCodes', jobs, (missing) => {
    const result = spawnSync(PYTHON, [SCRIPT, '--batch'], { input: JSON.stringify(missing), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`python failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as TorchCount[];
  });
}
