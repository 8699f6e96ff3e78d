/** Parts of networks as ONNX models of their own: they run in onnxruntime-node with the shapes their keys say. */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../src/index.js';
import { replayKey } from '../../src/latency/key.js';
import { networkParts } from '../../src/latency/parts.js';
import { OnnxError } from '../../src/onnx/index.js';
import { partToOnnx } from '../../src/onnx/part.js';
import { checkSpec } from '../../src/spec/check.js';
import { decode, run } from './helpers.js';

function input(dims: readonly number[]): ort.Tensor {
  const count = dims.reduce((a, b) => a * b, 1);
  return new ort.Tensor('float32', Float32Array.from({ length: count }, (_, i) => Math.sin(i)), [...dims]);
}

describe('partToOnnx', () => {
  it('exports every part of RegNetY-400MF, EfficientNet-B0 and ResNet-50; each runs and has the output its key says', async () => {
    for (const name of ['RegNetY-400MF', 'EfficientNet-B0', 'ResNet-50']) {
      for (const part of networkParts(checkSpec(zooModel(name)))) {
        const model = partToOnnx(part.key, 0, 17);
        const net = replayKey(part.key, null, 'key');
        const { logits } = await run(model.bytes, input([2, ...model.inputDims]));
        const expected = part.kind === 'head' ? [2, net.channels] : [2, net.channels, net.size, net.size];
        expect(logits!.dims, `${name} ${part.label}`).toEqual(expected);
      }
    }
  });

  it('folds batch norms into the convs and keeps the part\'s own nodes only', () => {
    // RegNetY-400MF's s2 blocks 1..2: no projection; 1x1, grouped 3x3 (13 groups), SE, 1x1; the sum; ReLU.
    const part = networkParts(checkSpec(zooModel('RegNetY-400MF'))).find((p) => p.label === 's2 blocks 1..2')!;
    const { graph, opset_import } = decode(partToOnnx(part.key, 0, 17).bytes);
    expect(graph.node.map((node) => node.op_type)).toEqual([
      'Conv', 'Relu', 'Conv', 'Relu', 'GlobalAveragePool', 'Conv', 'Relu', 'Conv', 'Sigmoid', 'Mul', 'Conv', 'Add', 'Relu',
    ]);
    expect(graph.input.map((i) => i.name)).toEqual(['input']);
    expect(graph.output.map((o) => o.name)).toEqual(['logits']);
    expect(opset_import).toEqual([{ domain: '', version: 17 }]);
  });

  it('computes what its layers compute: a max pool by hand', async () => {
    const model = partToOnnx('1x3/m3,1,1', 0, 17);
    const x = new ort.Tensor('float32', Float32Array.from([1, 5, 2, 0, 3, 9, 4, 8, 6]), [1, 1, 3, 3]);
    const { logits } = await run(model.bytes, x);
    expect(Array.from(logits!.data as Float32Array)).toEqual([5, 9, 9, 8, 9, 9, 8, 9, 9]);
  });

  it('refuses parts of token sequences, and malformed keys', () => {
    expect(() => partToOnnx('8t16/A2', 0, 17)).toThrow(new OnnxError('', 'cannot export the part 8t16/A2: its input is not an image tensor'));
    expect(() => partToOnnx('8x8/q', 0, 17)).toThrow(/layer 0 "q": is not a layer of a cost key/);
  });
});
