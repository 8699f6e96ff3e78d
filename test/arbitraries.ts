/**
 * fast-check arbitraries: valid random specs of every family (built so that every cross-field rule
 * holds by construction), and malformed variants of them for the error paths.
 */
import fc from 'fast-check';
import {
  type AnyNetSpec,
  type AnyNetStage,
  type BlockType,
  type ConvNeXtSpec,
  type EfficientNetSpec,
  type EfficientNetStage,
  type MnasNetSpec,
  type MnasNetStage,
  type MobileNetSpec,
  type MobileNetStage,
  type ModelSpec,
  type RegNetSpec,
  type ResNetSpec,
  type StemType,
  type VitConvStemLayer,
  type VitSpec,
  zooModel,
  zooNames,
} from '../src/index.js';
import { cifarResNet, imageNetResNet } from './specs.js';

/** Size limits of generated specs; the defaults keep complexity far below Number.MAX_SAFE_INTEGER. */
export interface SpecLimits {
  readonly maxWidthUnits: number; // widths up to about 8 * this
  readonly maxDepth: number;
  readonly maxResolution: number;
  readonly maxStages: number;
}

export const DEFAULT_LIMITS: SpecLimits = { maxWidthUnits: 48, maxDepth: 6, maxResolution: 320, maxStages: 5 };
/** Small networks: room to scale them by 2^16 without leaving the safe integer range. */
export const SMALL_LIMITS: SpecLimits = { maxWidthUnits: 12, maxDepth: 3, maxResolution: 64, maxStages: 4 };

const stemTypes: StemType[] = ['simple_stem_in', 'res_stem_in', 'res_stem_cifar'];
const bottleneckBlocks: BlockType[] = ['res_bottleneck_block', 'res_bottleneck_linear_block'];
const plainBlocks: BlockType[] = ['res_basic_block', 'vanilla_block'];

const common = (limits: SpecLimits) =>
  fc.record({
    numClasses: fc.integer({ min: 1, max: 1000 }),
    activation: fc.constantFrom('relu' as const, 'silu' as const),
    resolution: fc.record({
      train: fc.integer({ min: 8, max: limits.maxResolution }),
      test: fc.integer({ min: 8, max: limits.maxResolution }),
    }),
  });

/**
 * A bottleneck stage whose bottleneck width `width * multiplier` is an exact multiple of the group width:
 * pick the group width and the number of groups, derive the widths.
 */
const bottleneckStage = (limits: SpecLimits): fc.Arbitrary<AnyNetStage> =>
  fc
    .record({
      depth: fc.integer({ min: 1, max: limits.maxDepth }),
      stride: fc.integer({ min: 1, max: 2 }),
      groupWidth: fc.constantFrom(1, 2, 4, 8, 16),
      groups: fc.integer({ min: 1, max: limits.maxWidthUnits }),
      bottleneckMultiplier: fc.constantFrom(0.25, 0.5, 1, 2, 4),
    })
    .map(({ depth, stride, groupWidth, groups, bottleneckMultiplier }) => {
      const bottleneck = groupWidth * groups * (bottleneckMultiplier > 1 ? bottleneckMultiplier : 1);
      return { depth, width: bottleneck / bottleneckMultiplier, stride, bottleneckMultiplier, groupWidth };
    });

const plainStage = (limits: SpecLimits): fc.Arbitrary<AnyNetStage> =>
  fc.record({
    depth: fc.integer({ min: 1, max: limits.maxDepth }),
    width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
    stride: fc.integer({ min: 1, max: 2 }),
    bottleneckMultiplier: fc.constant(1),
    groupWidth: fc.constant(1),
  });

export const anyNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<AnyNetSpec> =>
  fc.boolean().chain((bottleneck) =>
    fc
      .record({
        stem: fc.record({ type: fc.constantFrom(...stemTypes), width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }) }),
        blockType: fc.constantFrom(...(bottleneck ? bottleneckBlocks : plainBlocks)),
        stages: fc.array(bottleneck ? bottleneckStage(limits) : plainStage(limits), { minLength: 1, maxLength: limits.maxStages }),
        seRatio: bottleneck ? fc.constantFrom(null, 0.25, 0.5) : fc.constant(null),
        headWidth: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 16 * limits.maxWidthUnits })),
        common: common(limits),
      })
      .map(({ common: c, ...rest }): AnyNetSpec => ({ family: 'anynet', ...rest, ...c })),
  );

