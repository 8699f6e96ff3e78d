/** The summary the CLI's `info` and `scale` print for a pycls ResNet (src/families/resnet/index.ts). */
import { describe, expect, it } from 'vitest';
import { familyOf } from '../../../src/families/index.js';
import { cifarResNet, imageNetResNet } from '../../specs.js';

describe('ResNet summary', () => {
  it("R-56 (CIFAR): pycls's fields, then its AnyNet stages: 3 stages of (56 - 2) / 6 = 9 basic blocks, 16, 32, 64 wide", () => {
    const spec = cifarResNet(56);
    expect(familyOf(spec).summary(spec)).toStrictEqual({
      fields: [
        ['family', 'resnet'],
        ['dataset', 'cifar'],
        ['depth', '56'],
        ['transformation', 'basic_transform'],
        ['groups', '1'],
        ['width per group', '64'],
        ['stride on 1x1', 'true'],
        ['classes', '10'],
        ['activation', 'relu'],
        ['resolution', 'train 32 px, test 32 px'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'stride', 'bot mul', 'group width'],
      stages: [
        ['1', '9', '16', '1', '1', '1'],
        ['2', '9', '32', '2', '1', '1'],
        ['3', '9', '64', '2', '1', '1'],
      ],
      stageCaption: 'AnyNet stages (res_basic_block, stem res_stem_cifar)',
    });
  });

  it('X-101-32x4d: bottlenecks 32 x 4 = 128 wide in the first stage (a multiplier of 128 / 256), group widths 4 to 32', () => {
    const spec = imageNetResNet({ depth: 101, groups: 32, widthPerGroup: 4 });
    expect(familyOf(spec).summary(spec)).toStrictEqual({
      fields: [
        ['family', 'resnet'],
        ['dataset', 'imagenet'],
        ['depth', '101'],
        ['transformation', 'bottleneck_transform'],
        ['groups', '32'],
        ['width per group', '4'],
        ['stride on 1x1', 'false'],
        ['classes', '1000'],
        ['activation', 'relu'],
        ['resolution', 'train 224 px, test 256 px'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'stride', 'bot mul', 'group width'],
      stages: [
        ['1', '3', '256', '1', '0.5', '4'],
        ['2', '4', '512', '2', '0.5', '8'],
        ['3', '23', '1024', '2', '0.5', '16'],
        ['4', '3', '2048', '2', '0.5', '32'],
      ],
      stageCaption: 'AnyNet stages (res_bottleneck_block, stem res_stem_in)',
    });
  });

  it("MSRA's stride on the 1x1 conv: the fields and why there is no AnyNet form, no stages", () => {
    const spec = imageNetResNet({ strideOn1x1: true });
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields.slice(6, 7)).toEqual([['stride on 1x1', 'true']]);
    expect(summary.fields.at(-1)).toEqual([
      'AnyNet form',
      'none: strideOn1x1: true puts the stride on the first 1x1 conv (MSRA); AnyNet blocks stride the 3x3 conv, so this ResNet has no AnyNet form',
    ]);
    expect(summary.fields).toHaveLength(11);
    expect(summary).toStrictEqual({ fields: summary.fields, stageHeader: [], stages: [] });
  });
});
