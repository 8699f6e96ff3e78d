/**
 * The registry of model families: the one place that lists them. Adding a family is one line here; every
 * generic function finds it through {@link familyOf}.
 */
import { anyNet } from './anynet/index.js';
import { convNeXt } from './convnext/index.js';
import { efficientNet } from './efficientnet/index.js';
import { mnasNet } from './mnasnet/index.js';
import { mobileNet } from './mobilenet/index.js';
import type { BaseSpec, Family } from './family.js';
import { regNet } from './regnet/index.js';
import { resNet } from './resnet/index.js';
import { vit } from './vit/index.js';

/** The families, in the order the zoo lists their models (pycls's MODEL_ZOO.md: RegNets, then ResNe(X)ts, then EfficientNets). */
export const FAMILIES = [regNet, anyNet, resNet, efficientNet, vit, convNeXt, mobileNet, mnasNet] as const;

type SpecOf<F> = F extends Family<infer S, BaseSpec> ? S : never;
type Registered = (typeof FAMILIES)[number];

/**
 * Any supported model specification, discriminated by `family`.
 *
 * @example
 * ```ts
 * import { zooModel, type ModelSpec } from 'fastscale';
 * const spec: ModelSpec = zooModel('ResNeXt-50');
 * if (spec.family === 'anynet') console.log(spec.stages.length); // 4
 * ```
 */
export type ModelSpec = SpecOf<Registered>;

/**
 * The spec type that scaling a spec of type `S` gives: an AnyNet for an AnyNet, RegNet or ResNet (pycls
 * scales those through their AnyNet form), the same family otherwise.
 *
 * @example
 * ```ts
 * import { fastScale, zooModel, type AnyNetSpec, type ScaledSpec, type RegNetSpec } from 'fastscale';
 * const scaled: ScaledSpec<RegNetSpec> = fastScale(zooModel('RegNetY-400MF'), 4); // an AnyNetSpec
 * const widths = scaled.stages.map((stage) => stage.width);
 * ```
 */
export type ScaledSpec<S extends ModelSpec> = Registered extends infer F
  ? F extends Family<infer T, infer R>
    ? S extends T
      ? R
      : never
    : never
  : never;

/**
 * The `family` tags of {@link ModelSpec}.
 *
 * @example
 * ```ts
 * import type { ModelFamily } from 'fastscale';
 * const family: ModelFamily = 'regnet';
 * ```
 */
export type ModelFamily = ModelSpec['family'];

/** The family tags, in alphabetical order (for messages). */
export const FAMILY_NAMES: readonly ModelFamily[] = FAMILIES.map((family) => family.name).sort();

const BY_NAME = new Map<string, Family<BaseSpec>>(FAMILIES.map((family) => [family.name, family as unknown as Family<BaseSpec>]));

/** The family of a spec (checked, so its family is registered). */
export function familyOf<S extends ModelSpec>(spec: S): Family<S> {
  return BY_NAME.get(spec.family) as unknown as Family<S>;
}

/** The family named `name`, or `undefined`. */
export function familyNamed(name: string): Family<ModelSpec> | undefined {
  return BY_NAME.get(name) as unknown as Family<ModelSpec> | undefined;
}
