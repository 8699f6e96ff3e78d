/**
 * toOnnx on MobileNets, run in onnxruntime-node: the graph is the network the description counts (its
 * parameter initializers hold complexity's params, its Conv and Gemm outputs complexity's acts, its
 * multiply-adds complexity's flops) and gives logits [1, numClasses]; with the same weights loaded into
 * the PyTorch network of `toTorchvision`, PyTorch gives the same logits (skipped, saying why, without torch
 * and onnx).
 */
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, zooModel, type ModelSpec } from '../../../src/index.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { expectTorchLogits, ONNX_TORCH_MISSING } from '../../helpers/onnx-torch.js';
import { atResolution } from '../../specs.js';
import { graphComplexity } from '../../helpers/onnx-complexity.js';
import { decode, expectBatchNorms } from '../../onnx/helpers.js';

const cases: Record<string, ModelSpec> = {
  'mobilenet_v2, 64 px': atResolution(zooModel('mobilenet_v2'), 64),
  'mobilenet_v3_large, 65 px': atResolution(zooModel('mobilenet_v3_large'), 65),
  'mobilenet_v3_small, 96 px': atResolution(zooModel('mobilenet_v3_small'), 96),
  'fastScale(mobilenet_v3_small, 2), 57 px': atResolution(fastScale(zooModel('mobilenet_v3_small'), 2), 57),
  'fastScale(mobilenet_v2, 0.5), 48 px': atResolution(fastScale(zooModel('mobilenet_v2'), 0.5), 48),
};

describe.each(Object.entries(cases))('%s', (_label, spec) => {
  it('runs in onnxruntime with the complexity the walk counts', async () => {
    const graph = await graphComplexity(spec);
    const { flops, params, acts } = complexity(spec);
    expect({ flops: graph.flops, params: graph.params, acts: graph.acts }).toEqual({ flops, params, acts });
    expect(graph.logits).toEqual([1, spec.numClasses]);
  });
});

describe.skipIf(ONNX_TORCH_MISSING !== null)(`the ONNX graph computes what torchvision's modules compute${ONNX_TORCH_MISSING === null ? '' : ` (skipped: ${ONNX_TORCH_MISSING})`}`, () => {
  it.each<[string, () => ModelSpec]>([
    ['mobilenet_v2 at 64 px (ReLU6, residuals)', () => atResolution(zooModel('mobilenet_v2'), 64)],
    ['mobilenet_v3_small at 96 px (squeeze-excite, hardswish, hardsigmoid)', () => atResolution(zooModel('mobilenet_v3_small'), 96)],
  ])('%s: ONNX Runtime gives the logits PyTorch gives with the same weights', async (_label, specOf) => {
    // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
    const spec = specOf();
    const bytes = toOnnx(spec, { seed: 7 });
    await expectTorchLogits(spec, bytes, 3);
  }, 120_000);
});

describe("batch norms as ONNX: torchvision's eps; a residual-scaled draw only where a branch ends", () => {
  it.each<[string, () => ModelSpec, number]>([
    ['mobilenet_v2 (eps 1e-5)', () => atResolution(zooModel('mobilenet_v2'), 64), 1e-5],
    ['mobilenet_v3_small (eps 0.001)', () => atResolution(zooModel('mobilenet_v3_small'), 96), 1e-3],
  ])('%s', (_label, specOf, eps) => {
    expectBatchNorms(decode(toOnnx(specOf())).graph, eps);
  });
});
