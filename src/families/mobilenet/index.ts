/** The MobileNet family (torchvision's `MobileNetV2` and `MobileNetV3`): stages of inverted residual blocks. */
import type { Family } from '../family.js';
import { describeMobileNet } from './network.js';
import { mobileNetScaling } from './scale.js';
import { parseMobileNet } from './schema.js';
import { mobileNetSummary } from './summary.js';
import { mobileNetTorchvision } from './torchvision.js';
import type { MobileNetSpec } from './types.js';
import { MOBILENET_ZOO } from './zoo.js';

export const mobileNet = {
  name: 'mobilenet',
  parse: parseMobileNet,
  describe: describeMobileNet,
  scaling: mobileNetScaling,
  torchvision: mobileNetTorchvision,
  zoo: MOBILENET_ZOO,
  summary: mobileNetSummary,
} satisfies Family<MobileNetSpec>;
