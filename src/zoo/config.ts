import { SpecError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { ZOO_CONFIGS } from './configs.js';
import { zooKey } from './index.js';

/**
 * The pycls YAML config of a pycls zoo model, training settings included (as in the pycls repository).
 *
 * @throws {@link SpecError} for an unknown name (listing the closest names), or a model that is not in
 * pycls's zoo (torchvision's models have no pycls config of their own: write one with `toPyclsConfig`)
 *
 * @example
 * ```ts
 * import { zooConfig } from 'fastscale';
 * zooConfig('RegNetX-200MF').startsWith('MODEL:'); // true
 * ```
 */
export function zooConfig(name: string): string {
  const key = zooKey(name);
  if (!Object.hasOwn(ZOO_CONFIGS, key)) {
    throw new SpecError('name', `${describe(key)} is not in pycls's model zoo, so it has no pycls config; toPyclsConfig(zooModel(${describe(key)})) writes one`);
  }
  return ZOO_CONFIGS[key as keyof typeof ZOO_CONFIGS].yaml;
}

/** Whether a zoo model has a pycls config of its own (pycls's zoo models do; torchvision's do not). */
export function hasPyclsConfig(name: string): boolean {
  return Object.hasOwn(ZOO_CONFIGS, name);
}
