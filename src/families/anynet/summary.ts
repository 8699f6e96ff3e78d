/** AnyNet specs for people: the fields and per-stage table the CLI prints. */
import type { SpecSummary } from '../family.js';
import type { AnyNetSpec } from './types.js';

/** Header of the per-stage table of an AnyNet (and of the AnyNet form of a RegNet or ResNet). */
export const ANYNET_STAGE_HEADER = ['stage', 'depth', 'width', 'stride', 'bot mul', 'group width'];

/** One row per stage; `-` where a basic or vanilla block's stage leaves a field out. */
export function anyNetStageRows(spec: AnyNetSpec): string[][] {
  return spec.stages.map((s, i) => [i + 1, s.depth, s.width, s.stride, s.bottleneckMultiplier ?? '-', s.groupWidth ?? '-'].map(String));
}

/** The fields of any spec: classes, activation (where it has one), resolution. */
export function commonFields(spec: { numClasses: number; activation?: string; resolution: { train: number; test: number } }): [string, string][] {
  return [
    ['classes', String(spec.numClasses)],
    ...(spec.activation === undefined ? [] : ([['activation', spec.activation]] as [string, string][])),
    ['resolution', `train ${spec.resolution.train} px, test ${spec.resolution.test} px`],
  ];
}

/** Stem, block, squeeze-excite and head of an AnyNet or RegNet. */
export function blockFields(spec: Pick<AnyNetSpec, 'stem' | 'blockType' | 'seRatio' | 'headWidth'>): [string, string][] {
  return [
    ['stem', `${spec.stem.type}, width ${spec.stem.width}`],
    ['block', spec.blockType],
    ['squeeze-excite', spec.seRatio === null ? 'none' : String(spec.seRatio)],
    ['head width', spec.headWidth === 0 ? '0 (no head conv)' : String(spec.headWidth)],
  ];
}

/** Whose modules the spec names, where not pycls's. */
export function implementationFields(spec: { implementation?: string }): [string, string][] {
  return spec.implementation === undefined || spec.implementation === 'pycls' ? [] : [['modules', spec.implementation]];
}

export function anyNetSummary(spec: AnyNetSpec): SpecSummary {
  return {
    fields: [['family', 'anynet'], ...blockFields(spec), ...commonFields(spec), ...implementationFields(spec)],
    stageHeader: ANYNET_STAGE_HEADER,
    stages: anyNetStageRows(spec),
  };
}
