import { SpecError } from '../errors.js';
import { isDeepFrozen } from '../internal/freeze.js';
import { IMAGENET_STAGE_DEPTHS } from '../complexity/resnet.js';
import { checkSpec } from './check.js';
import { adjustBlockCompatibility } from './compatibility.js';
import { generateRegNet } from './regnet.js';
import type { AnyNetSpec, AnyNetStage, ModelSpec, RegNetSpec, ResNetSpec } from './types.js';

/** AnyNet forms of deeply frozen specs, derived once: the spec can never change. */
const anyNetForms = new WeakMap<object, AnyNetSpec>();

/**
 * The per-stage AnyNet description of a RegNet or ResNet: the same network, as pycls's
 * `regnet_cfg_to_anynet_cfg` writes it (RegNet) or as pycls's ResNet classes build it. An AnyNet is
 * returned as is. The result has the same complexity as the input.
 *
 * @throws {@link SpecError} for an invalid spec; for an EfficientNet (no AnyNet form); for an ImageNet
 * ResNet with `strideOn1x1: true`, whose strided 1x1 conv has no AnyNet counterpart.
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
  if (spec.family === 'anynet') return spec;
  const cached = anyNetForms.get(spec);
  if (cached !== undefined) return cached;
  let form: AnyNetSpec;
  switch (spec.family) {
    case 'regnet':
      form = regNetToAnyNet(spec);
      break;
    case 'resnet':
      form = resNetToAnyNet(spec);
      break;
    case 'efficientnet':
      throw new SpecError('family', `'efficientnet' has no AnyNet form (MBConv blocks are not AnyNet blocks)`);
  }
  if (isDeepFrozen(spec)) anyNetForms.set(spec, Object.freeze(form));
  return form;
}

function regNetToAnyNet(spec: RegNetSpec): AnyNetSpec {
  const { widths, depths } = generateRegNet(spec.wa, spec.w0, spec.wm, spec.depth);
  let shapes;
  try {
    shapes = adjustBlockCompatibility(
      widths.map((width) => ({ width, bottleneckMultiplier: spec.bottleneckMultiplier, groupWidth: spec.groupWidth })),
    );
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError('bottleneckMultiplier', `the generated stages cannot be made compatible: ${error.message}`);
  }
  const stages: AnyNetStage[] = shapes.map((shape, i) => ({
    depth: depths[i]!,
    width: shape.width,
    stride: spec.stride,
    bottleneckMultiplier: shape.bottleneckMultiplier,
    groupWidth: shape.groupWidth,
  }));
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
  };
  try {
    return checkSpec(form) as AnyNetSpec;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError('', `the AnyNet form this RegNet generates is invalid: ${error.message}`);
  }
}

function resNetToAnyNet(spec: ResNetSpec): AnyNetSpec {
  const common = {
    family: 'anynet',
    seRatio: null,
    headWidth: 0,
    numClasses: spec.numClasses,
    activation: spec.activation,
    resolution: spec.resolution,
  } as const;
  if (spec.dataset === 'cifar') {
    const depth = (spec.depth - 2) / 6;
    const stage = (width: number, stride: number): AnyNetStage => ({ depth, width, stride, bottleneckMultiplier: 1, groupWidth: 1 });
    return {
      ...common,
      stem: { type: 'res_stem_cifar', width: 16 },
      blockType: 'res_basic_block',
      stages: [stage(16, 1), stage(32, 2), stage(64, 2)],
    };
  }
  if (spec.strideOn1x1) {
    throw new SpecError(
      'strideOn1x1',
      'true puts the stride on the first 1x1 conv (MSRA); AnyNet blocks stride the 3x3 conv, so this ResNet has no AnyNet form',
    );
  }
  const stageDepths = IMAGENET_STAGE_DEPTHS[spec.depth]!;
  const bottleneckWidth = spec.groups * spec.widthPerGroup;
  return {
    ...common,
    stem: { type: 'res_stem_in', width: 64 },
    blockType: 'res_bottleneck_block',
    // Stage i: width 256 * 2^i, bottleneck (groups x widthPerGroup) * 2^i, the same number of groups.
    stages: stageDepths.map((depth, i) => ({
      depth,
      width: 256 * 2 ** i,
      stride: i === 0 ? 1 : 2,
      bottleneckMultiplier: bottleneckWidth / 256,
      groupWidth: spec.widthPerGroup * 2 ** i,
    })),
  };
}
