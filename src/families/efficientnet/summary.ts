/** EfficientNet specs for people: the fields and per-stage table the CLI prints. */
import { commonFields, implementationFields } from '../anynet/summary.js';
import type { SpecSummary } from '../family.js';
import type { EfficientNetSpec } from './types.js';

export function efficientNetSummary(spec: EfficientNetSpec): SpecSummary {
  // The block column only where some stage is fused, so that MBConv-only networks read as before.
  const fused = spec.stages.some((s) => s.fused === true);
  return {
    fields: [
      ['family', 'efficientnet'],
      ['stem width', String(spec.stemWidth)],
      ['squeeze-excite', String(spec.seRatio)],
      ['head width', String(spec.headWidth)],
      ...commonFields(spec),
      ...implementationFields(spec),
      ...(spec.batchNormEps === undefined ? [] : ([['batch norm eps', String(spec.batchNormEps)]] as [string, string][])),
    ],
    stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride', ...(fused ? ['block'] : [])],
    stages: spec.stages.map((s, i) => [
      ...[i + 1, s.depth, s.width, s.expansionRatio, s.kernel, s.stride].map(String),
      ...(fused ? [s.fused === true ? 'fused' : 'mbconv'] : []),
    ]),
  };
}
