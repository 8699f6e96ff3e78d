/** The ConvNeXt family (torchvision `convnext.py`): patchify stem, CNBlock stages, downsampling layers. */
import type { Family } from '../family.js';
import { describeConvNeXt } from './network.js';
import { convNeXtScaling } from './scale.js';
import { parseConvNeXt } from './schema.js';
import { convNeXtSummary } from './summary.js';
import { convNeXtTorchvision } from './torchvision.js';
import type { ConvNeXtSpec } from './types.js';
import { CONVNEXT_ZOO } from './zoo.js';

export const convNeXt = {
  name: 'convnext',
  parse: parseConvNeXt,
  describe: describeConvNeXt,
  scaling: convNeXtScaling,
  torchvision: convNeXtTorchvision,
  zoo: CONVNEXT_ZOO,
  summary: convNeXtSummary,
} satisfies Family<ConvNeXtSpec>;
