/** RegNet specs for people: the RegNet's parameters, and the AnyNet stages they generate. */
import { ANYNET_STAGE_HEADER, anyNetStageRows, blockFields, commonFields, implementationFields } from '../anynet/summary.js';
import type { SpecSummary } from '../family.js';
import { regNetAnyNet } from './anynet-form.js';
import type { RegNetSpec } from './types.js';

export function regNetSummary(spec: RegNetSpec): SpecSummary {
  return {
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
  };
}
