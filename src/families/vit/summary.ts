/** Vision transformer specs for people: the fields and the encoder table the CLI prints. */
import { commonFields, implementationFields } from '../anynet/summary.js';
import type { SpecSummary } from '../family.js';
import type { VitSpec } from './types.js';

/** Tokens the encoder reads: one per patch, plus the class token. */
export function sequenceLength(spec: VitSpec): number {
  const side = spec.resolution.train / spec.patchSize;
  return side * side + (spec.classifier === 'token' ? 1 : 0);
}

function stemText(spec: VitSpec): string {
  if (spec.stem.type === 'patchify') return `patchify ${spec.patchSize}x${spec.patchSize}`;
  return `conv ${spec.stem.convs.map((c) => `${c.kernel}x${c.kernel}/${c.stride} ${c.width}`).join(', ')}`;
}

export function vitSummary(spec: VitSpec): SpecSummary {
  return {
    fields: [
      ['family', 'vit'],
      ['patch size', String(spec.patchSize)],
      ['stem', stemText(spec)],
      ['classifier', spec.classifier === 'token' ? 'token (class token)' : 'pooled (mean of the tokens)'],
      ...commonFields(spec),
      ...implementationFields(spec),
    ],
    stageHeader: ['stage', 'blocks', 'width', 'heads', 'head width', 'mlp width', 'tokens'],
    stages: [['encoder', spec.layers, spec.hiddenWidth, spec.heads, spec.hiddenWidth / spec.heads, spec.mlpWidth, sequenceLength(spec)].map(String)],
  };
}
