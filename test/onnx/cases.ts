/**
 * The networks whose exported ONNX graphs are checked against PyTorch (test/onnx/semantics.test.ts,
 * test/onnx/logits.test.ts, scripts/onnx-logits-fixtures.ts): every pycls family and feature (squeeze-excite,
 * residuals of each block type, each stem, ReLU and SiLU, a conv head, grouped convs, strides on 1x1 and 3x3,
 * folded and unfolded batch norm), at small image sizes so that both runtimes are quick.
 */
import { createHash } from 'node:crypto';
import { zooModel, type AnyNetSpec, type EfficientNetSpec, type ModelSpec } from '../../src/index.js';
import { atResolution, cifarResNet, imageNetResNet } from '../specs.js';
import { modelProtoType } from './onnx-proto.js';

const stage = (depth: number, width: number, stride: number, bottleneckMultiplier = 1, groupWidth = 1) => ({
  depth,
  width,
  stride,
  bottleneckMultiplier,
  groupWidth,
});

/** A small AnyNet at 32 px; `overrides` pick the stem, block and features under test. */
function anyNet(overrides: Partial<AnyNetSpec>): AnyNetSpec {
  return {
    family: 'anynet',
    stem: { type: 'simple_stem_in', width: 16 },
    blockType: 'res_bottleneck_block',
    stages: [stage(1, 24, 1, 1, 8), stage(2, 48, 2, 1, 8)],
    seRatio: null,
    headWidth: 0,
    numClasses: 10,
    activation: 'relu',
    resolution: { train: 32, test: 32 },
    ...overrides,
  };
}

const smallEfficientNet: EfficientNetSpec = {
  family: 'efficientnet',
  stemWidth: 16,
  stages: [
    { depth: 1, width: 16, expansionRatio: 1, kernel: 3, stride: 1 },
    { depth: 2, width: 24, expansionRatio: 6, kernel: 5, stride: 2 },
  ],
  seRatio: 0.25,
  headWidth: 64,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 32, test: 32 },
};

export interface Case {
  readonly title: string;
  readonly spec: ModelSpec;
  readonly foldBatchNorm: boolean;
}

export const CASES: Case[] = [
  { title: 'AnyNet res_bottleneck_block, simple_stem_in, SE, groups', spec: anyNet({ seRatio: 0.25 }), foldBatchNorm: false },
  {
    title: 'AnyNet res_basic_block, res_stem_in (max pool), conv head',
    spec: anyNet({ blockType: 'res_basic_block', stem: { type: 'res_stem_in', width: 16 }, headWidth: 64, resolution: { train: 48, test: 48 } }),
    foldBatchNorm: false,
  },
  {
    title: 'AnyNet vanilla_block, res_stem_cifar, SiLU, folded',
    spec: anyNet({ blockType: 'vanilla_block', stem: { type: 'res_stem_cifar', width: 16 }, activation: 'silu' }),
    foldBatchNorm: true,
  },
  {
    title: 'AnyNet res_bottleneck_linear_block (bottleneck 4), SE, SiLU',
    spec: anyNet({
      blockType: 'res_bottleneck_linear_block',
      stages: [stage(2, 16, 1, 4, 8), stage(2, 24, 2, 4, 16)],
      seRatio: 0.25,
      activation: 'silu',
    }),
    foldBatchNorm: false,
  },
  { title: 'AnyNet residual bottleneck 0.25, SE, folded', spec: anyNet({ stages: [stage(2, 32, 1, 0.25, 8), stage(2, 64, 2, 0.25, 16)], seRatio: 0.25 }), foldBatchNorm: true },
  { title: 'RegNetX-200MF', spec: atResolution(zooModel('RegNetX-200MF'), 32), foldBatchNorm: false },
  { title: 'RegNetY-200MF (SE)', spec: atResolution(zooModel('RegNetY-200MF'), 32), foldBatchNorm: false },
  { title: 'RegNetY-200MF (SE), folded', spec: atResolution(zooModel('RegNetY-200MF'), 32), foldBatchNorm: true },
  { title: 'ResNet-50 ImageNet, stride on the 3x3', spec: imageNetResNet({ resolution: { train: 32, test: 32 } }), foldBatchNorm: false },
  {
    title: 'ResNeXt-50 32x4d ImageNet, stride on the 1x1, folded',
    spec: imageNetResNet({ groups: 32, widthPerGroup: 4, strideOn1x1: true, resolution: { train: 32, test: 32 } }),
    foldBatchNorm: true,
  },
  { title: 'ResNet-20 CIFAR', spec: cifarResNet(20), foldBatchNorm: false },
  { title: 'ResNet-20 CIFAR, SiLU, folded', spec: { ...cifarResNet(20), activation: 'silu' }, foldBatchNorm: true },
  { title: 'EfficientNet-B0 (SiLU)', spec: atResolution(zooModel('EfficientNet-B0'), 32), foldBatchNorm: false },
  { title: 'EfficientNet-B0 (SiLU), folded', spec: atResolution(zooModel('EfficientNet-B0'), 32), foldBatchNorm: true },
  { title: 'small EfficientNet, ReLU', spec: smallEfficientNet, foldBatchNorm: false },
];

