/** The summaries the CLI's `info` and `scale` print for MobileNets (src/families/mobilenet/summary.ts). */
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../../src/index.js';
import { familyOf } from '../../../src/families/index.js';

describe('mobileNetSummary', () => {
  it("mobilenet_v2: torchvision's inverted residual setting [t, c, n, s] as stages, 3x3 kernels, ReLU6, no squeeze-excite", () => {
    const spec = zooModel('mobilenet_v2');
    expect(familyOf(spec).summary(spec)).toEqual({
      fields: [
        ['family', 'mobilenet'],
        ['version', 'MobileNetV2'],
        ['stem width', '32'],
        ['head width', '1280'],
        ['classes', '1000'],
        ['resolution', 'train 224 px, test 224 px'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride', 'squeeze-excite', 'activation'],
      stages: [
        ['1', '1', '16', 'x1', '3', '1', 'no', 'relu6'],
        ['2', '2', '24', 'x6', '3', '2', 'no', 'relu6'],
        ['3', '3', '32', 'x6', '3', '2', 'no', 'relu6'],
        ['4', '4', '64', 'x6', '3', '2', 'no', 'relu6'],
        ['5', '3', '96', 'x6', '3', '1', 'no', 'relu6'],
        ['6', '3', '160', 'x6', '3', '2', 'no', 'relu6'],
        ['7', '1', '320', 'x6', '3', '1', 'no', 'relu6'],
      ],
    });
  });

  it('mobilenet_v3_small: the last conv 6x the last stage (576), the classifier width, expanded widths per run', () => {
    const spec = zooModel('mobilenet_v3_small');
    const summary = familyOf(spec).summary(spec);
    expect(summary.fields).toEqual([
      ['family', 'mobilenet'],
      ['version', 'MobileNetV3'],
      ['stem width', '16'],
      ['head width', '576 (6 x the last stage)'],
      ['classifier width', '1024'],
      ['classes', '1000'],
      ['resolution', 'train 224 px, test 224 px'],
    ]);
    // _mobilenet_v3_conf("mobilenet_v3_small"): (16, 3, 16, 16, True, RE, 2), (16, 3, 72, 24, False, RE, 2), ...
    expect(summary.stages.slice(0, 2)).toEqual([
      ['1', '1', '16', '16', '3', '2', 'yes', 'relu'],
      ['2', '1', '24', '72', '3', '2', 'no', 'relu'],
    ]);
    expect(summary.stages.at(-1)).toEqual([String(summary.stages.length), '2', '96', '576', '5', '1', 'yes', 'hardswish']);
  });
});
