/** The vision transformer family (pycls `vit.py`, torchvision `vision_transformer.py`). */
import type { Family } from '../family.js';
import { describeVit } from './network.js';
import { vitPycls } from './pycls.js';
import { vitScaling } from './scale.js';
import { parseVit } from './schema.js';
import { vitSummary } from './summary.js';
import { vitTorchvision } from './torchvision.js';
import type { VitSpec } from './types.js';
import { VIT_ZOO } from './zoo.js';

export const vit = {
  name: 'vit',
  parse: parseVit,
  describe: describeVit,
  scaling: vitScaling,
  pycls: vitPycls,
  torchvision: vitTorchvision,
  zoo: VIT_ZOO,
  summary: vitSummary,
} satisfies Family<VitSpec>;
