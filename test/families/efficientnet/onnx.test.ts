/**
 * EfficientNets with fused-MBConv stages and torchvision's names as ONNX: they run in ONNX Runtime, hold
 * `complexity`'s params and acts, and compute what the PyTorch network of `toTorchvision` computes with
 * the same weights (torchvision's own classes for torchvision-named specs; skipped, saying why, without
 * torch and onnx).
 */
import { describe, expect, it } from 'vitest';
import { complexity, type EfficientNetSpec } from '../../../src/index.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { expectTorchLogits, ONNX_TORCH_MISSING } from '../../helpers/onnx-torch.js';
import { decode, expectBatchNorms, randomInput, run } from '../../onnx/helpers.js';

/** A small EfficientNetV2: fused stages with and without expansion, then MBConv stages with squeeze-excite. */
const smallV2: EfficientNetSpec = {
  family: 'efficientnet',
  stemWidth: 16,
  stages: [
    { depth: 2, width: 16, expansionRatio: 1, kernel: 3, stride: 1, fused: true },
    { depth: 2, width: 24, expansionRatio: 4, kernel: 3, stride: 2, fused: true },
    { depth: 2, width: 32, expansionRatio: 4, kernel: 3, stride: 2 },
    { depth: 1, width: 48, expansionRatio: 6, kernel: 5, stride: 1 },
  ],
  seRatio: 0.25,
  headWidth: 96,
  numClasses: 10,
  activation: 'silu',
  resolution: { train: 32, test: 32 },
  implementation: 'torchvision',
  batchNormEps: 1e-3,
};

const { batchNormEps: _eps, ...defaultEps } = smallV2;

const CASES: [string, EfficientNetSpec][] = [
  ["torchvision's names, fused and MBConv stages, eps 1e-3", smallV2],
  ["pycls's names, fused and MBConv stages", { ...defaultEps, implementation: 'pycls' }],
  ["torchvision's names, V1 (MBConv only), ratio 4.5 rounded by _make_divisible", { ...defaultEps, stages: smallV2.stages.slice(2).map((s) => ({ ...s, expansionRatio: 4.5 })) }],
];

const isBuffer = (name: string): boolean => name.endsWith('.running_mean') || name.endsWith('.running_var') || name.startsWith('const.');
const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
describe.each(CASES)('%s', (_label, spec) => {
  it('holds the params complexity() counts, exposes outputs holding its acts, and runs', async () => {
    const expected = complexity(spec);
    const bytes = toOnnx(spec, { exposeActivations: true });
    const params = decode(bytes).graph.initializer.filter((t) => !isBuffer(t.name)).reduce((sum, t) => sum + elements(t.dims), 0);
    expect(params).toBe(expected.params);
    const outputs = await run(bytes, randomInput(1, spec.resolution.train));
    expect(Object.values(outputs).reduce((sum, tensor) => sum + tensor.data.length, 0)).toBe(expected.acts);
    expect(outputs.logits!.dims).toEqual([1, spec.numClasses]);
  });

  it('folds every batch norm into its conv and still runs', async () => {
    const folded = toOnnx(spec, { foldBatchNorm: true });
    expect(decode(folded).graph.node.some((n) => n.op_type === 'BatchNormalization')).toBe(false);
    const [a, b] = [await run(folded, randomInput(1, spec.resolution.train)), await run(toOnnx(spec), randomInput(1, spec.resolution.train))];
    const scaleOf = Math.max(...Array.from(b.logits!.data as Float32Array, Math.abs));
    (a.logits!.data as Float32Array).forEach((value, i) => expect(Math.abs(value - (b.logits!.data as Float32Array)[i]!)).toBeLessThanOrEqual(1e-4 * scaleOf));
  });

  it.skipIf(ONNX_TORCH_MISSING !== null)(`gives the logits PyTorch gives with the same weights${ONNX_TORCH_MISSING === null ? '' : ` (skipped: ${ONNX_TORCH_MISSING})`}`, async () => {
    const bytes = toOnnx(spec, { seed: 5 });
    await expectTorchLogits(spec, bytes, 9);
  });
});

describe("an EfficientNet's batch norms as ONNX", () => {
  // Built in each test, not while collecting: mutation testing counts what a test runs as covered by it.
  const graphOf = (spec: EfficientNetSpec) => decode(toOnnx(spec)).graph;

  it.each<[string, () => EfficientNetSpec, number]>([
    ["pycls's (BatchNorm2d's default eps 1e-5)", () => ({ ...defaultEps, implementation: 'pycls' }), 1e-5],
    ["torchvision's V2 (norm_layer = partial(nn.BatchNorm2d, eps=1e-03))", () => smallV2, 1e-3],
    ["pycls's names with batch norm eps 1e-3", () => ({ ...smallV2, implementation: 'pycls' }), 1e-3],
  ])('%s: every BatchNormalization has the spec eps; only the last before each residual Add draws scales below 0.5', (_label, spec, eps) => {
    expectBatchNorms(graphOf(spec()), eps);
  });
});