export const regNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<RegNetSpec> =>
  fc.boolean().chain((bottleneck) =>
    fc
      .record({
        wa: fc.double({ min: 0, max: 6 * limits.maxWidthUnits, noNaN: true }),
        w0: fc.integer({ min: 1, max: limits.maxWidthUnits }).map((n) => 8 * n),
        wm: fc.double({ min: 1.5, max: 3, noNaN: true }),
        depth: fc.integer({ min: 1, max: 4 * limits.maxDepth }),
        groupWidth: bottleneck ? fc.constantFrom(1, 2, 4, 8, 16, 24) : fc.constant(1),
        bottleneckMultiplier: bottleneck ? fc.constantFrom(0.25, 0.5, 1) : fc.constant(1),
        stride: fc.integer({ min: 1, max: 2 }),
        seRatio: bottleneck ? fc.constantFrom(null, 0.25) : fc.constant(null),
        stem: fc.record({ type: fc.constantFrom(...stemTypes), width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }) }),
        blockType: fc.constantFrom(...(bottleneck ? bottleneckBlocks : plainBlocks)),
        headWidth: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 16 * limits.maxWidthUnits })),
        common: common(limits),
      })
      .map(({ common: c, ...rest }): RegNetSpec => ({ family: 'regnet', ...rest, ...c })),
  );

export const resNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<ResNetSpec> =>
  fc.oneof(
    fc
      .record({ n: fc.integer({ min: 1, max: limits.maxDepth }), common: common(limits) })
      .map(({ n, common: c }): ResNetSpec => ({
        family: 'resnet',
        dataset: 'cifar',
        depth: 6 * n + 2,
        transformation: 'basic_transform',
        groups: 1,
        widthPerGroup: 64,
        strideOn1x1: true,
        ...c,
      })),
    fc
      .record({
        depth: fc.constantFrom(50, 101, 152),
        groups: fc.constantFrom(1, 2, 4, 8, 32),
        widthPerGroup: fc.constantFrom(1, 2, 4, 8, 16, 64),
        strideOn1x1: fc.boolean(),
        common: common(limits),
      })
      .map(({ common: c, ...rest }): ResNetSpec => ({
        family: 'resnet',
        dataset: 'imagenet',
        transformation: 'bottleneck_transform',
        ...rest,
        ...c,
      })),
  );

/**
 * EfficientNets of pycls's kind (MBConv stages, pycls's names), and, as often, torchvision's: fused-MBConv
 * stages (EfficientNetV2), torchvision's names and rounding, batch norm epsilons.
 */
export const efficientNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<EfficientNetSpec> =>
  fc.boolean().chain((torchvision) =>
    fc
      .record({
        // Widths of at least 8 keep int(width * seRatio) >= 1 for the ratios below.
        stemWidth: fc.integer({ min: 8, max: 8 * limits.maxWidthUnits }),
        stages: fc.array(
          fc
            .record({
              depth: fc.integer({ min: 1, max: limits.maxDepth }),
              width: fc.integer({ min: 8, max: 8 * limits.maxWidthUnits }),
              expansionRatio: torchvision ? fc.constantFrom(1, 2, 4, 4.5, 6) : fc.constantFrom(1, 2, 4, 6),
              kernel: fc.constantFrom(1, 3, 5, 7),
              stride: fc.integer({ min: 1, max: 2 }),
              fused: torchvision ? fc.boolean() : fc.constant(false),
            })
            .map(({ fused, ...stage }): EfficientNetStage => (fused ? { ...stage, fused } : stage)),
          { minLength: 1, maxLength: limits.maxStages + 2 },
        ),
        seRatio: fc.constantFrom(0.125, 0.25, 0.5),
        headWidth: fc.integer({ min: 1, max: 32 * limits.maxWidthUnits }),
        common: common(limits),
        extra: torchvision
          ? fc.record({ implementation: fc.constantFrom('pycls' as const, 'torchvision' as const), batchNormEps: fc.constantFrom(1e-5, 1e-3) })
          : fc.constant({}),
      })
      .map(({ common: c, extra, ...rest }): EfficientNetSpec => ({ family: 'efficientnet', ...rest, ...c, ...extra })),
  );

