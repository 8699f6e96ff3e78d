/** The summary the CLI's `info` and `scale` print for a ConvNeXt (src/families/convnext/summary.ts). */
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../../src/index.js';
import { familyOf } from '../../../src/families/index.js';

describe('convNeXtSummary', () => {
  it("convnext_tiny: torchvision's stem, and per stage its depth, width and 4x MLP width", () => {
    const spec = zooModel('convnext_tiny');
    expect(familyOf(spec).summary(spec)).toEqual({
      fields: [
        ['family', 'convnext'],
        ['stem', '4x4 stride-4 conv, width 96'],
        ['classes', '1000'],
        ['resolution', 'train 224 px, test 224 px'],
        ['modules', 'torchvision'],
      ],
      stageHeader: ['stage', 'depth', 'width', 'mlp width'],
      stages: [
        ['1', '3', '96', '384'],
        ['2', '3', '192', '768'],
        ['3', '9', '384', '1536'],
        ['4', '3', '768', '3072'],
      ],
    });
  });
});
