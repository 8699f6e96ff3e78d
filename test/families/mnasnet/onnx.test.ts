/**
 * toOnnx on MNASNets, run in onnxruntime-node: the graph is the network the description counts (params,
 * acts and flops measured on the graph equal complexity's) and gives logits [1, numClasses]; with the same
 * weights loaded into the PyTorch network of `toTorchvision`, PyTorch gives the same logits (skipped, saying
 * why, without torch and onnx).
 */
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, zooModel, type ModelSpec, type MnasNetSpec } from '../../../src/index.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { expectTorchLogits, ONNX_TORCH_MISSING } from '../../helpers/onnx-torch.js';
import { atResolution } from '../../specs.js';
import { graphComplexity } from '../../helpers/onnx-complexity.js';
import { decode, expectBatchNorms } from '../../onnx/helpers.js';

const cases: Record<string, ModelSpec> = {
  'mnasnet0_5, 64 px': atResolution(zooModel('mnasnet0_5'), 64),
  'mnasnet1_3, 65 px': atResolution(zooModel('mnasnet1_3'), 65),
  'fastScale(mnasnet1_0, 2), 57 px': atResolution(fastScale(zooModel('mnasnet1_0'), 2), 57),
  // torchvision adds a residual only where the stride is 1: a sum here would join 32 x 32 and 16 x 16 maps.
  'a stride-2 stage that keeps its width (no residual), 64 px': keepsWidthAcrossStride(),
};

/** mnasnet0_5 at 64 px with its first stage (stride 2) as wide as its input: 8 channels. */
function keepsWidthAcrossStride(): MnasNetSpec {
  const base = atResolution(zooModel('mnasnet0_5'), 64) as MnasNetSpec;
  return { ...base, stages: base.stages.map((stage, i) => (i === 0 ? { ...stage, width: base.separableWidth } : stage)) };
}

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
    ['mnasnet0_5 at 64 px', () => atResolution(zooModel('mnasnet0_5'), 64)],
    ['mnasnet1_0 at 64 px', () => atResolution(zooModel('mnasnet1_0'), 64)],
    ['a stride-2 stage that keeps its width', keepsWidthAcrossStride],
  ])('%s: ONNX Runtime gives the logits PyTorch gives with the same weights', async (_label, specOf) => {
    // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
    const spec = specOf();
    const bytes = toOnnx(spec, { seed: 7 });
    await expectTorchLogits(spec, bytes, 3);
  }, 120_000);
});

describe("batch norms as ONNX: torchvision's eps; a residual-scaled draw only where a branch ends", () => {
  it.each<[string, () => ModelSpec, number]>([['mnasnet1_0 (eps 1e-5)', () => atResolution(zooModel('mnasnet1_0'), 64), 1e-5]])('%s', (_label, specOf, eps) => {
    expectBatchNorms(decode(toOnnx(specOf())).graph, eps);
  });
});