/** A ConvNeXt whose image sizes leave at least one pixel after the stem and every downsampling. */
export const convNeXtSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<ConvNeXtSpec> =>
  fc.integer({ min: 1, max: Math.min(limits.maxStages, 4) }).chain((stages) => {
    const minimum = 4 * 2 ** (stages - 1);
    const size = fc.integer({ min: minimum, max: Math.max(minimum, limits.maxResolution) });
    return fc
      .record({
        stages: fc.array(
          fc.record({ depth: fc.integer({ min: 1, max: limits.maxDepth }), width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }) }),
          { minLength: stages, maxLength: stages },
        ),
        numClasses: fc.integer({ min: 1, max: 1000 }),
        resolution: fc.record({ train: size, test: size }),
      })
      .map((rest): ConvNeXtSpec => ({ family: 'convnext', ...rest }));
  });

/**
 * Vision transformers: a patchify or conv stem whose strides multiply to the patch size, an image of 1 to
 * 16 patches a side, heads x head width = hidden width. By default only what a pycls config can describe
 * (conv stem kernels of 3 but the last, pycls's module names); `anyKernels` draws any odd kernel and either
 * implementation.
 */
export const vitSpec = (limits: SpecLimits = DEFAULT_LIMITS, anyKernels = false): fc.Arbitrary<VitSpec> =>
  fc
    .record({
      conv: fc.option(
        fc.array(
          fc.record({
            kernel: anyKernels ? fc.constantFrom(1, 3, 5, 7) : fc.constant(3),
            stride: fc.integer({ min: 1, max: 3 }),
            width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      ),
      lastKernel: fc.constantFrom(1, 3, 5),
      patch: fc.constantFrom(1, 2, 4, 8, 14, 16, 32),
      side: fc.integer({ min: 1, max: 16 }),
      layers: fc.integer({ min: 1, max: limits.maxDepth }),
      heads: fc.integer({ min: 1, max: 8 }),
      headWidth: fc.integer({ min: 1, max: 2 * limits.maxWidthUnits }),
      mlpRatio: fc.constantFrom(0.25, 1, 2, 3, 4),
      classifier: fc.constantFrom('token' as const, 'pooled' as const),
      numClasses: fc.integer({ min: 1, max: 1000 }),
      test: fc.integer({ min: 8, max: limits.maxResolution }),
      implementation: anyKernels ? fc.constantFrom(undefined, 'pycls' as const, 'torchvision' as const) : fc.constant(undefined),
    })
    .map((v): VitSpec => {
      const hiddenWidth = v.heads * v.headWidth;
      // A conv stem: the drawn convs, then the last one (to the hidden width); its strides make the patch size.
      const convs: VitConvStemLayer[] | null = v.conv === null ? null : [...v.conv, { kernel: v.lastKernel, stride: 1, width: hiddenWidth }];
      const patchSize = convs === null ? v.patch : convs.reduce((p, c) => p * c.stride, 1);
      const spec: VitSpec = {
        family: 'vit',
        patchSize,
        stem: convs === null ? { type: 'patchify' } : { type: 'conv', convs },
        layers: v.layers,
        heads: v.heads,
        hiddenWidth,
        mlpWidth: Math.max(1, Math.round(hiddenWidth * v.mlpRatio)),
        classifier: v.classifier,
        numClasses: v.numClasses,
        resolution: { train: patchSize * v.side, test: v.test },
      };
      return v.implementation === undefined ? spec : { ...spec, implementation: v.implementation };
    });

/** A valid spec of any family. */
export const modelSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<ModelSpec> =>
  fc.oneof(anyNetSpec(limits), regNetSpec(limits), resNetSpec(limits), efficientNetSpec(limits), vitSpec(limits), convNeXtSpec(limits));

/**
 * An AnyNet of a shape torchvision has, named as torchvision names it: its ResNet (ResNet stem, basic or
 * bottleneck blocks, no squeeze-excite, ReLU) or its RegNet (simple stem, bottleneck blocks); no head conv.
 */
export const torchvisionAnyNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<AnyNetSpec> =>
  anyNetSpec(limits).map((spec): AnyNetSpec => {
    const resNet = spec.stem.type !== 'simple_stem_in' && (spec.blockType === 'res_basic_block' || spec.blockType === 'res_bottleneck_block');
    const shape = resNet
      ? { stem: { ...spec.stem, type: 'res_stem_in' as const }, seRatio: null, activation: 'relu' as const }
      : { stem: { ...spec.stem, type: 'simple_stem_in' as const }, blockType: 'res_bottleneck_block' as const };
    return { ...spec, ...shape, headWidth: 0, implementation: 'torchvision' };
  });

/** A RegNet generated with torchvision's rounding (`implementation: 'torchvision'`): torchvision's RegNet class. */
export const torchvisionRegNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<RegNetSpec> =>
  fc
    .record({
      spec: regNetSpec(limits),
      groupWidth: fc.constantFrom(1, 2, 4, 8, 16, 24, 56),
      // Powers of 2 keep int(w * b) / b an integer whose bottleneck is exactly int(w * b).
      bottleneckMultiplier: fc.constantFrom(0.25, 0.5, 1),
    })
    .map(({ spec, groupWidth, bottleneckMultiplier }): RegNetSpec => ({
      ...spec,
      groupWidth,
      bottleneckMultiplier,
      stem: { ...spec.stem, type: 'simple_stem_in' },
      blockType: 'res_bottleneck_block',
      headWidth: 0,
      implementation: 'torchvision',
    }));

/** A valid spec of any family that `scale` accepts (ImageNet ResNets with strideOn1x1 have no AnyNet form), torchvision-named ones included. */
export const scalableSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<ModelSpec> =>
  fc
    .oneof(modelSpec(limits), torchvisionAnyNetSpec(limits), torchvisionRegNetSpec(limits))
    .filter((spec) => !(spec.family === 'resnet' && spec.dataset === 'imagenet' && spec.strideOn1x1));

/** Values no numeric, string or object field accepts in its place. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, 0, -0.5, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 60, '8', '', null, undefined, true, [], {}),
  fc.string(),
  fc.double({ noNaN: false }).filter((x) => !Number.isSafeInteger(x) || x <= 0),
);

/** Every leaf path of a plain value, as key lists. */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => leafPaths(v, [...prefix, key]));
}

/** A deep copy of `value` with the leaf at `path` replaced (the original is untouched). */
export function withLeaf(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[key!] = withLeaf((value as Record<string | number, unknown>)[key!], rest, leaf);
  return copy;
}

/**
 * Well-proportioned random networks of every family, shaped like the ones people scale (the zoo's):
 * stages widening with depth, a stem no wider than the first stage, ImageNet or CIFAR resolutions.
 * The asymptotic properties are about these: in a degenerate network (a 6-channel stage behind a
 * 78-channel stem at 15 pixels) the unscaled stem and classifier dominate every metric.
 */
export const realisticAnyNet: fc.Arbitrary<AnyNetSpec> = fc.oneof(
  // ResNe(X)t-like: res_stem_in, four bottleneck stages doubling in width.
  fc
    .record({
      firstWidth: fc.constantFrom(128, 256),
      multiplier: fc.constantFrom(0.25, 0.5, 1),
      groups: fc.constantFrom(1, 8, 32),
      depths: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 4, maxLength: 4 }),
      seRatio: fc.constantFrom(null, 0.25),
    })
    .map(({ firstWidth, multiplier, groups, depths, seRatio }): AnyNetSpec => ({
      family: 'anynet',
      stem: { type: 'res_stem_in', width: 64 },
      blockType: 'res_bottleneck_block',
      stages: depths.map((depth, i) => ({
        depth,
        width: firstWidth * 2 ** i,
        stride: i === 0 ? 1 : 2,
        bottleneckMultiplier: multiplier,
        groupWidth: (firstWidth * 2 ** i * multiplier) / groups,
      })),
      seRatio,
      headWidth: 0,
      numClasses: 1000,
      activation: 'relu',
      resolution: { train: 224, test: 256 },
    })),
  // CIFAR-like: res_stem_cifar, three basic (or vanilla) stages.
  fc
    .record({
      blockType: fc.constantFrom<BlockType>('res_basic_block', 'vanilla_block'),
      firstWidth: fc.constantFrom(16, 32, 64),
      depth: fc.integer({ min: 2, max: 12 }),
    })
    .map(({ blockType, firstWidth, depth }): AnyNetSpec => ({
      family: 'anynet',
      stem: { type: 'res_stem_cifar', width: 16 },
      blockType,
      stages: [0, 1, 2].map((i) => ({ depth, width: firstWidth * 2 ** i, stride: i === 0 ? 1 : 2, bottleneckMultiplier: 1, groupWidth: 1 })),
      seRatio: null,
      headWidth: 0,
      numClasses: 10,
      activation: 'relu',
      resolution: { train: 32, test: 32 },
    })),
);

