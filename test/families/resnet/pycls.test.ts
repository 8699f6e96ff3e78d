/**
 * pycls's ResNet configs (MODEL.TYPE resnet): the defaults of pycls/core/config.py for absent RESNET keys,
 * the config written back (the dataset in TRAIN and TEST: pycls picks the layout from it), and errors
 * named after the config key.
 */
import { describe, expect, it } from 'vitest';
import { fromPyclsConfig, SpecError, toPyclsConfig } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';
import { cifarResNet } from '../../specs.js';

describe('reading a resnet config', () => {
  it("takes pycls's defaults for absent keys: basic_transform, 1 group of 64, STRIDE_1X1 True, 10 classes, 224/256 px", () => {
    expect(fromPyclsConfig('MODEL: {TYPE: resnet, DEPTH: 20}\nTRAIN: {DATASET: cifar10}')).toStrictEqual({
      family: 'resnet',
      dataset: 'cifar',
      depth: 20,
      transformation: 'basic_transform',
      groups: 1,
      widthPerGroup: 64,
      strideOn1x1: true,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 224, test: 256 },
    });
  });

  it.each<[string, string, string]>([
    ['TRANS_FUN', 'TRANS_FUN: vanilla_block', 'RESNET.TRANS_FUN: "vanilla_block" is not one of \'basic_transform\', \'bottleneck_transform\''],
    ['NUM_GROUPS', 'NUM_GROUPS: 0', 'RESNET.NUM_GROUPS: 0 is not a positive integer'],
    ['WIDTH_PER_GROUP', 'WIDTH_PER_GROUP: 0', 'RESNET.WIDTH_PER_GROUP: 0 is not a positive integer'],
    ['STRIDE_1X1', 'STRIDE_1X1: 1', 'RESNET.STRIDE_1X1: 1 is not a boolean'],
  ])('an error in RESNET.%s names the key', (_key, entry, message) => {
    const transformation = entry.startsWith('TRANS_FUN') ? '' : '  TRANS_FUN: bottleneck_transform\n';
    const config = `MODEL: {TYPE: resnet, DEPTH: 50}\nTRAIN: {DATASET: imagenet}\nRESNET:\n${transformation}  ${entry}\n`;
    expect(thrown(() => fromPyclsConfig(config), SpecError).message).toBe(message);
  });
});

describe('writing a resnet config', () => {
  it('R-56: the RESNET keys, the depth, and the dataset both for training and testing', () => {
    expect(toPyclsConfig(cifarResNet(56))).toBe(
      [
        'MODEL:',
        '  TYPE: resnet',
        '  DEPTH: 56',
        '  NUM_CLASSES: 10',
        '  ACTIVATION_FUN: relu',
        'RESNET:',
        '  TRANS_FUN: basic_transform',
        '  NUM_GROUPS: 1',
        '  WIDTH_PER_GROUP: 64',
        '  STRIDE_1X1: true',
        'TRAIN:',
        '  DATASET: cifar10',
        '  IM_SIZE: 32',
        'TEST:',
        '  DATASET: cifar10',
        '  IM_SIZE: 32',
        '',
      ].join('\n'),
    );
  });
});
