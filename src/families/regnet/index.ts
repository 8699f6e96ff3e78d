/** The RegNet family (pycls `regnet.py`): stages generated from a linear width rule, counted and scaled as their AnyNet. */
import { anyNet } from '../anynet/index.js';
import { checkScaledAnyNet } from '../anynet/scale.js';
import { anyNetTorchvision } from '../anynet/torchvision.js';
import type { AnyNetSpec } from '../anynet/types.js';
import type { Family } from '../family.js';
import { regNetAnyNet } from './anynet-form.js';
import { regNetPycls } from './pycls.js';
import { parseRegNet } from './schema.js';
import { regNetSummary } from './summary.js';
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
  summary: regNetSummary,
} satisfies Family<RegNetSpec, AnyNetSpec>;