/** The pycls zoo's 24 RegNets, as the centres of the random realistic RegNets below. */
const ZOO_REGNETS = zooNames()
  .filter((name) => name.startsWith('RegNet'))
  .map((name) => zooModel(name) as RegNetSpec);

/**
 * RegNets near the pycls zoo's: a zoo RegNet with wa and wm moved by up to 10% and 3%, and w0 and depth
 * kept or grown a step (never below the zoo's smallest, RegNetX-200MF).
 */
export const realisticRegNet: fc.Arbitrary<RegNetSpec> = fc
  .record({
    centre: fc.constantFrom(...ZOO_REGNETS),
    wa: fc.double({ min: 0.9, max: 1.1, noNaN: true }),
    w0: fc.integer({ min: 0, max: 1 }),
    wm: fc.double({ min: 0.97, max: 1.03, noNaN: true }),
    depth: fc.integer({ min: 0, max: 2 }),
  })
  .map(
    ({ centre, wa, w0, wm, depth }): RegNetSpec => ({
      ...centre,
      wa: centre.wa * wa,
      w0: centre.w0 + 8 * w0,
      wm: centre.wm * wm,
      depth: centre.depth + depth,
    }),
  );

export const realisticResNet: fc.Arbitrary<ResNetSpec> = fc.oneof(
  fc
    .record({ depth: fc.constantFrom(50, 101, 152), shape: fc.constantFrom<[number, number]>([1, 64], [32, 4], [64, 4], [8, 16]) })
    .map(({ depth, shape: [groups, widthPerGroup] }) => imageNetResNet({ depth, groups, widthPerGroup })),
  fc.integer({ min: 3, max: 18 }).map((n) => cifarResNet(6 * n + 2)),
);

