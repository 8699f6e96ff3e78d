/**
 * toOnnx on MNASNets, run in onnxruntime-node: the graph is the network the description counts (params,
 * acts and flops measured on the graph equal complexity's) and gives logits [1, numClasses].
 */
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, zooModel, type ModelSpec } from '../../../src/index.js';
import { graphComplexity } from '../../helpers/onnx-complexity.js';
import { atResolution } from '../../specs.js';

const cases: Record<string, ModelSpec> = {
  'mnasnet0_5, 64 px': atResolution(zooModel('mnasnet0_5'), 64),
  'mnasnet1_3, 65 px': atResolution(zooModel('mnasnet1_3'), 65),
  'fastScale(mnasnet1_0, 2), 57 px': atResolution(fastScale(zooModel('mnasnet1_0'), 2), 57),
};

describe.each(Object.entries(cases))('%s', (_label, spec) => {
  it('runs in onnxruntime with the complexity the walk counts', async () => {
    const graph = await graphComplexity(spec);
    const { flops, params, acts } = complexity(spec);
    expect({ flops: graph.flops, params: graph.params, acts: graph.acts }).toEqual({ flops, params, acts });
    expect(graph.logits).toEqual([1, spec.numClasses]);
  });
});
