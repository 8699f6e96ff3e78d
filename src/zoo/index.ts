/**
 * The model zoo: every named model of every family, collected from the registry. Specs are typed data
 * (no YAML is parsed to get one); {@link zooConfig} gives pycls's own config text of its models.
 */
import { SpecError } from '../errors.js';
import { FAMILIES, type ModelSpec } from '../families/index.js';
import { closest } from '../internal/closest.js';
import { describe } from '../internal/describe.js';
import { LIMITS } from '../limits.js';
import { own } from '../spec/check.js';

type Registered = (typeof FAMILIES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type ZooTable = UnionToIntersection<Registered extends infer F ? (F extends { readonly zoo: infer Z } ? Z : never) : never>;

/**
 * Name of a model in the zoo: pycls's model zoo (`RegNetY-400MF`, `ResNet-50`, `EfficientNet-B0`, ...) and
 * torchvision's builders (`resnet18`, `mobilenet_v3_large`, ...).
 *
 * @example
 * ```ts
 * import type { ZooName } from 'fastscale';
 * const name: ZooName = 'RegNetY-400MF';
 * ```
 */
export type ZooName = keyof ZooTable & string;

/**
 * The spec type of a zoo model, by name (`ZooSpec<'RegNetY-400MF'>` is `RegNetSpec`).
 *
 * @example
 * ```ts
 * import type { ZooSpec } from 'fastscale';
 * type B0 = ZooSpec<'EfficientNet-B0'>; // EfficientNetSpec
 * ```
 */
export type ZooSpec<N extends ZooName> = ZooTable[N];

const ZOO = new Map<string, ModelSpec>();
// pycls's models first, then torchvision's (a family such as RegNet has both).
const torchvisionNamed = new Map<string, ModelSpec>();
for (const family of FAMILIES) {
  if (!('zoo' in family)) continue;
  for (const [name, spec] of Object.entries(family.zoo)) {
    const pycls = 'pycls' in family && (spec as { implementation?: string }).implementation !== 'torchvision';
    (pycls ? ZOO : torchvisionNamed).set(name, spec as ModelSpec);
  }
}
for (const [name, spec] of torchvisionNamed) ZOO.set(name, spec);
const NAMES = [...ZOO.keys()] as ZooName[];
const owned = new Set<string>();

/**
 * Names of every zoo model: pycls's model zoo in the order of its MODEL_ZOO.md (RegNetX-200MF ...
 * RegNetX-32GF, RegNetY-200MF ... RegNetY-32GF, ResNet-50/101/152, ResNeXt-50/101/152, EfficientNet-B0 ...
 * B5), then torchvision's builders.
 *
 * @example
 * ```ts
 * import { zooNames } from 'fastscale';
 * zooNames()[0]; // 'RegNetX-200MF'
 * ```
 */
export function zooNames(): ZooName[] {
  return [...NAMES];
}

/**
 * A zoo model as a (deeply frozen) spec, typed by its name: pycls's RegNets as `regnet` specs, its
 * ResNe(X)ts as `anynet` specs (as pycls's zoo configs define them), EfficientNets as `efficientnet`
 * specs; torchvision's models in their families, with `implementation: 'torchvision'` where a family has
 * both. Names are exact (case-sensitive).
 *
 * @throws {@link SpecError} for an unknown name, listing the closest names
 *
 * @example
 * ```ts
 * import { complexity, zooModel } from 'fastscale';
 * complexity(zooModel('ResNet-50')); // { flops: 4089185256, params: 25557032, acts: 11315688 }
 * zooModel('RegNetY-4GF'); // throws SpecError: unknown zoo model "RegNetY-4GF"; closest: RegNetY-4.0GF, ...
 * ```
 */
export function zooModel<N extends ZooName>(name: N): ZooSpec<N>;
export function zooModel(name: string): ModelSpec;
export function zooModel(name: string): ModelSpec {
  const key = zooKey(name);
  const spec = ZOO.get(key)!;
  if (!owned.has(key)) {
    own(spec);
    owned.add(key);
  }
  return spec;
}

/**
 * True when `name` is a zoo model name.
 *
 * @example
 * ```ts
 * import { isZooName } from 'fastscale';
 * isZooName('ResNet-50'); // true
 * isZooName('resnet-50'); // false
 * ```
 */
export function isZooName(name: unknown): name is ZooName {
  return typeof name === 'string' && ZOO.has(name);
}

/** The zoo name `name` is, or a SpecError listing the closest names. */
export function zooKey(name: unknown): ZooName {
  if (isZooName(name)) return name;
  if (typeof name !== 'string') throw new SpecError('name', `${describe(name)} is not a zoo model name`);
  if (name.length > LIMITS.maxNameLength) {
    throw new SpecError('name', `${describe(name)} (${name.length} characters) is not a zoo model name: names have at most ${LIMITS.maxNameLength}`);
  }
  throw new SpecError('name', `unknown zoo model ${describe(name)}; closest: ${closest(name, NAMES).join(', ')}`);
}
