/** Vision transformer specs at the boundary: pycls's check_params rules and PyTorch's, as typed errors naming the field. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, SpecError, validateSpec, zooModel, type VitSpec } from '../../../src/index.js';
import { badValue, leafPaths, vitSpec, withLeaf } from '../../arbitraries.js';
import { SEED } from '../../seed.js';
import { thrown } from '../../helpers/errors.js';

const b16 = zooModel('ViT-B/16') as VitSpec;
const c1 = zooModel('ViT-C-1.0GF') as VitSpec;
const convsOf = (spec: VitSpec) => (spec.stem.type === 'conv' ? spec.stem.convs : []);

function reasonOf(value: unknown): [string, string] {
  try {
    validateSpec(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return [(error as SpecError).path, (error as SpecError).reason];
  }
  throw new Error('expected a SpecError');
}

describe('vit specs', () => {
  it('accepts random valid specs (any odd kernels, both implementations) and counts them', () => {
    fc.assert(
      fc.property(vitSpec(undefined, true), (spec) => {
        const copy = structuredClone(spec);
        validateSpec(spec);
        expect(spec).toEqual(copy);
        const cx = complexity(spec);
        for (const value of Object.values(cx)) expect(Number.isSafeInteger(value) && value > 0).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('counts the same network under either implementation', () => {
    fc.assert(
      fc.property(vitSpec(undefined, true), (spec) => {
        expect(complexity({ ...spec, implementation: 'torchvision' })).toEqual(complexity({ ...spec, implementation: 'pycls' }));
      }),
      { seed: SEED },
    );
  });

  it('any field replaced by a bad value: passes or throws a SpecError', () => {
    fc.assert(
      fc.property(
        vitSpec(undefined, true).chain((spec) => fc.tuple(fc.constant(spec), fc.constantFrom(...leafPaths(spec)), badValue)),
        ([spec, path, value]) => {
          try {
            complexity(withLeaf(spec, path, value) as VitSpec);
          } catch (error) {
            expect(error).toBeInstanceOf(SpecError);
          }
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it.each<[string, unknown, string, string]>([
    ['an image size that is not a whole number of patches', { ...b16, resolution: { train: 200, test: 224 } }, 'resolution.train', '200 is not a multiple of the patch size 16 (the image must split into whole patches)'],
    ['heads that do not divide the hidden width', { ...b16, heads: 5 }, 'heads', '5 does not divide the hidden width 768 (each head is hidden width / heads channels wide)'],
    ['more heads than channels', { ...b16, heads: 1536 }, 'heads', '1536 does not divide the hidden width 768 (each head is hidden width / heads channels wide)'],
    ['an unknown stem', { ...b16, stem: { type: 'hybrid' } }, 'stem.type', `"hybrid" is not one of 'patchify', 'conv'`],
    ['an unknown classifier', { ...b16, classifier: 'mean' }, 'classifier', `"mean" is not one of 'token', 'pooled'`],
    ['convs on a patchify stem', { ...b16, stem: { type: 'patchify', convs: [] } }, 'stem.convs', "an array of length 0 is set, but a patchify stem has no convs (use type 'conv')"],
    ['a conv stem without convs', { ...c1, stem: { type: 'conv', convs: [] } }, 'stem.convs', 'is empty (expected at least one conv)'],
    ['a conv stem without a list', { ...c1, stem: { type: 'conv' } }, 'stem.convs', 'is missing an array (conv stem layers)'],
    [
      'conv strides that do not multiply to the patch size',
      { ...c1, stem: { type: 'conv', convs: convsOf(c1).map((c, i) => (i === 0 ? { ...c, stride: 1 } : c)) } },
      'patchSize',
      "16 is not the conv stem's total stride (1 x 2 x 2 x 2 x 1 = 8)",
    ],
    [
      "a last conv that does not make the hidden width",
      { ...c1, stem: { type: 'conv', convs: convsOf(c1).map((c, i) => (i === 4 ? { ...c, width: 96 } : c)) } },
      'stem.convs[4].width',
      "96 is not the hidden width 192 (the stem's last conv makes the tokens)",
    ],
    ['an even conv kernel', { ...c1, stem: { type: 'conv', convs: convsOf(c1).map((c, i) => (i === 4 ? { ...c, kernel: 2 } : c)) } }, 'stem.convs[4].kernel', '2 is not odd (the conv pads by (k - 1) / 2)'],
    ['an unknown conv field', { ...c1, stem: { type: 'conv', convs: convsOf(c1).map((c, i) => (i === 2 ? { ...c, groups: 2 } : c)) } }, 'stem.convs[2].groups', 'is not a field of a conv stem layer (fields: kernel, stride, width)'],
    ['a patch size beyond the kernel limit', { ...b16, patchSize: 256, resolution: { train: 512, test: 512 } }, 'patchSize', '256 is above the limit of 255'],
    ['no encoder blocks', { ...b16, layers: 0 }, 'layers', '0 is not a positive integer'],
    ['a fractional MLP width', { ...b16, mlpWidth: 3072.5 }, 'mlpWidth', '3072.5 is not a positive integer'],
    ['an activation (the blocks use GELU, the conv stem ReLU)', { ...b16, activation: 'relu' }, 'activation', 'is not a field of a vit spec (fields: family, patchSize, stem, layers, heads, hiddenWidth, mlpWidth, classifier, numClasses, resolution, implementation)'],
    ['an unknown implementation', { ...b16, implementation: 'timm' }, 'implementation', `"timm" is not one of 'pycls', 'torchvision'`],
  ])('rejects %s', (_label, spec, path, reason) => {
    expect(reasonOf(spec)).toEqual([path, reason]);
  });

  it('accepts a one-patch image and a patch of one pixel', () => {
    expect(complexity({ ...b16, resolution: { train: 16, test: 16 } })).toBeTruthy();
    expect(complexity({ ...b16, patchSize: 1, layers: 1, heads: 1, hiddenWidth: 8, mlpWidth: 8, resolution: { train: 8, test: 8 } })).toEqual({
      // pycls's 'patchify, patch 1, 8px' (test/fixtures/pycls-vit.json) has 3 classes: the classifier of
      // 1000 has (8 + 1) x 997 more flops and params, and 997 more outputs.
      flops: 97755 + 9 * 997,
      params: 1067 + 9 * 997,
      acts: 8380 + 997,
    });
  });
});

describe('ViT specs: whole messages naming the field', () => {
  const withConv = (field: string) => ({ ...c1, stem: { type: 'conv', convs: convsOf(c1).map((conv, i) => (i === 1 ? { ...conv, [field]: 0 } : conv)) } });
  it.each<[string, unknown, string]>([
    ['a hidden width of 0', { ...c1, hiddenWidth: 0 }, 'hiddenWidth: 0 is not a positive integer'],
    ['0 heads', { ...c1, heads: 0 }, 'heads: 0 is not a positive integer'],
    ['a stem that is not an object', { ...c1, stem: 3 }, 'stem: 3 is not an object (a vit stem)'],
    ['an unknown stem field', { ...c1, stem: { ...c1.stem, x: 1 } }, 'stem.x: is not a field of a vit stem (fields: type, convs)'],
    ['a conv kernel of 0', withConv('kernel'), 'stem.convs[1].kernel: 0 is not a positive integer'],
    ['a conv stride of 0', withConv('stride'), 'stem.convs[1].stride: 0 is not a positive integer'],
    ['a conv width of 0', withConv('width'), 'stem.convs[1].width: 0 is not a positive integer'],
  ])('%s', (_label, spec, message) => {
    expect(thrown(() => validateSpec(spec), SpecError).message).toBe(message);
  });
});
