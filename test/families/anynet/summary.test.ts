/** The summaries the CLI's `info` and `scale` print (src/families/anynet/summary.ts and each family's index.ts). */
import { describe, expect, it } from 'vitest';
import { zooModel, type AnyNetSpec } from '../../../src/index.js';
import { familyOf } from '../../../src/families/index.js';
import { cifarResNet, imageNetResNet } from '../../specs.js';

describe('anyNetSummary', () => {
  it("ResNeXt-50: pycls's fields, and one row per stage", () => {
    const spec = zooModel('ResNeXt-50') as AnyNetSpec;
    expect(familyOf(spec).summary(spec)).toEqual({
      fields: [
        ['family', 'anynet'],
        ['stem', 'res_stem_in, width 64'],
        ['block', 'res_bottleneck_block'],
        ['squeeze-excite', 'none'],
        ['head width', '0 (no head conv)'],
        ['classes', '1000'],
        ['activation', 'relu'],
        ['resolution', 'train 224 px, test 256 px'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'stride', 'bot mul', 'group width'],
      stages: [
        ['1', '3', '256', '1', '0.5', '4'],
        ['2', '4', '512', '2', '0.5', '8'],
        ['3', '6', '1024', '2', '0.5', '16'],
        ['4', '3', '2048', '2', '0.5', '32'],
      ],
    });
  });

  it('shows squeeze-excite, a head conv, torchvision module names, and - for fields a basic block leaves out', () => {
    const spec: AnyNetSpec = {
      family: 'anynet',
      stem: { type: 'res_stem_cifar', width: 16 },
      blockType: 'res_basic_block',
      stages: [{ depth: 2, width: 16, stride: 1 }],
      seRatio: null,
      headWidth: 64,
      numClasses: 10,
      activation: 'silu',
      resolution: { train: 32, test: 36 },
      implementation: 'torchvision',
    };
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields).toContainEqual(['head width', '64']);
    expect(summary.fields).toContainEqual(['modules', 'torchvision']);
    expect(summary.fields).toContainEqual(['resolution', 'train 32 px, test 36 px']);
    expect(summary.stages).toEqual([['1', '2', '16', '1', '-', '-']]);
    const se = { ...(zooModel('RegNetY-400MF') as unknown as AnyNetSpec) };
    expect(familyOf(se).summary(se).fields).toContainEqual(['squeeze-excite', '0.25']);
    const pyclsNamed = { ...spec, implementation: 'pycls' as const };
    expect(familyOf(pyclsNamed).summary(pyclsNamed).fields.map(([label]) => label)).not.toContain('modules');
  });
});

describe('regnet and resnet summaries', () => {
  it("RegNetY-400MF: its parameters, and the AnyNet stages pycls generates (widths 48, 104, 208, 440; depths 1, 3, 6, 6)", () => {
    const spec = zooModel('RegNetY-400MF');
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields.slice(0, 6)).toEqual([
      ['family', 'regnet'],
      ['wa, w0, wm', '27.89, 48, 2.09'],
      ['depth', '16'],
      ['group width', '8'],
      ['bottleneck mul', '1'],
      ['stride', '2'],
    ]);
    expect(summary.stageCaption).toBe('generated AnyNet stages');
    expect(summary.stages.map((row) => [row[1], row[2]])).toEqual([
      ['1', '48'],
      ['3', '104'],
      ['6', '208'],
      ['6', '440'],
    ]);
  });

  it('pycls ResNets: their fields, and the AnyNet form where there is one', () => {
    const resnet = imageNetResNet({ groups: 32, widthPerGroup: 4 });
    const summary = familyOf(resnet).summary(resnet);
    expect(summary.fields.slice(0, 7)).toEqual([
      ['family', 'resnet'],
      ['dataset', 'imagenet'],
      ['depth', '50'],
      ['transformation', 'bottleneck_transform'],
      ['groups', '32'],
      ['width per group', '4'],
      ['stride on 1x1', 'false'],
    ]);
    expect(summary.stageCaption).toBe('AnyNet stages (res_bottleneck_block, stem res_stem_in)');
    expect(summary.stages[0]).toEqual(['1', '3', '256', '1', '0.5', '4']);
    const cifar = familyOf(cifarResNet(20)).summary(cifarResNet(20));
    expect(cifar.stages).toEqual([
      ['1', '3', '16', '1', '1', '1'],
      ['2', '3', '32', '2', '1', '1'],
      ['3', '3', '64', '2', '1', '1'],
    ]);
    const msra = imageNetResNet({ strideOn1x1: true });
    const none = familyOf(msra).summary(msra);
    expect(none.stages).toEqual([]);
    expect(none.fields.at(-1)![0]).toBe('AnyNet form');
    expect(none.fields.at(-1)![1]).toMatch(/^none: strideOn1x1: true puts the stride on the first 1x1 conv/);
  });
});
