/** The AnyNet family (pycls `anynet.py`): any stem, block type and per-stage widths. */
import type { Family } from '../family.js';
import { describeAnyNet } from './network.js';
import { anyNetPycls } from './pycls.js';
import { anyNetScaling } from './scale.js';
import { parseAnyNet } from './schema.js';
import { anyNetSummary } from './summary.js';
import { anyNetTorchvision } from './torchvision.js';
import type { AnyNetSpec } from './types.js';
import { ANYNET_ZOO } from './zoo.js';

export const anyNet = {
  name: 'anynet',
  parse: parseAnyNet,
  describe: describeAnyNet,
  scaling: anyNetScaling,
  pycls: anyNetPycls,
  torchvision: anyNetTorchvision,
  toAnyNet: (spec) => spec,
  zoo: ANYNET_ZOO,
  summary: anyNetSummary,
} satisfies Family<AnyNetSpec>;
