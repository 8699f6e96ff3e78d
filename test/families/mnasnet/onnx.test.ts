/**
 * toOnnx on MNASNets, run in onnxruntime-node: the graph is the network the description counts (params,
 * acts and flops measured on the graph equal complexity's) and gives logits [1, numClasses]; with the same
 * weights loaded into the PyTorch network of `toTorchvision`, PyTorch gives the same logits (skipped, saying
 * why, without torch and onnx).
 */
import { fastScale, zooModel, type MnasNetSpec } from '../../../src/index.js';
import { describeOnnxAgainstTorchvision } from '../../helpers/onnx-family.js';
import { atResolution } from '../../specs.js';

/** mnasnet0_5 at 64 px with its first stage (stride 2) as wide as its input: 8 channels. */
function keepsWidthAcrossStride(): MnasNetSpec {
  const base = atResolution(zooModel('mnasnet0_5'), 64) as MnasNetSpec;
  return { ...base, stages: base.stages.map((stage, i) => (i === 0 ? { ...stage, width: base.separableWidth } : stage)) };
}

describeOnnxAgainstTorchvision({
  counted: [
    ['mnasnet0_5, 64 px', () => atResolution(zooModel('mnasnet0_5'), 64)],
    ['mnasnet1_3, 65 px', () => atResolution(zooModel('mnasnet1_3'), 65)],
    ['fastScale(mnasnet1_0, 2), 57 px', () => atResolution(fastScale(zooModel('mnasnet1_0'), 2), 57)],
    // torchvision adds a residual only where the stride is 1: a sum here would join 32 x 32 and 16 x 16 maps.
    ['a stride-2 stage that keeps its width (no residual), 64 px', keepsWidthAcrossStride],
  ],
  logits: [
    ['mnasnet0_5 at 64 px', () => atResolution(zooModel('mnasnet0_5'), 64)],
    ['mnasnet1_0 at 64 px', () => atResolution(zooModel('mnasnet1_0'), 64)],
    ['a stride-2 stage that keeps its width', keepsWidthAcrossStride],
  ],
  batchNorms: [['mnasnet1_0 (eps 1e-5)', () => atResolution(zooModel('mnasnet1_0'), 64), 1e-5]],
});