export const realisticEfficientNet: fc.Arbitrary<EfficientNetSpec> = fc
  .record({
    widths: fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 7, maxLength: 7 }),
    depths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 7, maxLength: 7 }),
    kernels: fc.array(fc.constantFrom(3, 5), { minLength: 7, maxLength: 7 }),
    resolution: fc.integer({ min: 40, max: 75 }).map((n) => 4 * n),
  })
  .map(({ widths, depths, kernels, resolution }): EfficientNetSpec => {
    // Widths grow stage by stage from 16, each step a random 8 * (2..6) channels wider.
    let width = 8;
    const stageWidths = widths.map((step, i) => (width = i === 0 ? 16 : width + 8 * step * (i > 3 ? 2 : 1)));
    return {
      family: 'efficientnet',
      stemWidth: 32,
      stages: stageWidths.map((w, i) => ({
        depth: depths[i]!,
        width: w,
        expansionRatio: i === 0 ? 1 : 6,
        kernel: kernels[i]!,
        stride: [1, 2, 2, 2, 1, 2, 1][i]!,
      })),
      seRatio: 0.25,
      headWidth: 4 * stageWidths[6]!,
      numClasses: 1000,
      activation: 'silu',
      resolution: { train: resolution, test: resolution + 32 },
    };
  });

/**
 * ConvNeXts shaped like torchvision's: four stages doubling in width, the third the deepest. The first
 * width stays at most 128 (convnext_base's): scaled by width 2^16, a last stage of 1024 channels has an
 * MLP of 4 * 1024 * 256 = 2^20 channels, `LIMITS.maxWidth`.
 */
export const realisticConvNeXt: fc.Arbitrary<ConvNeXtSpec> = fc
  .record({
    firstWidth: fc.integer({ min: 4, max: 16 }).map((n) => 8 * n),
    depths: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 3, max: 27 }), fc.integer({ min: 1, max: 4 })),
    resolution: fc.integer({ min: 40, max: 75 }).map((n) => 4 * n),
  })
  .map(({ firstWidth, depths, resolution }): ConvNeXtSpec => ({
    family: 'convnext',
    stages: depths.map((depth, i) => ({ depth, width: firstWidth * 2 ** i })),
    numClasses: 1000,
    resolution: { train: resolution, test: resolution },
  }));

/** torchvision's ResNets and RegNets, named as torchvision does: ResNe(X)t-like AnyNets without SE, and RegNets near the zoo's generated with torchvision's rounding. */
export const realisticTorchvision: fc.Arbitrary<ModelSpec> = fc.oneof(
  realisticAnyNet
    .filter((spec) => spec.stem.type === 'res_stem_in')
    .map((spec): AnyNetSpec => ({ ...spec, seRatio: null, implementation: 'torchvision' })),
  realisticRegNet.map((spec): RegNetSpec => ({ ...spec, implementation: 'torchvision' })),
);

