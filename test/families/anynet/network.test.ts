/**
 * pycls's AnyNet blocks (src/families/anynet/network.ts) as pycls's `anynet.py` builds them: module names
 * of the vanilla block, the residual sum of the linear bottleneck block only where pycls has a skip
 * (`w_in == w_out and stride == 1`), and the norm that ends each residual branch (pycls's `final_bn`).
 */
import { describe, expect, it } from 'vitest';
import type { AnyNetSpec, ModelSpec } from '../../../src/index.js';
import { zooModel } from '../../../src/index.js';
import { walk } from '../../../src/network/count.js';
import type { Layer } from '../../../src/network/net.js';
import { toOnnx } from '../../../src/onnx/index.js';
import { checkSpec } from '../../../src/spec/check.js';
import { decode } from '../../onnx/helpers.js';

const records = (spec: ModelSpec): Layer[] => {
  const rows: Layer[] = [];
  walk(checkSpec(spec), { layer: (layer) => void rows.push(layer) });
  return rows;
};

const anyNet = (blockType: AnyNetSpec['blockType'], stages: AnyNetSpec['stages']): AnyNetSpec => ({
  family: 'anynet',
  stem: { type: 'simple_stem_in', width: 16 },
  blockType,
  stages,
  seRatio: null,
  headWidth: 0,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 32, test: 32 },
});

describe('AnyNet blocks as pycls names them', () => {
  it('vanilla_block: a, a_bn, a_af, b, b_bn, b_af, and no residual', () => {
    const rows = records(anyNet('vanilla_block', [{ depth: 1, width: 16, stride: 1 }]));
    expect(rows.filter((r) => r.name.startsWith('s1.b1.')).map((r) => [r.op, r.name])).toEqual([
      ['conv', 's1.b1.a'],
      ['norm', 's1.b1.a_bn'],
      ['act', 's1.b1.a_af'],
      ['conv', 's1.b1.b'],
      ['norm', 's1.b1.b_bn'],
      ['act', 's1.b1.b_af'],
    ]);
    expect(rows.some((r) => r.op === 'merge')).toBe(false);
  });

  it('res_bottleneck_linear_block: x + f(x) only where the width and resolution stay (pycls has_skip)', () => {
    const spec = anyNet('res_bottleneck_linear_block', [
      { depth: 2, width: 16, stride: 1, bottleneckMultiplier: 1, groupWidth: 8 },
      { depth: 2, width: 32, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
      { depth: 1, width: 32, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 },
    ]);
    const rows = records(spec);
    // A sum (pycls: `x + self.f(x)`), not a product.
    expect(rows.filter((r) => r.op === 'merge').map((r) => [r.name, r.op === 'merge' && r.kind])).toEqual([
      ['s1.b1.add', 'add'],
      ['s1.b2.add', 'add'],
      ['s2.b2.add', 'add'],
    ]);
    expect(rows.filter((r) => r.op === 'conv' && r.name.startsWith('s2.b1.')).map((r) => r.name)).toEqual(['s2.b1.f.a', 's2.b1.f.b', 's2.b1.f.c']);
  });

  it("ends each residual branch in pycls's final_bn: c_bn of a bottleneck block, b_bn of a basic block", () => {
    const ends = (spec: ModelSpec) => [...new Set(records(spec).filter((r) => r.op === 'norm' && r.endsResidual).map((r) => r.name.replace(/\d+/g, 'N')))];
    expect(ends(zooModel('ResNet-50'))).toEqual(['sN.bN.f.c_bn']);
    expect(ends(anyNet('res_basic_block', [{ depth: 2, width: 16, stride: 1 }]))).toEqual(['sN.bN.f.b_bn']);
    expect(ends(anyNet('vanilla_block', [{ depth: 2, width: 16, stride: 1 }]))).toEqual([]);
  });
});

describe("an AnyNet's ONNX graph: pycls's module names in forward order", () => {
  it("RegNetY-200MF's first block: proj first (as `self.proj(x) + self.f(x)` evaluates), the SE product named after its SE module, the residual sum `<block>.add`", () => {
    const graph = decode(toOnnx({ ...zooModel('RegNetY-200MF'), resolution: { train: 32, test: 32 } })).graph;
    const at = 's1.b1';
    expect(graph.node.slice(3, 21).map((n) => [n.op_type, n.name])).toEqual([
      ['Conv', `${at}.proj`],
      ['BatchNormalization', `${at}.bn`],
      ['Conv', `${at}.f.a`],
      ['BatchNormalization', `${at}.f.a_bn`],
      ['Relu', `${at}.f.a_af`],
      ['Conv', `${at}.f.b`],
      ['BatchNormalization', `${at}.f.b_bn`],
      ['Relu', `${at}.f.b_af`],
      ['GlobalAveragePool', `${at}.f.se.avg_pool`],
      ['Conv', `${at}.f.se.f_ex.0`],
      ['Relu', `${at}.f.se.f_ex.1`],
      ['Conv', `${at}.f.se.f_ex.2`],
      ['Sigmoid', `${at}.f.se.f_ex.3`],
      ['Mul', `${at}.f.se`],
      ['Conv', `${at}.f.c`],
      ['BatchNormalization', `${at}.f.c_bn`],
      ['Add', `${at}.add`],
      ['Relu', `${at}.af`],
    ]);
  });
});
