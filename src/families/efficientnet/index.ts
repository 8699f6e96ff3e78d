/** The EfficientNet family (pycls `effnet.py`): MBConv stages with squeeze-excite. */
import { commonFields, implementationFields } from '../anynet/summary.js';
import type { Family } from '../family.js';
import { describeEfficientNet } from './network.js';
import { efficientNetPycls } from './pycls.js';
import { efficientNetScaling } from './scale.js';
import { parseEfficientNet } from './schema.js';
import type { EfficientNetSpec } from './types.js';
import { EFFICIENTNET_ZOO } from './zoo.js';

export const efficientNet = {
  name: 'efficientnet',
  parse: parseEfficientNet,
  describe: describeEfficientNet,
  scaling: efficientNetScaling,
  pycls: efficientNetPycls,
  zoo: EFFICIENTNET_ZOO,
  summary: (spec) => ({
    fields: [
      ['family', 'efficientnet'],
      ['stem width', String(spec.stemWidth)],
      ['squeeze-excite', String(spec.seRatio)],
      ['head width', String(spec.headWidth)],
      ...commonFields(spec),
      ...implementationFields(spec),
    ],
    stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride'],
    stages: spec.stages.map((s, i) => [i + 1, s.depth, s.width, s.expansionRatio, s.kernel, s.stride].map(String)),
  }),
} satisfies Family<EfficientNetSpec>;
