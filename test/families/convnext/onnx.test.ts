/**
 * ConvNeXt as ONNX: the ops only it uses (per-pixel linears on a channels-last tensor, LayerNorm over
 * channels in either layout, layer scale, GELU) run in ONNX Runtime, hold `complexity`'s params and acts,
 * and compute what torchvision's ConvNeXt computes: the same weights loaded into `toTorchvision`'s
 * network give the same logits in PyTorch (skipped, saying why, without torch and onnx).
 */
import { describe, expect, it } from 'vitest';
import { complexity, scale, zooModel, type ConvNeXtSpec } from '../../../src/index.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { expectTorchLogits, ONNX_TORCH_MISSING } from '../../helpers/onnx-torch.js';
import { decode, floats, randomInput, run } from '../../onnx/helpers.js';

const small: ConvNeXtSpec = {
  family: 'convnext',
  stages: [
    { depth: 2, width: 16 },
    { depth: 1, width: 24 },
    { depth: 2, width: 40 },
  ],
  numClasses: 10,
  resolution: { train: 36, test: 36 },
};

/** [label, spec, whether PyTorch recomputes it too (the small ones: the ops are the same at any size)]. */
const CASES: [string, ConvNeXtSpec, boolean][] = [
  ['three stages at 36 px (sides 9, 4, 2)', small, true],
  ['one stage at 8 px', { ...small, stages: [{ depth: 3, width: 8 }], resolution: { train: 8, test: 8 } }, true],
  ["the three stages scaled 'dWr' x4", scale(small, 'dWr', 4), true],
  ['convnext_tiny at 64 px', { ...zooModel('convnext_tiny'), resolution: { train: 64, test: 64 } }, false],
];

const isBuffer = (name: string): boolean => name.endsWith('.running_mean') || name.endsWith('.running_var') || name.startsWith('const.');
const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

describe.each(CASES)('%s', (_label, spec, inTorch) => {
  it('holds the params complexity() counts, exposes outputs holding its acts, and runs', async () => {
    const expected = complexity(spec);
    const bytes = toOnnx(spec, { exposeActivations: true });
    const model = decode(bytes);
    const params = model.graph.initializer.filter((t) => !isBuffer(t.name)).reduce((sum, t) => sum + elements(t.dims), 0);
    expect(params).toBe(expected.params);
    const outputs = await run(bytes, randomInput(1, spec.resolution.train));
    const acts = Object.entries(outputs).reduce((sum, [, tensor]) => sum + tensor.data.length, 0);
    expect(acts).toBe(expected.acts);
    expect(outputs.logits!.dims).toEqual([1, spec.numClasses]);
    for (const value of outputs.logits!.data as Float32Array) expect(Number.isFinite(value)).toBe(true);
  });

  it("names the layer scale, norms and linears after torchvision's state dict, with its shapes", () => {
    const initializers = decode(toOnnx(spec)).graph.initializer;
    const names = new Set(initializers.map((t) => t.name));
    const width = spec.stages[0]!.width;
    // A per-pixel linear keeps PyTorch's [out, in] weight; a Transpose feeds it to MatMul.
    expect(initializers.find((t) => t.name === 'features.1.0.block.3.weight')!.dims).toEqual([4 * width, width]);
    expect(initializers.find((t) => t.name === 'features.1.0.layer_scale')!.dims).toEqual([width, 1, 1]);
    for (const name of ['features.0.1.weight', 'features.1.0.layer_scale', 'features.1.0.block.2.bias', 'features.1.0.block.3.weight', 'features.1.0.block.3.bias', 'classifier.0.weight', 'classifier.2.weight']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it.skipIf(!inTorch || ONNX_TORCH_MISSING !== null)(`computes torchvision's ConvNeXt: PyTorch gives the same logits with the same weights${ONNX_TORCH_MISSING === null ? '' : ` (skipped: ${ONNX_TORCH_MISSING})`}`, async () => {
    for (const opset of [17, 20]) {
      // Opset 20 has a Gelu operator; below it, GELU is written with Erf.
      const bytes = toOnnx(spec, { seed: 7, opset });
      await expectTorchLogits(spec, bytes, 3);
    }
  });
});

describe('the graph of a two-stage ConvNeXt', () => {
  const twoStages: ConvNeXtSpec = { family: 'convnext', stages: [{ depth: 1, width: 8 }, { depth: 1, width: 16 }], numClasses: 10, resolution: { train: 32, test: 32 } };
  // Built in each test, not while collecting: mutation testing counts what a test runs as covered by it.
  const graph = () => decode(toOnnx(twoStages)).graph;

  it("names each node after torchvision's module, in forward order (CNBlock: block.0 to block.6, then layer_scale)", () => {
    // torchvision's CNBlock.block is Sequential(Conv2d, Permute, LayerNorm, Linear, GELU, Linear, Permute);
    // the classifier is Sequential(LayerNorm2d, Flatten, Linear). Helper nodes (transposes around a
    // LayerNorm2d, MatMul parts, GELU's Erf parts, constants) are left out.
    const helper = /\.(to_nhwc|to_nchw|weight_t|matmul|scaled|erf|one_plus|product)$|^const\./;
    const block = (at: string) => [
      ['Conv', `${at}.block.0`],
      ['Transpose', `${at}.block.1`],
      ['LayerNormalization', `${at}.block.2`],
      ['Add', `${at}.block.3`],
      ['Mul', `${at}.block.4`],
      ['Add', `${at}.block.5`],
      ['Transpose', `${at}.block.6`],
      ['Mul', `${at}.layer_scale.mul`],
      ['Add', at],
    ];
    expect(graph().node.filter((n) => !helper.test(n.name)).map((n) => [n.op_type, n.name])).toEqual([
      ['Conv', 'features.0.0'],
      ['LayerNormalization', 'features.0.1'],
      ...block('features.1.0'),
      ['LayerNormalization', 'features.2.0'],
      ['Conv', 'features.2.1'],
      ...block('features.3.0'),
      ['GlobalAveragePool', 'avgpool'],
      ['LayerNormalization', 'classifier.0'],
      ['Flatten', 'classifier.1'],
      ['Gemm', 'classifier.2'],
    ]);
  });

  it('draws every LayerNorm scale in [0.5, 1): no norm ends a residual branch (the layer scale does)', () => {
    const scales = graph().initializer.filter((t) => /(^features\.0\.1|^features\.2\.0|block\.2|^classifier\.0)\.weight$/.test(t.name));
    expect(scales.map((t) => t.name)).toEqual(['features.0.1.weight', 'features.1.0.block.2.weight', 'features.2.0.weight', 'features.3.0.block.2.weight', 'classifier.0.weight']);
    for (const t of scales) {
      const values = floats(t);
      expect(Math.min(...values), t.name).toBeGreaterThanOrEqual(0.5);
      expect(Math.max(...values), t.name).toBeLessThan(1);
    }
  });
});
