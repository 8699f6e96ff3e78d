/** The MNASNet family (torchvision's `MNASNet`): a depthwise separable stem, then stages of inverted residual blocks. */
import { commonFields } from '../anynet/summary.js';
import type { Family } from '../family.js';
import { describeMnasNet } from './network.js';
import { mnasNetScaling } from './scale.js';
import { parseMnasNet } from './schema.js';
import { mnasNetTorchvision } from './torchvision.js';
import type { MnasNetSpec } from './types.js';
import { MNASNET_ZOO } from './zoo.js';

export const mnasNet = {
  name: 'mnasnet',
  parse: parseMnasNet,
  describe: describeMnasNet,
  scaling: mnasNetScaling,
  torchvision: mnasNetTorchvision,
  zoo: MNASNET_ZOO,
  summary: (spec) => ({
    fields: [
      ['family', 'mnasnet'],
      ['stem width', String(spec.stemWidth)],
      ['separable width', String(spec.separableWidth)],
      ['head width', String(spec.headWidth)],
      ...commonFields(spec),
    ],
    stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride'],
    stages: spec.stages.map((s, i) => [i + 1, s.depth, s.width, `x${s.expansionRatio}`, s.kernel, s.stride].map(String)),
  }),
} satisfies Family<MnasNetSpec>;
