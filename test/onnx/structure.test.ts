/**
 * The exported graph is the network the complexity walk counts: its parameter initializers hold
 * `complexity(spec).params` numbers, the outputs of its Conv, Gemm and MaxPool nodes on one image hold
 * `complexity(spec).acts` numbers, its multiply-adds are `complexity(spec).flops`, and every spatial size is
 * pycls's (h - 1) // stride + 1. Checked on each family, each stem and block type, and scaled models.
 */
import { describe, expect, it } from 'vitest';
import {
  complexity,
  fastScale,
  scale,
  validateSpec,
  zooModel,
  type AnyNetSpec,
  type ModelSpec,
} from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { atResolution, cifarResNet, imageNetResNet } from '../specs.js';
import { attribute, decode, type DecodedModel, type DecodedNode, finalSize, randomInput, run, strided } from './helpers.js';

const stage = (depth: number, width: number, stride: number, bottleneckMultiplier = 1, groupWidth = 1) => ({
  depth,
  width,
  stride,
  bottleneckMultiplier,
  groupWidth,
});

/** Small AnyNets covering the stems and blocks the zoo lacks, at odd sizes so that (h - 1) // 2 + 1 rounds up. */
const anyNets: Record<string, AnyNetSpec> = {
  'vanilla_block, res_stem_in': {
    family: 'anynet',
    stem: { type: 'res_stem_in', width: 16 },
    blockType: 'vanilla_block',
    stages: [stage(1, 16, 1), stage(2, 24, 2)],
    seRatio: null,
    headWidth: 0,
    numClasses: 7,
    activation: 'relu',
    resolution: { train: 75, test: 75 },
  },
  'res_basic_block, simple_stem_in, silu, head conv': {
    family: 'anynet',
    stem: { type: 'simple_stem_in', width: 16 },
    blockType: 'res_basic_block',
    stages: [stage(2, 16, 1), stage(2, 32, 2), stage(1, 48, 3)],
    seRatio: null,
    headWidth: 64,
    numClasses: 5,
    activation: 'silu',
    resolution: { train: 45, test: 45 },
  },
  'res_bottleneck_linear_block, res_stem_cifar, squeeze-excite': {
    family: 'anynet',
    stem: { type: 'res_stem_cifar', width: 16 },
    blockType: 'res_bottleneck_linear_block',
    stages: [stage(2, 16, 1, 4, 8), stage(2, 24, 2, 4, 8)],
    seRatio: 0.25,
    headWidth: 32,
    numClasses: 10,
    activation: 'silu',
    resolution: { train: 33, test: 33 },
  },
  'res_bottleneck_block, grouped, res_stem_in': {
    family: 'anynet',
    stem: { type: 'res_stem_in', width: 32 },
    blockType: 'res_bottleneck_block',
    stages: [stage(2, 64, 1, 0.5, 4), stage(2, 128, 2, 0.5, 8)],
    seRatio: 0.25,
    headWidth: 0,
    numClasses: 10,
    activation: 'relu',
    resolution: { train: 63, test: 63 },
  },
};

const cases: Record<string, ModelSpec> = {
  'RegNetX-200MF (zoo, 224)': zooModel('RegNetX-200MF'),
  'RegNetY-200MF (zoo, 224)': zooModel('RegNetY-200MF'),
  'EfficientNet-B0 (zoo, 224)': zooModel('EfficientNet-B0'),
  'CIFAR ResNet-20': cifarResNet(20),
  'ResNet-50, resnet form, stride on 3x3, 64 px': imageNetResNet({ resolution: { train: 64, test: 64 } }),
  'ResNeXt-50 32x4d, resnet form, stride on 1x1, 57 px': imageNetResNet({ groups: 32, widthPerGroup: 4, strideOn1x1: true, resolution: { train: 57, test: 57 } }),
  'ResNeXt-50 (zoo AnyNet form), 64 px': atResolution(zooModel('ResNeXt-50'), 64),
  'fastScale(RegNetY-200MF, 2), 96 px': atResolution(fastScale(zooModel('RegNetY-200MF'), 2), 96),
  "scale(RegNetX-200MF, 'd', 2), 96 px": atResolution(scale(zooModel('RegNetX-200MF'), 'd', 2), 96),
  "scale(RegNetY-200MF, 'w', 2), 96 px": atResolution(scale(zooModel('RegNetY-200MF'), 'w', 2), 96),
  'fastScale(EfficientNet-B0, 2), 66 px': atResolution(fastScale(zooModel('EfficientNet-B0'), 2), 66),
  'resnet18 (torchvision names), 64 px': atResolution(zooModel('resnet18'), 64),
  'resnext50_32x4d (torchvision names), 64 px': atResolution(zooModel('resnext50_32x4d'), 64),
  'regnet_y_400mf (torchvision names), 64 px': atResolution(zooModel('regnet_y_400mf'), 64),
  'fastScale(regnet_x_400mf, 2) (torchvision names), 64 px': atResolution(fastScale(zooModel('regnet_x_400mf'), 2), 64),
  ...anyNets,
};

