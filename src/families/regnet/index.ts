/** The RegNet family (pycls `regnet.py`): stages generated from a linear width rule, counted and scaled as their AnyNet. */
import { anyNet } from '../anynet/index.js';
import { checkScaledAnyNet } from '../anynet/scale.js';
import { anyNetTorchvision } from '../anynet/torchvision.js';
import { ANYNET_STAGE_HEADER, anyNetStageRows, blockFields, commonFields, implementationFields } from '../anynet/summary.js';
import type { AnyNetSpec } from '../anynet/types.js';
import type { Family } from '../family.js';
import { regNetAnyNet } from './anynet-form.js';
import { regNetPycls } from './pycls.js';
import { parseRegNet } from './schema.js';
import type { RegNetSpec } from './types.js';
import { REGNET_ZOO } from './zoo.js';

export const regNet = {
  name: 'regnet',
  parse: parseRegNet,
  describe: (net, spec) => anyNet.describe(net, regNetAnyNet(spec)),
  scaling: {
    // pycls scales a RegNet through its AnyNet form, and the result is that AnyNet, scaled.
    apply: (spec, factors, policy) => anyNet.scaling.apply(regNetAnyNet(spec), factors, policy),
    dimensions: (spec, policy) => anyNet.scaling.dimensions(regNetAnyNet(spec), policy),
    checkScaled: checkScaledAnyNet,
  },
  pycls: regNetPycls,
  // torchvision's RegNet class with the generated stages given explicitly.
  torchvision: (spec) => anyNetTorchvision(regNetAnyNet(spec)),
  toAnyNet: (spec): AnyNetSpec => regNetAnyNet(spec),
  zoo: REGNET_ZOO,
  summary: (spec) => ({
    fields: [
      ['family', 'regnet'],
      ['wa, w0, wm', `${spec.wa}, ${spec.w0}, ${spec.wm}`],
      ['depth', String(spec.depth)],
      ['group width', String(spec.groupWidth)],
      ['bottleneck mul', String(spec.bottleneckMultiplier)],
      ['stride', String(spec.stride)],
      ...blockFields(spec),
      ...commonFields(spec),
      ...implementationFields(spec),
    ],
    stageHeader: ANYNET_STAGE_HEADER,
    stages: anyNetStageRows(regNetAnyNet(spec)),
    stageCaption: 'generated AnyNet stages',
  }),
} satisfies Family<RegNetSpec, AnyNetSpec>;
