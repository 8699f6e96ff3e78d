import { SpecError } from '../errors.js';
import { familyOf, type ModelSpec } from '../families/index.js';
import type { AnyNetSpec } from '../families/anynet/types.js';
import { checkSpec, own } from './check.js';

/**
 * The per-stage AnyNet description of a RegNet or ResNet: the same network, as pycls's
 * `regnet_cfg_to_anynet_cfg` writes it (RegNet) or as pycls's ResNet classes build it. An AnyNet is
 * returned as is. The result has the same complexity as the input.
 *
 * @throws {@link SpecError} for an invalid spec; for a family with no AnyNet form (EfficientNet); for an
 * ImageNet ResNet with `strideOn1x1: true`, whose strided 1x1 conv has no AnyNet counterpart.
 *
 * @example
 * ```ts
 * import { toAnyNet, zooModel } from 'fastscale';
 * const anyNet = toAnyNet(zooModel('RegNetX-200MF'));
 * anyNet.stages.map((s) => s.width); // [24, 56, 152, 368]
 * ```
 */
export function toAnyNet(spec: ModelSpec): AnyNetSpec {
  return anyNetForm(checkSpec(spec));
}

/** {@link toAnyNet} on a spec already checked. */
export function anyNetForm(spec: ModelSpec): AnyNetSpec {
  const family = familyOf(spec);
  if (family.toAnyNet === undefined) {
    throw new SpecError('family', `'${spec.family}' has no AnyNet form (its blocks are not AnyNet blocks)`);
  }
  return own(family.toAnyNet(spec) as AnyNetSpec);
}
