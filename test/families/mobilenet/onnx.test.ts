/**
 * toOnnx on MobileNets, run in onnxruntime-node: the graph is the network the description counts (its
 * parameter initializers hold complexity's params, its Conv and Gemm outputs complexity's acts, its
 * multiply-adds complexity's flops) and gives logits [1, numClasses]; with the same weights loaded into
 * the PyTorch network of `toTorchvision`, PyTorch gives the same logits (skipped, saying why, without torch
 * and onnx).
 */
import { fastScale, zooModel } from '../../../src/index.js';
import { describeOnnxAgainstTorchvision } from '../../helpers/onnx-family.js';
import { atResolution } from '../../specs.js';

describeOnnxAgainstTorchvision({
  counted: [
    ['mobilenet_v2, 64 px', () => atResolution(zooModel('mobilenet_v2'), 64)],
    ['mobilenet_v3_large, 65 px', () => atResolution(zooModel('mobilenet_v3_large'), 65)],
    ['mobilenet_v3_small, 96 px', () => atResolution(zooModel('mobilenet_v3_small'), 96)],
    ['fastScale(mobilenet_v3_small, 2), 57 px', () => atResolution(fastScale(zooModel('mobilenet_v3_small'), 2), 57)],
    ['fastScale(mobilenet_v2, 0.5), 48 px', () => atResolution(fastScale(zooModel('mobilenet_v2'), 0.5), 48)],
  ],
  logits: [
    ['mobilenet_v2 at 64 px (ReLU6, residuals)', () => atResolution(zooModel('mobilenet_v2'), 64)],
    ['mobilenet_v3_small at 96 px (squeeze-excite, hardswish, hardsigmoid)', () => atResolution(zooModel('mobilenet_v3_small'), 96)],
  ],
  batchNorms: [
    ['mobilenet_v2 (eps 1e-5)', () => atResolution(zooModel('mobilenet_v2'), 64), 1e-5],
    ['mobilenet_v3_small (eps 0.001)', () => atResolution(zooModel('mobilenet_v3_small'), 96), 1e-3],
  ],
});
