/** A RegNet's stages, as pycls's `regnet_cfg_to_anynet_cfg` (or torchvision's `BlockParams`) generates them: the AnyNet it stands for. */
import { SpecError } from '../../errors.js';
import { isOwned } from '../../internal/owned.js';
import { compatibleShape } from '../../spec/compatibility.js';
import { checkComputedStages } from '../anynet/schema.js';
import type { AnyNetSpec, AnyNetStage } from '../anynet/types.js';
import { generateStages } from './generate.js';
import { torchvisionRegNetStages } from './torchvision.js';
import type { RegNetSpec } from './types.js';

/** AnyNet forms of owned specs already derived: such a spec is immutable, so its form never changes. */
const forms = new WeakMap<RegNetSpec, AnyNetSpec>();

/**
 * The AnyNet a (checked) RegNet generates: widths from {@link generateRegNet} (or torchvision's generation,
 * for `implementation: 'torchvision'`), stride, bottleneck and group width per stage, block compatibility;
 * checked like any AnyNet. Errors name the RegNet's fields.
 */
export function regNetAnyNet(spec: RegNetSpec): AnyNetSpec {
  const cached = forms.get(spec);
  if (cached !== undefined) return cached;
  const stages = spec.implementation === 'torchvision' ? torchvisionRegNetStages(spec) : pyclsStages(spec);
  try {
    // Every other field comes checked from the RegNet: only the generated stages need checking.
    checkComputedStages(stages, spec.blockType, spec.stem.width, spec.seRatio);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError('', `the AnyNet form this RegNet generates is invalid: ${error.message}`);
  }
  const form: AnyNetSpec = {
    family: 'anynet',
    stem: spec.stem,
    blockType: spec.blockType,
    stages,
    seRatio: spec.seRatio,
    headWidth: spec.headWidth,
    numClasses: spec.numClasses,
    activation: spec.activation,
    resolution: spec.resolution,
    ...(spec.implementation === undefined ? {} : { implementation: spec.implementation }),
  };
  // Only a spec the library keeps is asked again; a caller's spec read for one count is not.
  if (isOwned(spec)) forms.set(spec, form);
  return form;
}

/** pycls's stages: `generate_regnet`, then `adjust_block_compatibility` per stage. */
function pyclsStages(spec: RegNetSpec): AnyNetStage[] {
  // The RegNet's fields are checked: the generation loop alone.
  const { widths, depths } = generateStages(spec.wa, spec.w0, spec.wm, spec.depth);
  return widths.map((width, i) => {
    let shape;
    try {
      shape = compatibleShape({ width, bottleneckMultiplier: spec.bottleneckMultiplier, groupWidth: spec.groupWidth }, `[${i}]`);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      throw new SpecError('bottleneckMultiplier', `the generated stages cannot be made compatible: ${error.message}`);
    }
    return { depth: depths[i]!, width: shape.width, stride: spec.stride, bottleneckMultiplier: shape.bottleneckMultiplier, groupWidth: shape.groupWidth };
  });
}
