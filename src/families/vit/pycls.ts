/** The vision transformer as a pycls config (`MODEL.TYPE: vit`, section `VIT`). */
import { SpecError } from '../../errors.js';
import { flow, optional } from '../../io/pycls-format.js';
import type { ConfigEntries, PyclsConfigView, PyclsFormat } from '../family.js';
import type { VitSpec } from './types.js';

const FIELD_KEYS: Readonly<Record<string, string>> = {
  patchSize: 'VIT.PATCH_SIZE',
  'stem.type': 'VIT.STEM_TYPE',
  'stem.convs': 'VIT.C_STEM_DIMS',
  layers: 'VIT.NUM_LAYERS',
  heads: 'VIT.NUM_HEADS',
  hiddenWidth: 'VIT.HIDDEN_DIM',
  mlpWidth: 'VIT.MLP_DIM',
  classifier: 'VIT.CLASSIFIER_TYPE',
};

const CONV_KEYS: Readonly<Record<string, string>> = { kernel: 'C_STEM_KERNELS', stride: 'C_STEM_STRIDES', width: 'C_STEM_DIMS' };

/** The kernel pycls's `ViTStemConv` builds for every conv but the last, whatever `C_STEM_KERNELS` says. */
const PYCLS_STEM_KERNEL = 3;

export const vitPycls: PyclsFormat<VitSpec> = {
  type: 'vit',
  section: 'VIT',
  keys: ['PATCH_SIZE', 'STEM_TYPE', 'C_STEM_KERNELS', 'C_STEM_STRIDES', 'C_STEM_DIMS', 'NUM_LAYERS', 'NUM_HEADS', 'HIDDEN_DIM', 'MLP_DIM', 'CLASSIFIER_TYPE'],
  // pycls's ViT uses GELU in its blocks and ReLU in its conv stem, whatever MODEL.ACTIVATION_FUN says.
  ignoresActivation: true,

  read(config) {
    const s = config.section('VIT');
    const type = optional(s.STEM_TYPE, 'patchify');
    return {
      family: 'vit',
      patchSize: optional(s.PATCH_SIZE, 16),
      stem: type === 'conv' ? { type, convs: readConvStem(config) } : { type },
      layers: optional(s.NUM_LAYERS, 12),
      heads: optional(s.NUM_HEADS, 12),
      hiddenWidth: optional(s.HIDDEN_DIM, 768),
      mlpWidth: optional(s.MLP_DIM, 3072),
      classifier: optional(s.CLASSIFIER_TYPE, 'token'),
    };
  },

  write(spec) {
    const entries: ConfigEntries = [
      ['PATCH_SIZE', spec.patchSize],
      ['STEM_TYPE', spec.stem.type],
    ];
    if (spec.stem.type === 'conv') {
      const { convs } = spec.stem;
      convs.forEach((conv, i) => {
        if (i < convs.length - 1 && conv.kernel !== PYCLS_STEM_KERNEL) {
          throw new SpecError(
            `stem.convs[${i}].kernel`,
            `${conv.kernel} cannot be written for pycls: it builds every conv of the stem but the last as 3x3, whatever C_STEM_KERNELS says`,
          );
        }
      });
      entries.push(
        ['C_STEM_KERNELS', flow(convs.map((c) => c.kernel))],
        ['C_STEM_STRIDES', flow(convs.map((c) => c.stride))],
        ['C_STEM_DIMS', flow(convs.map((c) => c.width))],
      );
    }
    entries.push(
      ['NUM_LAYERS', spec.layers],
      ['NUM_HEADS', spec.heads],
      ['HIDDEN_DIM', spec.hiddenWidth],
      ['MLP_DIM', spec.mlpWidth],
      ['CLASSIFIER_TYPE', spec.classifier],
    );
    return { section: entries };
  },

  keyOf(path) {
    const conv = /^stem\.convs\[(\d+)\]\.(\w+)$/.exec(path);
    if (conv !== null && CONV_KEYS[conv[2]!] !== undefined) return `VIT.${CONV_KEYS[conv[2]!]}[${conv[1]}]`;
    return FIELD_KEYS[path];
  },
};

/**
 * The conv stem as pycls builds it from `C_STEM_KERNELS`, `C_STEM_STRIDES` and `C_STEM_DIMS`: one conv per
 * entry (the lists must have the same length, as pycls asserts), 3x3 for all but the last, whose kernel
 * is its `C_STEM_KERNELS` entry (pycls ignores the other entries).
 */
function readConvStem(config: PyclsConfigView): { kernel: unknown; stride: unknown; width: unknown }[] {
  const dims = config.list('VIT', 'C_STEM_DIMS');
  const strides = config.list('VIT', 'C_STEM_STRIDES');
  const kernels = config.list('VIT', 'C_STEM_KERNELS');
  if (dims.length === 0) throw new SpecError('VIT.C_STEM_DIMS', 'is empty (a conv stem needs at least one conv)');
  for (const [key, values] of [['C_STEM_STRIDES', strides], ['C_STEM_KERNELS', kernels]] as const) {
    if (values.length !== dims.length) {
      throw new SpecError(`VIT.${key}`, `has ${values.length} entries but VIT.C_STEM_DIMS has ${dims.length} (one per conv stem layer)`);
    }
  }
  const last = dims.length - 1;
  return dims.map((width, i) => ({ kernel: i < last ? PYCLS_STEM_KERNEL : kernels[i], stride: strides[i], width }));
}
