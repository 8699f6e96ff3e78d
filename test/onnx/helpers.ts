/**
 * Shared by the ONNX tests: decoding an exported model, running it in onnxruntime-node, and what the spec
 * says the network's shapes must be, computed from the spec alone (not from the exporter).
 */
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { toAnyNet, type ModelSpec } from '../../src/index.js';
import { modelProtoType } from './onnx-proto.js';

export interface DecodedNode {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: { name: string; i?: number; ints?: number[]; f?: number }[];
}

export interface DecodedModel {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  graph: {
    node: DecodedNode[];
    initializer: { name: string; dims: number[]; data_type: number; raw_data: Uint8Array }[];
    input: { name: string }[];
    output: { name: string }[];
  };
  metadata_props: { key: string; value: string }[];
}

/** Reads an exported model back with the same schema (int64 as numbers, empty lists present). */
export function decode(bytes: Uint8Array): DecodedModel {
  const type = modelProtoType();
  return type.toObject(type.decode(bytes), { longs: Number, arrays: true }) as DecodedModel;
}

export function attribute(node: DecodedNode, name: string): { i?: number; ints?: number[]; f?: number } | undefined {
  return node.attribute.find((a) => a.name === name);
}

/** A float32 initializer's values. */
export function floats(tensor: DecodedModel['graph']['initializer'][number]): number[] {
  const bytes = tensor.raw_data;
  return Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
}

/**
 * Each BatchNormalization node of a graph with its epsilon, the range of its scale, and whether it ends a
 * residual branch: the last batch norm before an Add (an activation may come between, as in a block whose
 * branch ends conv, norm, activation).
 */
export function batchNorms(graph: DecodedModel['graph']): { name: string; eps: number; min: number; max: number; endsResidual: boolean }[] {
  const ends = new Set<string>();
  let last = '';
  for (const node of graph.node) {
    if (node.op_type === 'BatchNormalization') last = node.name;
    if (node.op_type === 'Add') ends.add(last);
  }
  const weights = new Map(graph.initializer.map((tensor) => [tensor.name, tensor]));
  return graph.node
    .filter((node) => node.op_type === 'BatchNormalization')
    .map((node) => {
      const scale = floats(weights.get(node.input[1]!)!);
      return { name: node.name, eps: attribute(node, 'epsilon')!.f!, min: Math.min(...scale), max: Math.max(...scale), endsResidual: ends.has(node.name) };
    });
}

/**
 * Expects every batch norm of `graph` to have epsilon `eps` (as float32), and scales drawn in [0.5, 1)
 * except for the norms that end a residual branch (at least two), whose scales the exporter shrinks below 0.5.
 */
export function expectBatchNorms(graph: DecodedModel['graph'], eps: number): void {
  const norms = batchNorms(graph);
  expect(norms.filter((norm) => norm.endsResidual).length).toBeGreaterThan(1);
  for (const norm of norms) {
    expect(Math.fround(norm.eps), norm.name).toBe(Math.fround(eps));
    if (norm.endsResidual) expect(norm.max, norm.name).toBeLessThan(0.5);
    else expect(norm.min, norm.name).toBeGreaterThanOrEqual(0.5);
  }
}

/** A seeded input batch in [-1, 1). */
export function randomInput(batch: number, size: number, seed = 1): ort.Tensor {
  let state = seed;
  const data = new Float32Array(batch * 3 * size * size);
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = state / 2 ** 31 - 1;
  }
  return new ort.Tensor('float32', data, [batch, 3, size, size]);
}

/** Runs a model on one input; returns every graph output. */
export async function run(bytes: Uint8Array, input: ort.Tensor): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    return await session.run({ input });
  } finally {
    await session.release();
  }
}

/** pycls's spatial size after a window of stride `s`: (h - 1) // s + 1. */
export const strided = (h: number, s: number): number => Math.floor((h - 1) / s) + 1;

/**
 * The strides the network applies to the image before its head, from the spec's own description of its
 * stems and stages (pycls `anynet.py`, `resnet.py`, `effnet.py`).
 */
export function networkStrides(spec: ModelSpec): number[] {
  switch (spec.family) {
    case 'efficientnet':
      return [2, ...spec.stages.map((s) => s.stride)];
    case 'resnet':
      // Fixed layouts: ImageNet has a 7x7/2 conv and a 3x3/2 max pool, then stages of stride 1, 2, 2, 2
      // (whichever conv of the block takes it); CIFAR a stride-1 stem, then 1, 2, 2.
      return spec.dataset === 'imagenet' ? [2, 2, 1, 2, 2, 2] : [1, 1, 2, 2];
    default: {
      const anyNet = toAnyNet(spec);
      const stem = { simple_stem_in: [2], res_stem_in: [2, 2], res_stem_cifar: [1] }[anyNet.stem.type];
      return [...stem, ...anyNet.stages.map((s) => s.stride)];
    }
  }
}

/** Spatial size of the last stage's output (the head's input). */
export function finalSize(spec: ModelSpec): number {
  return networkStrides(spec).reduce(strided, spec.resolution.train);
}
