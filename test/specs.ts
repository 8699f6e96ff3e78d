/** Hand-written specs and spec edits shared by the tests (pycls's `resnet` form is verbose to spell). */
import type { ModelSpec, Resolution, ResNetSpec } from '../src/index.js';

/** A pycls CIFAR ResNet of depth 6n + 2 (basic transform; groups and width per group are unused). */
export function cifarResNet(depth: number): ResNetSpec {
  return {
    family: 'resnet',
    dataset: 'cifar',
    depth,
    transformation: 'basic_transform',
    groups: 1,
    widthPerGroup: 64,
    strideOn1x1: true,
    numClasses: 10,
    activation: 'relu',
    resolution: { train: 32, test: 32 },
  };
}

/** A pycls ImageNet ResNet (bottleneck transform); the defaults make ResNet-50 with the stride on the 3x3. */
export function imageNetResNet(
  options: { depth?: number; groups?: number; widthPerGroup?: number; strideOn1x1?: boolean; resolution?: Resolution } = {},
): ResNetSpec {
  return {
    family: 'resnet',
    dataset: 'imagenet',
    depth: options.depth ?? 50,
    transformation: 'bottleneck_transform',
    groups: options.groups ?? 1,
    widthPerGroup: options.widthPerGroup ?? 64,
    strideOn1x1: options.strideOn1x1 ?? false,
    numClasses: 1000,
    activation: 'relu',
    resolution: options.resolution ?? { train: 224, test: 256 },
  };
}

/** The same network at a square `size` for training and test (smaller inputs keep ONNX runs fast). */
export function atResolution<T extends ModelSpec>(spec: T, size: number): T {
  return { ...spec, resolution: { train: size, test: size } };
}
