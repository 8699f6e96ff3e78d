/**
 * What the exported graph computes, checked without pycls: ONNX Runtime's logits for the networks of
 * test/onnx/cases.ts against the logits pycls's own PyTorch modules computed with the same weights
 * (test/fixtures/onnx-logits.json, made by scripts/onnx-logits-fixtures.ts), and, where torch is
 * installed, live against the PyTorch code `toTorchvision` writes, loaded with the ONNX initializers by
 * name (scripts/onnx-vs-torch.py --torch-code). Graphs broken on purpose (a residual `Add` made an
 * `Identity`, squeeze-excite's `Sigmoid` made a `Relu`: counts and shapes unchanged) fail both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTorchvision } from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { PYTHON, TORCH_MISSING } from '../helpers/torch.js';
import { brokenGraph, CASES, MUTANTS, MUTATED, randomInput, weightsHash, type Case } from './cases.js';

/** |ORT - reference| <= RTOL * max |reference|: float32 kernels sum in other orders (measured: below 5e-7). */
const RTOL = 1e-4;

interface Reference {
  readonly title: string;
  readonly seed: number;
  readonly foldBatchNorm: boolean;
  readonly imageSize: number;
  readonly batch: number;
  readonly weights: string;
  readonly logits: readonly number[];
}

const fixture = JSON.parse(readFileSync(`${FIXTURES}onnx-logits.json`, 'utf8')) as { cases: Reference[] };

/** The cases with the seeds the fixture was made with (case i: seed i + 1; the broken-graph base: 99). */
const SEEDED: (Case & { seed: number })[] = [...CASES.map((c, i) => ({ ...c, seed: i + 1 })), { ...MUTATED, title: `${MUTATED.title} (broken-graph base)`, seed: 99 }];

async function ortLogits(bytes: Uint8Array, input: Float32Array, size: number, batch: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    return (await session.run({ input: new ort.Tensor('float32', input, [batch, 3, size, size]) })).logits!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** The largest difference, and the tolerance RTOL * max |reference|. */
function difference(ours: ArrayLike<number>, reference: readonly number[]): { diff: number; tolerance: number } {
  expect(ours.length).toBe(reference.length);
  const scale = Math.max(...reference.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  return { diff: Math.max(...reference.map((r, j) => Math.abs(r - ours[j]!))), tolerance: RTOL * scale };
}

interface Exported {
  readonly c: Case & { seed: number };
  readonly bytes: Uint8Array;
  readonly input: Float32Array;
  readonly logits: Float32Array;
  /** The broken copies that changed something in this graph, with ORT's logits for them. */
  readonly broken: { kind: (typeof MUTANTS)[number]; bytes: Uint8Array; logits: Float32Array }[];
}

const exported = new Map<string, Exported>();

beforeAll(async () => {
  for (const c of SEEDED) {
    const bytes = toOnnx(c.spec, { seed: c.seed, foldBatchNorm: c.foldBatchNorm });
    const size = c.spec.resolution.train;
    const input = randomInput(2, size, c.seed);
    const broken = [];
    for (const kind of MUTANTS) {
      const graph = brokenGraph(bytes, kind);
      if (graph.changed > 0) broken.push({ kind, bytes: graph.bytes, logits: await ortLogits(graph.bytes, input, size, 2) });
    }
    exported.set(c.title, { c, bytes, input, logits: await ortLogits(bytes, input, size, 2), broken });
  }
}, 600_000);

describe("ONNX Runtime's logits equal pycls's (test/fixtures/onnx-logits.json)", () => {
  it('has a reference for every case, made with the same weights and input', () => {
    expect(fixture.cases.map((r) => r.title)).toEqual(SEEDED.map((c) => c.title));
    for (const [i, c] of SEEDED.entries()) {
      const r = fixture.cases[i]!;
      expect([r.seed, r.foldBatchNorm, r.imageSize, r.batch]).toEqual([c.seed, c.foldBatchNorm, c.spec.resolution.train, 2]);
    }
  });

  it.each(SEEDED.map((c) => [c.title, c] as const))('%s: within 1e-4 of the largest logit', (title, c) => {
    const reference = fixture.cases.find((r) => r.title === title)!;
    const { bytes, logits } = exported.get(title)!;
    // Other weights would make the comparison meaningless: regenerate with npx tsx scripts/onnx-logits-fixtures.ts.
    expect(weightsHash(bytes), 'the exported weights changed since the fixture was made').toBe(reference.weights);
    const { diff, tolerance } = difference(logits, reference.logits);
    expect(diff).toBeLessThanOrEqual(tolerance);
  });

  it('breaks every residual network with Add -> Identity and every squeeze-excite with Sigmoid -> Relu', () => {
    const kinds = (title: string) => exported.get(title)!.broken.map((b) => b.kind);
    expect(kinds(SEEDED.at(-1)!.title)).toEqual(['add-to-identity', 'sigmoid-to-relu']);
    expect(SEEDED.filter((c) => kinds(c.title).includes('add-to-identity')).length).toBeGreaterThanOrEqual(12);
    expect(SEEDED.filter((c) => kinds(c.title).includes('sigmoid-to-relu')).length).toBeGreaterThanOrEqual(6);
  });

  it.each(SEEDED.map((c) => [c.title, c] as const))('%s: each broken graph differs from pycls by far', (title) => {
    const reference = fixture.cases.find((r) => r.title === title)!;
    for (const broken of exported.get(title)!.broken) {
      const { diff, tolerance } = difference(broken.logits, reference.logits);
      expect(diff, broken.kind).toBeGreaterThan(100 * tolerance);
    }
  });
});

describe.skipIf(TORCH_MISSING !== null)(`the PyTorch code toTorchvision writes computes the same logits${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, () => {
  const dir = TORCH_MISSING === null ? mkdtempSync(join(tmpdir(), 'fastscale-logits-')) : '';
  let results: { error?: string; torchLogits64?: number[]; foldedNorms?: number; built?: string }[] = [];

  beforeAll(() => {
    const raw = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const batch = SEEDED.map((c, i) => {
      const e = exported.get(c.title)!;
      const files = { onnx: join(dir, `${i}.onnx`), torchCode: join(dir, `${i}.py`), input: join(dir, `${i}.in.f32`) };
      writeFileSync(files.onnx, e.bytes);
      writeFileSync(files.torchCode, toTorchvision(c.spec));
      writeFileSync(files.input, raw(e.input));
      return files;
    });
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(batch));
    const run = spawnSync(PYTHON, ['scripts/onnx-vs-torch.py', '--batch', join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`onnx-vs-torch.py failed:\n${run.stderr}`);
    results = JSON.parse(run.stdout);
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(SEEDED.map((c, i) => [c.title, i] as const))('%s: ORT within 1e-4 of the largest logit; broken graphs differ by far', (title, i) => {
    const r = results[i]!;
    expect(r.error).toBeUndefined();
    expect(r.built).toBe('torch code');
    const e = exported.get(title)!;
    if (e.c.foldBatchNorm) expect(r.foldedNorms).toBeGreaterThan(0);
    else expect(r.foldedNorms).toBe(0);
    const { diff, tolerance } = difference(e.logits, r.torchLogits64!);
    expect(diff).toBeLessThanOrEqual(tolerance);
    for (const broken of e.broken) expect(difference(broken.logits, r.torchLogits64!).diff, broken.kind).toBeGreaterThan(100 * tolerance);
  });
});
