import { SpecError } from '../errors.js';
import { closest } from '../internal/closest.js';
import { describe } from '../internal/describe.js';
import { fromPyclsConfig } from '../io/pycls-config.js';
import type { ModelSpec } from '../spec/types.js';
import { ZOO_CONFIGS, type ZooName } from './configs.js';

export type { ZooName };

const NAMES = Object.keys(ZOO_CONFIGS) as ZooName[];
const models = new Map<ZooName, ModelSpec>();

/**
 * Names of the 36 pycls model-zoo models, in the order of pycls's MODEL_ZOO.md: RegNetX-200MF ...
 * RegNetX-32GF, RegNetY-200MF ... RegNetY-32GF, ResNet-50/101/152, ResNeXt-50/101/152,
 * EfficientNet-B0 ... B5.
 *
 * @example
 * ```ts
 * import { zooNames } from 'fastscale';
 * zooNames().length; // 36
 * zooNames()[0]; // 'RegNetX-200MF'
 * ```
 */
export function zooNames(): ZooName[] {
  return [...NAMES];
}

/**
 * A model of the pycls model zoo as a (deeply frozen) spec, read from its embedded pycls config: RegNets
 * as `regnet` specs, ResNe(X)ts as `anynet` specs (as pycls's zoo configs define them), EfficientNets as
 * `efficientnet` specs.
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
export function zooModel(name: ZooName | (string & {})): ModelSpec {
  const key = zooKey(name);
  let model = models.get(key);
  if (model === undefined) {
    model = fromPyclsConfig(ZOO_CONFIGS[key].yaml);
    models.set(key, model);
  }
  return model;
}

/**
 * The pycls YAML config of a zoo model, training settings included (as in the pycls repository).
 *
 * @throws {@link SpecError} for an unknown name, listing the closest names
 *
 * @example
 * ```ts
 * import { zooConfig } from 'fastscale';
 * zooConfig('RegNetX-200MF').startsWith('MODEL:'); // true
 * ```
 */
export function zooConfig(name: ZooName | (string & {})): string {
  return ZOO_CONFIGS[zooKey(name)].yaml;
}

/**
 * True when `name` is a zoo model name.
 *
 * @example
 * ```ts
 * import { isZooName } from 'fastscale';
 * isZooName('ResNet-50'); // true
 * isZooName('resnet50'); // false
 * ```
 */
export function isZooName(name: unknown): name is ZooName {
  return typeof name === 'string' && Object.hasOwn(ZOO_CONFIGS, name);
}

function zooKey(name: unknown): ZooName {
  if (isZooName(name)) return name;
  if (typeof name !== 'string') throw new SpecError('name', `${describe(name)} is not a zoo model name`);
  throw new SpecError('name', `unknown zoo model ${describe(name)}; closest: ${closest(name, NAMES).join(', ')}`);
}
