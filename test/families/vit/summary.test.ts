/** The summaries the CLI's `info` and `scale` print for vision transformers (src/families/vit/summary.ts). */
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../../src/index.js';
import { familyOf } from '../../../src/families/index.js';

describe('vitSummary', () => {
  it('vit_b_16: 16x16 patches, a class token, and one encoder row (197 tokens = 14 x 14 patches + 1)', () => {
    const spec = zooModel('vit_b_16');
    expect(familyOf(spec).summary(spec)).toEqual({
      fields: [
        ['family', 'vit'],
        ['patch size', '16'],
        ['stem', 'patchify 16x16'],
        ['classifier', 'token (class token)'],
        ['classes', '1000'],
        ['resolution', 'train 224 px, test 224 px'],
        ['modules', 'torchvision'],
      ],
      stageHeader: ['stage', 'blocks', 'width', 'heads', 'head width', 'mlp width', 'tokens'],
      stages: [['encoder', '12', '768', '12', '64', '3072', '197']],
    });
  });

  it("ViT-C-18GF: pycls's conv stem (kernel/stride width per conv) and no modules field", () => {
    const spec = zooModel('ViT-C-18GF');
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields.find(([label]) => label === 'stem')![1]).toMatch(/^conv 3x3\/2 64, 3x3\/2 128, 3x3\/1 128, 3x3\/2 256, 3x3\/1 256, 3x3\/2 512, 1x1\/1 768$/);
    expect(summary.fields.map(([label]) => label)).not.toContain('modules');
    expect(summary.stages).toEqual([['encoder', '11', '768', '12', '64', '3072', '197']]);
  });

  it('a pooled classifier reads the patches alone: 7 x 7 = 49 tokens at 224 px with 32 px patches', () => {
    const spec = { ...zooModel('vit_b_32'), classifier: 'pooled' as const };
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields).toContainEqual(['classifier', 'pooled (mean of the tokens)']);
    expect(summary.stages[0]!.at(-1)).toBe('49');
  });
});
