/** MobileNet specs for people: the fields and per-stage table the CLI prints. */
import { commonFields } from '../anynet/summary.js';
import type { SpecSummary } from '../family.js';
import { v3HeadWidth } from './network.js';
import type { MobileNetSpec, MobileNetStage } from './types.js';

/** `x6` for a ratio, `120` for an explicit expanded width. */
export function expansionOf(stage: { readonly expansionRatio?: number; readonly expandedWidth?: number }): string {
  return stage.expansionRatio === undefined ? String(stage.expandedWidth) : `x${stage.expansionRatio}`;
}

function stageRow(stage: MobileNetStage, i: number): string[] {
  return [i + 1, stage.depth, stage.width, expansionOf(stage), stage.kernel, stage.stride, stage.squeezeExcite ? 'yes' : 'no', stage.activation].map(String);
}

export function mobileNetSummary(spec: MobileNetSpec): SpecSummary {
  const head: [string, string][] =
    spec.version === 'v2'
      ? [['head width', String(spec.headWidth)]]
      : [
          ['head width', `${v3HeadWidth(spec)} (6 x the last stage)`],
          ['classifier width', String(spec.lastChannel)],
        ];
  return {
    fields: [['family', 'mobilenet'], ['version', spec.version === 'v2' ? 'MobileNetV2' : 'MobileNetV3'], ['stem width', String(spec.stemWidth)], ...head, ...commonFields(spec)],
    stageHeader: ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride', 'squeeze-excite', 'activation'],
    stages: spec.stages.map(stageRow),
  };
}
