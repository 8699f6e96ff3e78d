/** The EfficientNet family (pycls `effnet.py`, torchvision `efficientnet.py`): MBConv stages with squeeze-excite, and EfficientNetV2's fused-MBConv stages. */
import type { Family } from '../family.js';
import { describeEfficientNet } from './network.js';
import { efficientNetPycls } from './pycls.js';
import { efficientNetScaling } from './scale.js';
import { parseEfficientNet } from './schema.js';
import { efficientNetSummary } from './summary.js';
import { efficientNetTorchvision } from './torchvision.js';
import type { EfficientNetSpec } from './types.js';
import { EFFICIENTNET_ZOO } from './zoo.js';

export const efficientNet = {
  name: 'efficientnet',
  parse: parseEfficientNet,
  describe: describeEfficientNet,
  scaling: efficientNetScaling,
  pycls: efficientNetPycls,
  zoo: EFFICIENTNET_ZOO,
  torchvision: efficientNetTorchvision,
  summary: efficientNetSummary,
} satisfies Family<EfficientNetSpec>;