/** BN running statistics are buffers (PyTorch's state dict has them, `parameters()` does not; pycls counts scale and shift only). */
const isBuffer = (name: string): boolean => name.endsWith('.running_mean') || name.endsWith('.running_var');

const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Spatial sizes of every tensor, from the run's outputs where exposed, else through the node that made it. */
function spatialSizes(model: DecodedModel, outputs: Record<string, { dims: readonly number[] }>, inputSize: number): (name: string) => number {
  const producer = new Map<string, DecodedNode>();
  for (const node of model.graph.node) for (const out of node.output) producer.set(out, node);
  const known = new Map<string, number>([['input', inputSize]]);
  const sizeOf = (name: string): number => {
    const cached = known.get(name) ?? outputs[name]?.dims[2];
    if (cached !== undefined) return cached;
    const node = producer.get(name);
    if (node === undefined) throw new Error(`no producer for ${name}`);
    // Everything but the pools keeps the size of its first input (the full-size operand of Mul and Add).
    const size = node.op_type === 'GlobalAveragePool' ? 1 : sizeOf(node.input[0]!);
    known.set(name, size);
    return size;
  };
  return sizeOf;
}

describe.each(Object.entries(cases))('%s', (_label, spec) => {
  it('has the complexity the walk counts: params, acts, flops and pycls spatial sizes', async () => {
    validateSpec(spec);
    const expected = complexity(spec);
    const bytes = toOnnx(spec, { exposeActivations: true });
    const model = decode(bytes);
    const weights = new Map(model.graph.initializer.map((t) => [t.name, t.dims]));

    const paramCount = model.graph.initializer.filter((t) => !isBuffer(t.name)).reduce((sum, t) => sum + elements(t.dims), 0);
    expect(paramCount).toBe(expected.params);

    const outputs = await run(bytes, randomInput(1, spec.resolution.train));
    // Every node writes one tensor of its own (ONNX graphs are single-assignment).
    const written = model.graph.node.flatMap((n) => n.output);
    expect(new Set(written).size).toBe(written.length);
    const counted = model.graph.node.filter((n) => ['Conv', 'Gemm', 'MaxPool'].includes(n.op_type));
    // Every Conv, Gemm and MaxPool output is a graph output, and nothing else but them is.
    expect(new Set(model.graph.output.map((o) => o.name))).toEqual(new Set(counted.map((n) => n.output[0]!)));
    const acts = counted.reduce((sum, n) => sum + outputs[n.output[0]!]!.data.length, 0);
    expect(acts).toBe(expected.acts);

    const sizeOf = spatialSizes(model, outputs, spec.resolution.train);
    let flops = 0;
    for (const node of counted) {
      const out = outputs[node.output[0]!]!;
      if (node.op_type === 'Gemm') {
        const [wOut, wIn] = weights.get(node.input[1]!)!;
        flops += wOut! * wIn! + wOut!;
        continue;
      }
      const [k, stride] = [attribute(node, 'kernel_shape')!.ints!, attribute(node, 'strides')!.ints!];
      expect(attribute(node, 'pads')!.ints).toEqual(Array(4).fill((k[0]! - 1) / 2));
      const [, , h, w] = out.dims;
      expect(h, node.name).toBe(w);
      expect(h, node.name).toBe(strided(sizeOf(node.input[0]!), stride[0]!));
      if (node.op_type === 'Conv') {
        flops += elements(weights.get(node.input[1]!)!) * h! * w! + (node.input.length > 2 ? out.dims[1]! * h! * w! : 0);
      }
    }
    expect(flops).toBe(expected.flops);

    // The classifier's pool: the last global pool (squeeze-excite pools come before it).
    const head = model.graph.node.filter((n) => n.op_type === 'GlobalAveragePool').at(-1)!;
    expect(sizeOf(head.input[0]!)).toBe(finalSize(spec));
    expect(outputs.logits!.dims).toEqual([1, spec.numClasses]);
  });
});

describe('torchvision-named networks', () => {
  it("name initializers after torchvision's state dict", () => {
    const names = (spec: ModelSpec) => decode(toOnnx(atResolution(spec, 64))).graph.initializer.map((t) => t.name);
    const resNet = names(zooModel('resnet50'));
    expect(resNet.slice(0, 2)).toEqual(['conv1.weight', 'bn1.weight']);
    expect(resNet).toContain('layer1.0.downsample.0.weight');
    expect(resNet).toContain('layer4.2.bn3.running_var');
    const regNet = names(zooModel('regnet_y_400mf'));
    expect(regNet.slice(0, 2)).toEqual(['stem.0.weight', 'stem.1.weight']);
    expect(regNet).toContain('trunk_output.block1.block1-0.proj.0.weight');
    expect(regNet).toContain('trunk_output.block4.block4-5.f.se.fc2.bias');
    expect(regNet.at(-1)).toBe('fc.bias');
  });
});
