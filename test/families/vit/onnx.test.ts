/**
 * Vision transformers as ONNX models, run in onnxruntime-node: the parameter initializers hold
 * `complexity(spec).params` numbers, the exposed tensors of one image (every conv and linear output and
 * attention's four counted tensors) plus the logits hold `complexity(spec).acts`, and the attention tensors
 * have the shapes pycls counts; with the same weights loaded into the PyTorch network of `toTorchvision`
 * (torchvision's own VisionTransformer where it builds the spec), PyTorch gives the same logits (skipped,
 * saying why, without torch and onnx).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, scale, zooModel, type VitSpec } from '../../../src/index.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { FIXTURES } from '../../fixtures.js';
import { decode, floats, randomInput, run } from '../../onnx/helpers.js';
import { describeTorchLogits } from '../../helpers/onnx-family.js';

const atSize = (spec: VitSpec, size: number): VitSpec => ({ ...spec, resolution: { train: size, test: size } });
const tiny = (spec: VitSpec, size: number): VitSpec => ({ ...atSize(spec, size), layers: 2 });

const cases: Record<string, VitSpec> = {
  'ViT-Ti/16 (zoo, 224 px)': zooModel('ViT-Ti/16') as VitSpec,
  'ViT-C-1.0GF, two blocks, 64 px (pycls conv stem)': tiny(zooModel('ViT-C-1.0GF') as VitSpec, 64),
  'vit_b_32, two blocks, pooled, 64 px (torchvision names)': { ...tiny(zooModel('vit_b_32') as VitSpec, 64), classifier: 'pooled' },
  'fastScale(ViT-Ti/16, 1/4), 48 px': atSize(fastScale(zooModel('ViT-Ti/16'), 1 / 4), 48),
  "scale(ViT-C-1.0GF, 'r', 2), two blocks": { ...scale(zooModel('ViT-C-1.0GF'), 'r', 2), layers: 2 },
  'odd kernels, patch 6, 18 px, one head': {
    family: 'vit',
    patchSize: 6,
    stem: { type: 'conv', convs: [{ kernel: 5, stride: 3, width: 8 }, { kernel: 3, stride: 2, width: 12 }] },
    layers: 1,
    heads: 1,
    hiddenWidth: 12,
    mlpWidth: 5,
    classifier: 'token',
    numClasses: 3,
    resolution: { train: 18, test: 18 },
  },
};

/** BN running statistics are buffers (PyTorch's state dict has them, `parameters()` does not). */
const isBuffer = (name: string): boolean => name.endsWith('.running_mean') || name.endsWith('.running_var');
const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

describe.each(Object.entries(cases))('%s', (_label, spec) => {
  it.each([17, 18, 20])('opset %i: onnxruntime runs it; params and exposed acts are complexity()', async (opset) => {
    const expected = complexity(spec);
    const bytes = toOnnx(spec, { exposeActivations: true, opset, seed: 3 });
    const model = decode(bytes);
    const params = model.graph.initializer.filter((t) => !isBuffer(t.name)).reduce((sum, t) => sum + elements(t.dims), 0);
    expect(params).toBe(expected.params);

    const outputs = await run(bytes, randomInput(1, spec.resolution.train));
    expect(outputs.logits!.dims).toEqual([1, spec.numClasses]);
    const acts = Object.values(outputs).reduce((sum, t) => sum + t.data.length, 0);
    expect(acts).toBe(expected.acts);
    for (const t of Object.values(outputs)) expect((t.data as Float32Array).every(Number.isFinite)).toBe(true);

    // Per attention module: qkv [L, 3C], scores [heads, L, L], attention x v [heads, L, C / heads], output [L, C].
    const side = spec.resolution.train / spec.patchSize;
    const tokens = side * side + (spec.classifier === 'token' ? 1 : 0);
    const { hiddenWidth: c, heads } = spec;
    const attention = Object.keys(outputs).filter((name) => name.endsWith('.scores'));
    expect(attention).toHaveLength(spec.layers);
    for (const scores of attention) {
      const name = scores.slice(0, -'.scores'.length);
      expect(outputs[`${name}.qkv`]!.dims).toEqual([1, tokens, 3 * c]);
      expect(outputs[scores]!.dims).toEqual([1, heads, tokens, tokens]);
      expect(outputs[`${name}.context`]!.dims).toEqual([1, heads, tokens, c / heads]);
      expect(outputs[name]!.dims).toEqual([1, tokens, c]);
    }
  });
});

