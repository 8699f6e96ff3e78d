/** toOnnx: the model file itself, batch norm folding, batches, options and errors. */
import { describe, expect, it } from 'vitest';
import { FastscaleError, SpecError, fastScale, zooModel, type ModelSpec } from '../../src/index.js';
import { DEFAULT_OPSET, MAX_OPSET, MIN_OPSET, OnnxError, toOnnx } from '../../src/onnx/index.js';
import { atResolution, cifarResNet } from '../specs.js';
import { decode, randomInput, run } from './helpers.js';


describe('the model file', () => {
  const spec = cifarResNet(8);
  const model = decode(toOnnx(spec));

  it('is opset 17, IR version 8, with input [N, 3, r, r] and output logits', () => {
    expect(DEFAULT_OPSET).toBe(17);
    expect(model.ir_version).toBe(8);
    expect(model.opset_import).toEqual([{ domain: '', version: 17 }]);
    expect(model.graph.input.map((i) => i.name)).toEqual(['input']);
    expect(model.graph.output.map((o) => o.name)).toEqual(['logits']);
  });

  it('names initializers after the pycls state dict, each once, batch norm statistics apart', () => {
    const names = model.graph.initializer.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(0, 5)).toEqual(['stem.conv.weight', 'stem.bn.weight', 'stem.bn.bias', 'stem.bn.running_mean', 'stem.bn.running_var']);
    expect(names).toContain('s2.b1.proj.weight');
    expect(names).toContain('s3.b1.f.b_bn.running_var');
    expect(names.at(-1)).toBe('head.fc.bias');
  });

  it('records the spec it was made from', () => {
    const meta = Object.fromEntries(model.metadata_props.map((p) => [p.key, p.value]));
    expect(JSON.parse(meta['fastscale.spec']!)).toEqual(spec);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = toOnnx(spec, { seed: 7 });
    expect(Buffer.from(toOnnx(spec, { seed: 7 })).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(toOnnx(spec, { seed: 8 })).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(toOnnx(spec)).equals(Buffer.from(toOnnx(spec, { seed: 0 })))).toBe(true);
  });

  it.each([MIN_OPSET, 21, MAX_OPSET])('writes opset %i, which onnxruntime runs', async (opset) => {
    const bytes = toOnnx(spec, { opset });
    expect(decode(bytes).opset_import[0]!.version).toBe(opset);
    const out = await run(bytes, randomInput(1, 32));
    expect(out.logits!.dims).toEqual([1, 10]);
  });
});

describe('batches', () => {
  it.each([
    ['RegNetY-200MF', atResolution(zooModel('RegNetY-200MF'), 64)],
    ['EfficientNet-B0', atResolution(zooModel('EfficientNet-B0'), 64)],
  ])('%s gives logits [N, numClasses] for N = 1 and N = 4, image by image', async (_name, spec) => {
    const bytes = toOnnx(spec, { foldBatchNorm: true });
    const batch = randomInput(4, 64);
    const four = await run(bytes, batch);
    expect(four.logits!.dims).toEqual([4, 1000]);
    // The first image alone gives the first row: images do not interact at inference.
    const first = randomInput(1, 64);
    expect(Array.from(first.data as Float32Array)).toEqual(Array.from((batch.data as Float32Array).subarray(0, 3 * 64 * 64)));
    const one = await run(bytes, first);
    expect(one.logits!.dims).toEqual([1, 1000]);
    // Batched and single runs may use different kernels: equal up to float32 rounding (see folding below).
    const row = (four.logits!.data as Float32Array).subarray(0, 1000);
    const single = one.logits!.data as Float32Array;
    const scale = Math.max(...Array.from(single, Math.abs));
    expect(Math.max(...Array.from(single, (v, i) => Math.abs(v - row[i]!)))).toBeLessThanOrEqual(1e-4 * scale);
  });
});

