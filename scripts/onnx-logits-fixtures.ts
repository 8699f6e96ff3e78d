/**
 * Writes test/fixtures/onnx-logits.json: for each network of test/onnx/cases.ts, the logits pycls's own
 * PyTorch modules compute (float64) with the weights of `toOnnx(spec, { seed, foldBatchNorm })` on a
 * seeded input, so that test/onnx/logits.test.ts can check ONNX Runtime against pycls without pycls.
 *
 *   npx tsx scripts/onnx-logits-fixtures.ts
 *
 * Needs /usr/bin/python3 with torch, onnx and PyYAML, and pycls's source (scripts/pycls_env.py); the
 * comparison itself is scripts/onnx-vs-torch.py (strict state_dict loading, folded batch norms mapped
 * back). Every case must also pass that script's own ONNX Runtime comparison, or nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { toPyclsConfig } from '../src/index.js';
import { toOnnx } from '../src/onnx/index.js';
import { CASES, MUTATED, randomInput, weightsHash, type Case } from '../test/onnx/cases.js';

const OUT = 'test/fixtures/onnx-logits.json';
const PYTHON = '/usr/bin/python3';
const RTOL = 1e-4;
const BATCH = 2;

/** The cases with their seeds: the weights and the input of case i come from seed i + 1 (the broken-graph base: 99). */
const SEEDED: (Case & { seed: number })[] = [...CASES.map((c, i) => ({ ...c, seed: i + 1 })), { ...MUTATED, title: `${MUTATED.title} (broken-graph base)`, seed: 99 }];

const raw = (data: Float32Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

async function ortLogits(bytes: Uint8Array, input: Float32Array, size: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    return (await session.run({ input: new ort.Tensor('float32', input, [BATCH, 3, size, size]) })).logits!.data as Float32Array;
  } finally {
    await session.release();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'fastscale-onnx-logits-'));
try {
  const batch = [];
  const hashes: string[] = [];
  for (const [i, c] of SEEDED.entries()) {
    const bytes = toOnnx(c.spec, { seed: c.seed, foldBatchNorm: c.foldBatchNorm });
    hashes.push(weightsHash(bytes));
    const size = c.spec.resolution.train;
    const input = randomInput(BATCH, size, c.seed);
    const files = { onnx: join(dir, `${i}.onnx`), config: join(dir, `${i}.yaml`), input: join(dir, `${i}.in.f32`), ortLogits: join(dir, `${i}.ort.f32`) };
    writeFileSync(files.onnx, bytes);
    writeFileSync(files.config, toPyclsConfig(c.spec));
    writeFileSync(files.input, raw(input));
    writeFileSync(files.ortLogits, raw(await ortLogits(bytes, input, size)));
    batch.push({ ...files, rtol: RTOL });
  }
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(batch));
  const run = spawnSync(PYTHON, ['scripts/onnx-vs-torch.py', '--batch', join(dir, 'cases.json')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`onnx-vs-torch.py failed:\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as { error?: string; ok?: boolean; torchLogits64: number[]; logitsShape: number[]; foldedNorms: number; maxAbsDiff: number; tolerance: number }[];
  const records = SEEDED.map((c, i) => {
    const r = results[i]!;
    if (r.error !== undefined || r.ok !== true) throw new Error(`${c.title}: ${r.error ?? `ORT differs from pycls by ${r.maxAbsDiff} (tolerance ${r.tolerance})`}`);
    return {
      title: c.title,
      seed: c.seed,
      foldBatchNorm: c.foldBatchNorm,
      imageSize: c.spec.resolution.train,
      batch: BATCH,
      weights: hashes[i],
      foldedNorms: r.foldedNorms,
      logitsShape: r.logitsShape,
      // Ten significant digits: far below the float32 runtimes' differences (1e-4 of the largest logit).
      logits: r.torchLogits64.map((x) => Number(x.toPrecision(10))),
    };
  });
  const pycls = spawnSync('git', ['-C', '/work/.mirror/facebookresearch+pycls/repo', 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const fixture = {
    about:
      "Logits of pycls's own PyTorch modules (built from toPyclsConfig(spec) by pycls's code, run in float64 in eval mode) with the weights of toOnnx(spec, { seed, foldBatchNorm }) copied in by name, on randomInput(batch, imageSize, seed) of test/onnx/cases.ts; `weights` is weightsHash of that ONNX model (its initializers), so a change of the exported weights is told apart from a change of what the graph computes. Cases: test/onnx/cases.ts CASES (seed = index + 1) and the broken-graph base (seed 99). Made by scripts/onnx-logits-fixtures.ts with scripts/onnx-vs-torch.py; each case also passed that script's ONNX Runtime comparison (|ort - torch| <= 1e-4 x max |logit|).",
    source: { script: 'scripts/onnx-logits-fixtures.ts', command: 'npx tsx scripts/onnx-logits-fixtures.ts', pycls: `facebookresearch/pycls ${pycls}` },
    cases: records,
  };
  // One line per case: the file stays small and diffs by case.
  const cases = fixture.cases.map((record) => `    ${JSON.stringify(record)}`).join(',\n');
  const head = JSON.stringify({ ...fixture, cases: [] }, null, 2).replace('"cases": []', `"cases": [\n${cases}\n  ]`);
  writeFileSync(OUT, `${head}\n`);
  console.log(`wrote ${OUT}: ${records.length} cases`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
