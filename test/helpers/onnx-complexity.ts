/**
 * What an exported ONNX graph computes, measured on the graph itself in onnxruntime-node: its parameters,
 * the outputs of its Conv, Gemm and MaxPool nodes (acts) and their multiply-adds (flops), for comparison
 * with complexity(spec).
 */
import { expect } from 'vitest';
import type { ModelSpec } from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { decode, randomInput, run } from '../onnx/helpers.js';

/**
 * Not parameters: BN running statistics (buffers in PyTorch) and the exporter's constants (`const.N`,
 * such as ReLU6's Clip bounds 0 and 6).
 */
const isBuffer = (name: string): boolean => name.endsWith('.running_mean') || name.endsWith('.running_var') || name.startsWith('const.');
const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Params, acts and flops of an exported graph, run on one image. */
export async function graphComplexity(spec: ModelSpec): Promise<{ flops: number; params: number; acts: number; logits: readonly number[] }> {
  const bytes = toOnnx(spec, { exposeActivations: true });
  const model = decode(bytes);
  const weights = new Map(model.graph.initializer.map((t) => [t.name, t.dims]));
  const params = model.graph.initializer.filter((t) => !isBuffer(t.name)).reduce((sum, t) => sum + elements(t.dims), 0);
  const outputs = await run(bytes, randomInput(1, spec.resolution.train));
  const counted = model.graph.node.filter((n) => ['Conv', 'Gemm', 'MaxPool'].includes(n.op_type));
  expect(new Set(model.graph.output.map((o) => o.name))).toEqual(new Set(counted.map((n) => n.output[0]!)));
  let flops = 0;
  let acts = 0;
  for (const node of counted) {
    const out = outputs[node.output[0]!]!;
    acts += out.data.length;
    const weight = weights.get(node.input[1]!)!;
    const positions = node.op_type === 'Gemm' ? 1 : out.dims[2]! * out.dims[3]!;
    flops += elements(weight) * positions + (node.input.length > 2 ? out.data.length : 0);
  }
  return { flops, params, acts, logits: outputs.logits!.dims };
}