describe('vit_b_16 as ONNX', () => {
  it("names its initializers after torchvision's state dict, with its shapes (per-token linears keep [out, in])", () => {
    const model = decode(toOnnx(zooModel('vit_b_16')));
    const initializers = new Map(model.graph.initializer.map((t) => [t.name, t.dims]));
    const fixture = JSON.parse(readFileSync(`${FIXTURES}torchvision/vit_b_16.json`, 'utf8')) as { stateDict: [string, number[]][] };
    for (const [key, shape] of fixture.stateDict) expect(initializers.get(key), key).toEqual(shape);
    expect(initializers.size).toBe(fixture.stateDict.length);
  });

  it('gives the same logits image by image in a batch of 2, and differs from another seed', async () => {
    const spec = tiny(zooModel('vit_b_16') as VitSpec, 32);
    const bytes = toOnnx(spec, { seed: 5 });
    const batch = await run(bytes, randomInput(2, 32));
    const single = await run(bytes, randomInput(1, 32));
    const row = (batch.logits!.data as Float32Array).subarray(0, 1000);
    const one = single.logits!.data as Float32Array;
    const scaleOf = Math.max(...Array.from(one, Math.abs));
    expect(Math.max(...Array.from(one, (v, i) => Math.abs(v - row[i]!)))).toBeLessThanOrEqual(1e-4 * scaleOf);
    const other = await run(toOnnx(spec, { seed: 6 }), randomInput(1, 32));
    expect(Array.from(other.logits!.data as Float32Array)).not.toEqual(Array.from(one));
  });
});

describe("a vision transformer's norms as ONNX", () => {
  it.each<[string, () => VitSpec]>([
    ["pycls's, with a conv stem (BatchNorm) and encoder LayerNorms", () => tiny(zooModel('ViT-C-1.0GF') as VitSpec, 64)],
    ["torchvision's", () => tiny(zooModel('vit_b_16') as VitSpec, 32)],
    ["torchvision's, with a conv stem (Conv2dNormActivation's BatchNorm2d)", () => ({ ...tiny(zooModel('vit_b_16') as VitSpec, 32), stem: { type: 'conv', convs: [{ kernel: 3, stride: 16, width: 64 }, { kernel: 1, stride: 1, width: 768 }] } })],
  ])('%s: every scale drawn in [0.5, 1), as no norm ends a residual branch (pre-norm blocks)', (_label, specOf) => {
    const graph = decode(toOnnx(specOf())).graph;
    const weights = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
    const norms = graph.node.filter((node) => node.op_type === 'LayerNormalization' || node.op_type === 'BatchNormalization');
    expect(norms.length).toBeGreaterThan(3);
    for (const norm of norms) {
      const scale = floats(weights.get(norm.input[1]!)!);
      expect(Math.min(...scale), norm.name).toBeGreaterThanOrEqual(0.5);
      expect(Math.max(...scale), norm.name).toBeLessThan(1);
    }
  });
});

describeTorchLogits(
  [
    ["ViT-Ti/16 as torchvision names it, two blocks, 32 px (torchvision's VisionTransformer)", () => ({ ...tiny(zooModel('ViT-Ti/16') as VitSpec, 32), implementation: 'torchvision' })],
    ['ViT-C-1.0GF, two blocks, 32 px (pycls conv stem, module by module)', () => tiny(zooModel('ViT-C-1.0GF') as VitSpec, 32)],
    ['ViT-Ti/16 pooled, two blocks, 32 px (module by module)', () => ({ ...tiny(zooModel('ViT-Ti/16') as VitSpec, 32), classifier: 'pooled' })],
  ],
  'the PyTorch modules',
);