/** Broken copies of one exported model (it has residual Adds and squeeze-excite gates). */
export const MUTANTS = ['add-to-identity', 'sigmoid-to-relu'] as const;
export const MUTATED: Case = { title: 'RegNetY-200MF', spec: atResolution(zooModel('RegNetY-200MF'), 32), foldBatchNorm: false };


/** A seeded input batch in [-1, 1) (a 32-bit LCG). */
export function randomInput(batch: number, size: number, seed: number): Float32Array {
  let state = seed;
  const data = new Float32Array(batch * 3 * size * size);
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = state / 2 ** 31 - 1;
  }
  return data;
}

/** A sha256 of an exported model's initializers (names, shapes, values): which weights a fixture was made with. */
export function weightsHash(bytes: Uint8Array): string {
  const model = modelProtoType().decode(bytes) as unknown as { graph: { initializer: { name: string; dims: unknown[]; raw_data?: Uint8Array; float_data?: number[] }[] } };
  const hash = createHash('sha256');
  for (const tensor of model.graph.initializer) {
    hash.update(`${tensor.name}\0${tensor.dims.map(String).join(',')}\0`);
    hash.update(tensor.raw_data ?? new Uint8Array(new Float32Array(tensor.float_data ?? []).buffer));
  }
  return hash.digest('hex');
}

/**
 * A copy of an exported model with one kind of deliberate bug, made with protobufjs (independent of the
 * exporter): every residual `Add` made an `Identity` of its first input, or every squeeze-excite gate's
 * `Sigmoid` (module `...f_ex.3`) made a `Relu`. Counts and shapes stay as they were; what it computes
 * does not. Returns the bytes and how many nodes changed.
 */
export function brokenGraph(bytes: Uint8Array, kind: (typeof MUTANTS)[number]): { bytes: Uint8Array; changed: number } {
  const type = modelProtoType();
  const model = type.toObject(type.decode(bytes), { longs: Number, bytes: Uint8Array as never, defaults: false }) as {
    graph: { node: { op_type: string; name: string; input: string[] }[] };
  };
  let changed = 0;
  for (const node of model.graph.node) {
    if (kind === 'add-to-identity' && node.op_type === 'Add') {
      node.op_type = 'Identity';
      node.input = node.input.slice(0, 1);
      changed++;
    } else if (kind === 'sigmoid-to-relu' && node.op_type === 'Sigmoid' && node.name.endsWith('.f_ex.3')) {
      node.op_type = 'Relu';
      changed++;
    }
  }
  return { bytes: type.encode(type.fromObject(model)).finish(), changed };
}
