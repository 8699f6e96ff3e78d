/** The vision transformer's one description, as the layer table reads it: pycls's and torchvision's module names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, layers, zooModel, type VitSpec } from '../../../src/index.js';
import { vitSpec } from '../../arbitraries.js';
import { SEED } from '../../seed.js';
import { describeModuleNames } from '../../helpers/module-names.js';
import { walk } from '../../../src/network/count.js';
import type { Layer } from '../../../src/network/net.js';
import { checkSpec } from '../../../src/spec/check.js';

/** Two blocks, a two-conv stem, 32 px (4 patches of 16 a side), 10 classes. */
const small: VitSpec = {
  family: 'vit',
  patchSize: 16,
  stem: { type: 'conv', convs: [{ kernel: 3, stride: 4, width: 16 }, { kernel: 1, stride: 4, width: 32 }] },
  layers: 2,
  heads: 2,
  hiddenWidth: 32,
  mlpWidth: 64,
  classifier: 'token',
  numClasses: 10,
  resolution: { train: 32, test: 32 },
};

describe('layers() of a vision transformer', () => {
  it('rows add up to complexity() for random specs of both implementations', () => {
    fc.assert(
      fc.property(vitSpec(undefined, true), (spec) => {
        const rows = layers(spec);
        const cx = complexity(spec);
        expect(rows.reduce((s, r) => s + r.flops, 0)).toBe(cx.flops);
        expect(rows.reduce((s, r) => s + r.params, 0)).toBe(cx.params);
        expect(rows.reduce((s, r) => s + r.acts, 0)).toBe(cx.acts);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("names modules as pycls's vit.py does", () => {
    const rows = layers(small);
    const block = (i: number) => [`encoder.block_${i}.ln_1`, `encoder.block_${i}.self_attention.block`, `encoder.block_${i}.ln_2`, `encoder.block_${i}.mlp_block.linear_1`, `encoder.block_${i}.mlp_block.linear_2`];
    expect(rows.map((r) => r.name)).toEqual([
      'stem.cstem0_conv',
      'stem.cstem0_bn',
      'stem.cstem_last_conv',
      'class_token',
      'pos_embedding',
      ...block(0),
      ...block(1),
      'encoder.ln',
      'head.head_fc',
    ]);
    expect(rows.map((r) => r.module)).toEqual([
      'Conv2d',
      'BatchNorm2d',
      'Conv2d',
      'Parameter',
      'Parameter',
      ...['LayerNorm', 'MultiheadAttention', 'LayerNorm', 'Linear', 'Linear'],
      ...['LayerNorm', 'MultiheadAttention', 'LayerNorm', 'Linear', 'Linear'],
      'LayerNorm',
      'Linear',
    ]);
  });

  it("names modules as torchvision's vision_transformer.py does", () => {
    const rows = layers({ ...small, implementation: 'torchvision' });
    const block = (i: number) => [
      `encoder.layers.encoder_layer_${i}.ln_1`,
      `encoder.layers.encoder_layer_${i}.self_attention`,
      `encoder.layers.encoder_layer_${i}.ln_2`,
      `encoder.layers.encoder_layer_${i}.mlp.0`,
      `encoder.layers.encoder_layer_${i}.mlp.3`,
    ];
    expect(rows.map((r) => r.name)).toEqual([
      'conv_proj.conv_bn_relu_0.0',
      'conv_proj.conv_bn_relu_0.1',
      'conv_proj.conv_last',
      'class_token',
      'encoder.pos_embedding',
      ...block(0),
      ...block(1),
      'encoder.ln',
      'heads.head',
    ]);
  });

  it('gives token tensors as [tokens, channels] and counts attention as pycls (4 patches + the class token)', () => {
    const rows = layers(small);
    const attention = rows.find((r) => r.name === 'encoder.block_0.self_attention.block')!;
    // L = 5, C = 32, 2 heads of 16: qkv 5(3C^2 + 3C), q k^T and attention x v 2 x 2 x 5 x 16 x 5 each, output 5(C^2 + C).
    expect(attention).toMatchObject({ op: 'attention', output: [5, 32], params: 4 * 32 * 32 + 4 * 32 });
    expect(attention.flops).toBe(5 * (3 * 1024 + 96) + 2 * (2 * 5 * 16 * 5) + 5 * (1024 + 32));
    expect(attention.acts).toBe(3 * 32 * 5 + 2 * 5 * 5 + 2 * 5 * 16 + 32 * 5);
    expect(rows.find((r) => r.name === 'encoder.block_0.mlp_block.linear_1')).toMatchObject({ output: [5, 64], flops: 5 * (32 * 64 + 64), acts: 5 * 64 });
    expect(rows.find((r) => r.name === 'pos_embedding')).toMatchObject({ params: 5 * 32, flops: 0, acts: 0 });
    expect(layers({ ...small, classifier: 'pooled' }).find((r) => r.name === 'pos_embedding')).toMatchObject({ params: 4 * 32 });
  });

  it('counts a 4000-block encoder by walking two blocks as the layer table does walking all of them', () => {
    const deep = { ...(zooModel('ViT-H/14') as VitSpec), layers: 4000 };
    expect(layers(deep).reduce((s, r) => s + r.flops, 0)).toBe(complexity(deep).flops);
  });
});

describeModuleNames(['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14']);

describe('the walk of a vision transformer: its token selection and residual sums', () => {
  const records = (spec: VitSpec): Layer[] => {
    const rows: Layer[] = [];
    walk(checkSpec(spec), { layer: (layer) => void rows.push(layer) });
    return rows;
  };

  it.each<[string, VitSpec['classifier'], 'first' | 'mean']>([
    ['a class token: its first token (x[:, 0])', 'token', 'first'],
    ['a pooled classifier: the mean of the tokens (x.mean(1); torchvision-named, written module by module)', 'pooled', 'mean'],
  ])('%s', (_label, classifier, select) => {
    for (const implementation of ['pycls', 'torchvision'] as const) {
      const spec: VitSpec = { ...small, stem: { type: 'patchify' }, classifier, implementation };
      const rows = records(spec);
      expect(rows.filter((row) => row.op === 'token').map((row) => row.op === 'token' && row.select)).toEqual([select]);
      // pycls's ViTStemPatchify is `stem.patchify`; torchvision's patch embedding `conv_proj`.
      expect(rows[0]!.name).toBe(implementation === 'pycls' ? 'stem.patchify' : 'conv_proj');
    }
  });

  it('adds each block\'s two residual branches (x + attention, x + MLP): sums, not products', () => {
    for (const implementation of ['pycls', 'torchvision'] as const) {
      const spec: VitSpec = { ...small, stem: { type: 'patchify' }, implementation };
      const merges = records(spec).filter((row) => row.op === 'merge');
      expect(merges.map((row) => row.op === 'merge' && row.kind)).toEqual(['add', 'add', 'add', 'add']);
    }
  });
});
