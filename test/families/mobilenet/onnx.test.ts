/**
 * toOnnx on MobileNets, run in onnxruntime-node: the graph is the network the description counts (its
 * parameter initializers hold complexity's params, its Conv and Gemm outputs complexity's acts, its
 * multiply-adds complexity's flops) and gives logits [1, numClasses].
 */
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, zooModel, type ModelSpec } from '../../../src/index.js';
import { graphComplexity } from '../../helpers/onnx-complexity.js';
import { atResolution } from '../../specs.js';

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