export const realisticSpec: fc.Arbitrary<ModelSpec> = fc.oneof(realisticAnyNet, realisticRegNet, realisticResNet, realisticEfficientNet, realisticTorchvision, realisticConvNeXt);

/**
 * Near-valid inputs for the hostile-input properties: mostly what a caller would pass, with one thing
 * wrong in some of them, so that the checks are passed often enough for the property to reach the code
 * behind them (each such property also counts how often its input got through).
 */
const strategyWeight = fc.oneof(fc.constantFrom(0, 1, 2, 8), fc.double({ min: 0, max: 10, noNaN: true }));

/** A strategy as callers write it (preset, pycls string, object) or a near miss of one. */
export const nearValidStrategy: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom('d', 'w', 'r', 'dw', 'dr', 'wr', 'dwr', 'dWr', 'd1_w8_g8_r1', 'w1_g1', 'd2_w1_g1_r1'), weight: 4 },
  { arbitrary: fc.record({ d: strategyWeight, w: strategyWeight, g: strategyWeight, r: strategyWeight }), weight: 3 },
  { arbitrary: fc.constantFrom('', 'x', 'd1_x2', 'dd', 'D', 'd-1', 'dNaN', ' d', 'd1_w', 'd0_w0', 'dinf'), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.record({ d: strategyWeight, w: strategyWeight, g: strategyWeight, r: strategyWeight }), fc.constantFrom('d', 'w', 'g', 'r'), badValue)
      .map(([strategy, key, value]) => ({ ...strategy, [key]: value })),
    weight: 2,
  },
  { arbitrary: fc.anything(), weight: 1 },
);

/** A flops factor as callers pass it, or a near miss. */
export const nearValidFactor: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.double({ min: 1 / 16, max: 64, noNaN: true }), weight: 6 },
  { arbitrary: fc.constantFrom(0, -1, NaN, Infinity, -Infinity, '2', null, undefined, [], 1e300, 5e-324), weight: 2 },
);

/** A complexity target as callers pass it, or a near miss (two metrics, a bad value, an unknown key). */
export const nearValidTarget: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom('flops', 'params', 'acts'), fc.double({ min: 0.5, max: 8, noNaN: true })).map(([metric, ratio]) => ({ metric, ratio })), weight: 6 },
  { arbitrary: fc.tuple(fc.constantFrom('flops', 'params', 'acts', 'macs'), badValue).map(([metric, value]) => ({ [metric]: value })), weight: 2 },
  { arbitrary: fc.constantFrom({}, { flops: 1e9, acts: 1e7 }, 'flops=4e9', null, 4e9), weight: 1 },
);

/**
 * A valid MobileNet of either version: stages with a ratio or an explicit expanded width, any odd kernel,
 * strides 1 to 3 (3 only torchvision's classes cannot build), squeeze-excite in V3, every activation.
 */
export const mobileNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<MobileNetSpec> =>
  fc.constantFrom('v2' as const, 'v3' as const).chain((version) =>
    fc
      .record({
        stemWidth: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
        stages: fc.array(
          fc.record({
            depth: fc.integer({ min: 1, max: limits.maxDepth }),
            width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
            expansion: fc.oneof(fc.constantFrom(1, 2.5, 3, 4.5, 6).map((expansionRatio) => ({ expansionRatio })), fc.integer({ min: 1, max: 48 * limits.maxWidthUnits }).map((expandedWidth) => ({ expandedWidth }))),
            kernel: fc.constantFrom(1, 3, 5, 7),
            stride: fc.constantFrom(1, 1, 2, 2, 3),
            squeezeExcite: version === 'v3' ? fc.boolean() : fc.constant(false),
            activation: fc.constantFrom('relu' as const, 'relu6' as const, 'hardswish' as const),
          }),
          { minLength: 1, maxLength: limits.maxStages + 2 },
        ),
        last: fc.integer({ min: 1, max: 32 * limits.maxWidthUnits }),
        numClasses: fc.integer({ min: 1, max: 1000 }),
        resolution: fc.record({ train: fc.integer({ min: 8, max: limits.maxResolution }), test: fc.integer({ min: 8, max: limits.maxResolution }) }),
      })
      .map(({ stages, last, ...rest }): MobileNetSpec => {
        const built = stages.map(({ expansion, ...stage }): MobileNetStage => ({ ...stage, ...expansion }));
        const common = { family: 'mobilenet' as const, ...rest, stages: built };
        return version === 'v2' ? { ...common, version, headWidth: last } : { ...common, version, lastChannel: last };
      }),
  );

