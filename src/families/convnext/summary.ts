/** ConvNeXt specs for people: the fields and per-stage table the CLI prints. */
import { commonFields } from '../anynet/summary.js';
import type { SpecSummary } from '../family.js';
import { MLP_RATIO } from './schema.js';
import type { ConvNeXtSpec } from './types.js';

export function convNeXtSummary(spec: ConvNeXtSpec): SpecSummary {
  return {
    fields: [['family', 'convnext'], ['stem', `4x4 stride-4 conv, width ${spec.stages[0]!.width}`], ...commonFields(spec), ['modules', 'torchvision']],
    stageHeader: ['stage', 'depth', 'width', 'mlp width'],
    stages: spec.stages.map((s, i) => [i + 1, s.depth, s.width, MLP_RATIO * s.width].map(String)),
  };
}
