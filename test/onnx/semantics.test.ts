/**
 * What the exported graph computes: for every family and feature, the logits ONNX Runtime gives for an
 * exported model equal the logits of pycls's own PyTorch model (built from `toPyclsConfig(spec)` by
 * pycls's code, its state_dict filled from the ONNX initializers by name) on the same input, within
 * float tolerance. scripts/onnx-vs-torch.py does the PyTorch side; see its header for the strict
 * weight loading and the folded batch norm mapping. Two deliberately broken graphs (residual Add made
 * Identity, squeeze-excite Sigmoid made Relu) must fail the same comparison.
 *
 * Needs /usr/bin/python3 with torch, onnx and PyYAML, and pycls's source (the local mirror or PYCLS_SRC);
 * skipped, with the reason printed, where they are missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPyclsConfig } from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { CASES, MUTANTS, MUTATED, randomInput, type Case } from './cases.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = 'scripts/onnx-vs-torch.py';
/** |ORT - torch| <= RTOL * max |logit|: float32 kernels sum in different orders (measured: below 5e-7). */
const RTOL = 1e-4;

/** Why the PyTorch side cannot run here, or null when it can. */
function unavailableReason(): string | null {
  const probe = spawnSync(
    PYTHON,
    ['-c', "import sys; sys.path.insert(0, 'scripts'); import torch, onnx, yaml, pycls_env; pycls_env.load()"],
    { encoding: 'utf8' },
  );
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import torch, onnx, PyYAML and pycls: ${probe.stderr.trim().split('\n').at(-1)}`;
  return null;
}

const reason = unavailableReason();
if (reason) console.warn(`skipping ONNX semantics tests: ${reason}`);

interface Comparison {
  error?: string;
  ok?: boolean;
  maxAbsDiff?: number;
  tolerance?: number;
  maxAbsLogit?: number;
  torchLogits?: number[];
  foldedNorms?: number;
  countersNotInOnnx?: number;
}

async function ortLogits(bytes: Uint8Array, input: Float32Array, size: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const out = await session.run({ input: new ort.Tensor('float32', input, [input.length / (3 * size * size), 3, size, size]) });
    return out.logits!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function python(args: string[]): string {
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${SCRIPT} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const raw = (data: Float32Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe.skipIf(reason !== null)('exported graphs compute what pycls computes (ONNX Runtime vs PyTorch)', () => {
  const dir = reason === null ? mkdtempSync(join(tmpdir(), 'fastscale-semantics-')) : '';
  const results = new Map<string, Comparison>();
  const ortOutputs = new Map<string, Float32Array>();

  /** Writes model, config, input and ORT logits of one case; returns its batch entry. */
  async function prepare(id: string, c: Case, bytes: Uint8Array, seed: number) {
    const size = c.spec.resolution.train;
    const input = randomInput(2, size, seed);
    const logits = await ortLogits(bytes, input, size);
    ortOutputs.set(id, logits);
    const files = { onnx: join(dir, `${id}.onnx`), config: join(dir, `${id}.yaml`), input: join(dir, `${id}.in.f32`), ortLogits: join(dir, `${id}.ort.f32`) };
    writeFileSync(files.onnx, bytes);
    writeFileSync(files.config, toPyclsConfig(c.spec));
    writeFileSync(files.input, raw(input));
    writeFileSync(files.ortLogits, raw(logits));
    return { ...files, rtol: RTOL };
  }

  beforeAll(async () => {
    const batch = [];
    for (const [i, c] of CASES.entries()) batch.push(await prepare(`case${i}`, c, toOnnx(c.spec, { seed: i + 1, foldBatchNorm: c.foldBatchNorm }), i + 1));
    const original = join(dir, 'mutant-base.onnx');
    writeFileSync(original, toOnnx(MUTATED.spec, { seed: 99 }));
    for (const kind of MUTANTS) {
      const out = join(dir, `${kind}.onnx`);
      python(['--mutate', kind, '--onnx', original, '--out', out]);
      batch.push(await prepare(kind, MUTATED, readFileSync(out), 99));
    }
    const cases = join(dir, 'cases.json');
    writeFileSync(cases, JSON.stringify(batch));
    const out = JSON.parse(python(['--batch', cases])) as Comparison[];
    const ids = [...CASES.map((_, i) => `case${i}`), ...MUTANTS];
    ids.forEach((id, i) => results.set(id, out[i]!));
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c, i) => [c.title, i] as const))('%s: logits within 1e-4 of the largest logit', (_title, i) => {
    const r = results.get(`case${i}`)!;
    expect(r.error).toBeUndefined();
    // The comparison itself, here as well as in the script: ORT's logits against PyTorch's (float32 run).
    const theirs = r.torchLogits!;
    const ours = ortOutputs.get(`case${i}`)!;
    expect(ours.length).toBe(theirs.length);
    const scale = Math.max(...theirs.map(Math.abs));
    const diff = Math.max(...theirs.map((t, j) => Math.abs(t - ours[j]!)));
    expect(scale).toBeGreaterThan(0);
    expect(diff).toBeLessThanOrEqual(RTOL * scale);
    expect(r.ok).toBe(true);
    // Folded models map every batch norm back onto a conv bias; unfolded ones load each norm directly.
    if (CASES[i]!.foldBatchNorm) expect(r.foldedNorms).toBeGreaterThan(0);
    else expect(r.foldedNorms).toBe(0);
  });

  it.each(MUTANTS)('a graph with %s fails the comparison by far', (kind) => {
    const r = results.get(kind)!;
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(false);
    expect(r.maxAbsDiff!).toBeGreaterThan(100 * r.tolerance!);
  });
});