describe('folding batch norm', () => {
  /**
   * Folding changes only the order of float32 roundings: a conv then multiplies by the batch norm factor
   * before summing instead of after. Each layer's relative error stays within a few units of float32's
   * 6e-8 roundoff times sqrt(terms summed); over ~50 layers that is ~1e-5 of the logits' scale at most
   * (measured: ~5e-7). A real mistake (a wrong channel, epsilon or shift) moves logits by their own size,
   * so 1e-4 of the largest logit separates the two by orders of magnitude.
   */
  const TOLERANCE = 1e-4;

  it.each([
    ['RegNetY-200MF (squeeze-excite, groups)', zooModel('RegNetY-200MF')],
    ['EfficientNet-B0 (depthwise, SiLU)', atResolution(zooModel('EfficientNet-B0'), 96)],
    ['CIFAR ResNet-20 (projections)', cifarResNet(20)],
    ['fastScale(RegNetX-200MF, 4)', atResolution(fastScale(zooModel('RegNetX-200MF'), 4), 96)],
  ])('%s: the same logits within 1e-4 of their scale, without BatchNormalization nodes', async (_name, spec) => {
    const plain = toOnnx(spec, { seed: 3 });
    const folded = toOnnx(spec, { seed: 3, foldBatchNorm: true });
    const ops = (bytes: Uint8Array) => decode(bytes).graph.node.map((n) => n.op_type);
    expect(ops(plain)).toContain('BatchNormalization');
    expect(ops(folded)).not.toContain('BatchNormalization');
    expect(ops(folded).length).toBeLessThan(ops(plain).length);

    const input = randomInput(2, spec.resolution.train);
    const a = (await run(plain, input)).logits!.data as Float32Array;
    const b = (await run(folded, input)).logits!.data as Float32Array;
    const scale = Math.max(...Array.from(a, Math.abs));
    expect(scale).toBeGreaterThan(1e-3); // the comparison means something
    expect(a.every(Number.isFinite)).toBe(true);
    const worst = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
    expect(worst).toBeLessThanOrEqual(TOLERANCE * scale);
  });

  it('keeps logits finite and of order 1 in a 1202-layer CIFAR ResNet', async () => {
    const out = await run(toOnnx(cifarResNet(1202), { foldBatchNorm: true }), randomInput(1, 32));
    const logits = Array.from(out.logits!.data as Float32Array);
    expect(logits.every(Number.isFinite)).toBe(true);
    expect(Math.max(...logits.map(Math.abs))).toBeLessThan(100);
  });
});

describe('errors', () => {
  const spec = cifarResNet(8);

  it('throws SpecError for an invalid spec', () => {
    expect(() => toOnnx({ ...spec, numClasses: 0 })).toThrow(SpecError);
    expect(() => toOnnx({ ...spec, depth: 21 })).toThrow(SpecError);
    expect(() => toOnnx(null as unknown as ModelSpec)).toThrow(SpecError);
  });

  it.each([
    [{ seed: -1 }, 'options.seed', '-1'],
    [{ seed: 2 ** 32 }, 'options.seed', '4294967296'],
    [{ seed: 0.5 }, 'options.seed', '0.5'],
    [{ opset: 12 }, 'options.opset', '12'],
    [{ opset: MAX_OPSET + 1 }, 'options.opset', String(MAX_OPSET + 1)],
    [{ foldBatchNorm: 'yes' }, 'options.foldBatchNorm', '"yes"'],
    [{ exposeActivations: 1 }, 'options.exposeActivations', '1'],
    [{ fold: true }, 'options.fold', 'not a field'],
    [null, 'options', 'null'],
  ])('throws OnnxError for options %j, naming %s and the value', (options, path, value) => {
    const error = catchError(() => toOnnx(spec, options as never));
    expect(error).toBeInstanceOf(OnnxError);
    expect(error).toBeInstanceOf(FastscaleError);
    expect((error as OnnxError).path).toBe(path);
    expect((error as OnnxError).message).toContain(value);
  });

  it('throws OnnxError, before allocating, for weights beyond the 2 GiB protobuf limit', () => {
    const huge: ModelSpec = {
      family: 'anynet',
      stem: { type: 'simple_stem_in', width: 16 },
      blockType: 'vanilla_block',
      stages: [{ depth: 1, width: 16384, stride: 1, bottleneckMultiplier: 1, groupWidth: 1 }],
      seRatio: null,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 8, test: 8 },
    };
    const error = catchError(() => toOnnx(huge));
    expect(error).toBeInstanceOf(OnnxError);
    expect((error as OnnxError).message).toMatch(/2418508250 parameters need 9674033000 bytes, more than .* 2 GiB/);
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
