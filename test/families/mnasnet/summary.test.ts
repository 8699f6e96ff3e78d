/** The summary the CLI's `info` and `scale` print for an MNASNet (src/families/mnasnet/index.ts). */
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../../src/index.js';
import { familyOf } from '../../../src/families/index.js';

describe('MNASNet summary', () => {
  it("mnasnet1_0: torchvision's stem, separable and head widths, and its six stacks [kernel, stride, expansion, repeats]", () => {
    const spec = zooModel('mnasnet1_0');
    expect(familyOf(spec).summary(spec)).toEqual({
      fields: [
        ['family', 'mnasnet'],
        ['stem width', '32'],
        ['separable width', '16'],
        ['head width', '1280'],
        ['classes', '1000'],
        ['resolution', 'train 224 px, test 224 px'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride'],
      stages: [
        ['1', '3', '24', 'x3', '3', '2'],
        ['2', '3', '40', 'x3', '5', '2'],
        ['3', '3', '80', 'x6', '5', '2'],
        ['4', '2', '96', 'x6', '3', '1'],
        ['5', '4', '192', 'x6', '5', '2'],
        ['6', '1', '320', 'x6', '3', '1'],
      ],
    });
  });
});
