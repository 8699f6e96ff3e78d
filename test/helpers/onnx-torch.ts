/**
 * Runs the weights of an exported ONNX model in PyTorch (scripts/torch-logits.py): the network of
 * `toTorchvision`'s code with the ONNX initializers loaded by state-dict key, on the same input. Equal
 * logits show that the ONNX graph computes what the PyTorch modules of the same names compute.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { toTorchvision, type ModelSpec } from '../../src/index.js';
import { randomInput, run } from '../onnx/helpers.js';
import { memoized } from './python-memo.js';
import { PYTHON } from './torch.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/torch-logits.py', import.meta.url));

function probe(): string | null {
  const result = spawnSync(PYTHON, ['-c', 'import torch, torchvision, onnx, numpy'], { encoding: 'utf8' });
  if (result.error !== undefined) return `${PYTHON} cannot be run (${result.error.message})`;
  if (result.status !== 0) return `${PYTHON} cannot import torch, torchvision, onnx and numpy`;
  return null;
}

/** Why ONNX-in-PyTorch checks cannot run here, or null when they can. */
export const ONNX_TORCH_MISSING: string | null = probe();
if (ONNX_TORCH_MISSING !== null) console.warn(`skipping ONNX-in-PyTorch checks: ${ONNX_TORCH_MISSING}`);

/** What PyTorch computed with the ONNX model's weights. */
export interface TorchLogits {
  readonly logits: number[];
  /** State-dict entries set from the ONNX model. */
  readonly loaded: number;
  /** State-dict entries the ONNX model did not provide (besides `num_batches_tracked`). */
  readonly missing: string[];
}

/** PyTorch's logits of `code`'s network carrying `onnx`'s weights, on an NCHW float32 `input`. */
export function torchLogits(code: string, onnx: Uint8Array, input: Float32Array, batch: number, size: number): TorchLogits {
  const inputBytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  return memoized(['torchLogits', code, digest(onnx), digest(inputBytes), batch, size], () => computeTorchLogits(code, onnx, inputBytes, batch, size));
}

function computeTorchLogits(code: string, onnx: Uint8Array, inputBytes: Uint8Array, batch: number, size: number): TorchLogits {
  const dir = mkdtempSync(join(tmpdir(), 'fastscale-onnx-torch-'));
  try {
    const modelPath = join(dir, 'model.onnx');
    const inputPath = join(dir, 'input.f32');
    writeFileSync(modelPath, onnx);
    writeFileSync(inputPath, inputBytes);
    const result = spawnSync(PYTHON, [SCRIPT, modelPath, inputPath, String(batch), String(size)], { input: code, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`python failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as TorchLogits;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Expects ONNX Runtime to give, for `bytes` (an ONNX export of `spec`) on two random images (`inputSeed`),
 * the logits PyTorch gives with the same weights loaded by name into the network of `toTorchvision(spec)`:
 * every weight found, logits not all near 0, each within 1e-4 of the largest.
 */
export async function expectTorchLogits(spec: ModelSpec, bytes: Uint8Array, inputSeed: number): Promise<void> {
  const input = randomInput(2, spec.resolution.train, inputSeed);
  const ort = Array.from((await run(bytes, input)).logits!.data as Float32Array);
  const torch = torchLogits(toTorchvision(spec), bytes, input.data as Float32Array, 2, spec.resolution.train);
  expect(torch.missing).toEqual([]);
  const largest = Math.max(...torch.logits.map(Math.abs));
  expect(largest).toBeGreaterThan(1e-3);
  ort.forEach((value, i) => expect(Math.abs(value - torch.logits[i]!)).toBeLessThanOrEqual(1e-4 * largest));
}