/** A valid MNASNet: integer expansions, any odd kernel, strides 1 to 3. */
export const mnasNetSpec = (limits: SpecLimits = DEFAULT_LIMITS): fc.Arbitrary<MnasNetSpec> =>
  fc.record({
    family: fc.constant('mnasnet' as const),
    stemWidth: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
    separableWidth: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
    stages: fc.array(
      fc.record({
        depth: fc.integer({ min: 1, max: limits.maxDepth }),
        width: fc.integer({ min: 1, max: 8 * limits.maxWidthUnits }),
        expansionRatio: fc.constantFrom(1, 3, 6),
        kernel: fc.constantFrom(1, 3, 5, 7),
        stride: fc.constantFrom(1, 1, 2, 2, 3),
      }),
      { minLength: 1, maxLength: limits.maxStages + 2 },
    ),
    headWidth: fc.integer({ min: 1, max: 32 * limits.maxWidthUnits }),
    numClasses: fc.integer({ min: 1, max: 1000 }),
    resolution: fc.record({ train: fc.integer({ min: 8, max: limits.maxResolution }), test: fc.integer({ min: 8, max: limits.maxResolution }) }),
  });

/** A width moved by `factor` to a multiple of 8 (at least 8), as the networks people build have. */
const movedWidth = (width: number, factor: number): number => 8 * Math.max(1, Math.round((width * factor) / 8));

/**
 * MobileNets near torchvision's: a zoo MobileNet with its widths moved by one random factor in [0.5, 1.5]
 * (to multiples of 8), each stage up to two blocks deeper, kernels of 3 or 5, at 160 to 300 px.
 */
export const realisticMobileNet: fc.Arbitrary<MobileNetSpec> = fc.constantFrom('mobilenet_v2' as const, 'mobilenet_v3_large' as const, 'mobilenet_v3_small' as const).chain((name) => {
  const base = zooModel(name) as MobileNetSpec;
  const n = base.stages.length;
  return fc
    .record({
      factor: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      extra: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      kernels: fc.array(fc.constantFrom(3, 5), { minLength: n, maxLength: n }),
      resolution: fc.integer({ min: 40, max: 75 }).map((k) => 4 * k),
    })
    .map(({ factor, extra, kernels, resolution }): MobileNetSpec => {
      const stages = base.stages.map((stage, i): MobileNetStage => {
        const moved = { ...stage, depth: stage.depth + extra[i]!, width: movedWidth(stage.width, factor), kernel: kernels[i]! };
        return stage.expandedWidth === undefined ? moved : { ...moved, expandedWidth: movedWidth(stage.expandedWidth, factor) };
      });
      const common = { stemWidth: movedWidth(base.stemWidth, factor), stages, resolution: { train: resolution, test: resolution } };
      return base.version === 'v2' ? { ...base, ...common } : { ...base, ...common, lastChannel: movedWidth(base.lastChannel, factor) };
    });
});

/** MNASNets near torchvision's: `mnasnet1_0` with widths moved by one factor in [0.5, 1.5], stages up to two blocks deeper, kernels 3 or 5, 160 to 300 px. */
export const realisticMnasNet: fc.Arbitrary<MnasNetSpec> = fc
  .record({
    factor: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
    extra: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
    kernels: fc.array(fc.constantFrom(3, 5), { minLength: 6, maxLength: 6 }),
    resolution: fc.integer({ min: 40, max: 75 }).map((k) => 4 * k),
  })
  .map(({ factor, extra, kernels, resolution }): MnasNetSpec => {
    const base = zooModel('mnasnet1_0');
    return {
      ...base,
      stemWidth: movedWidth(base.stemWidth, factor),
      separableWidth: movedWidth(base.separableWidth, factor),
      stages: base.stages.map((stage, i) => ({ ...stage, depth: stage.depth + extra[i]!, width: movedWidth(stage.width, factor), kernel: kernels[i]! })),
      resolution: { train: resolution, test: resolution },
    };
  });
