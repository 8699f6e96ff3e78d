import { familyOf, type ModelSpec } from '../families/index.js';
import { walk } from '../network/count.js';
import { checkSpec } from '../spec/check.js';
import { ModuleWriter } from './modules.js';

/**
 * PyTorch source defining `build()`, which returns exactly the network a spec describes: built with
 * torchvision's own classes where they express it (`torchvision.models.RegNet(BlockParams(...))`,
 * `MobileNetV3(...)`, ... with an explicit per-stage configuration), otherwise module by module with the
 * spec's module names (small classes in the text). For torchvision-named zoo models the state dict has
 * the same keys and shapes as torchvision's own builder, so its pretrained weights load with
 * `strict=True`; counting `build()`'s modules gives `complexity(spec)` for every spec. Work: O(stages) with
 * torchvision's classes, O(layers) module by module (at most `LIMITS.maxListedBlocks` blocks).
 *
 * @throws {@link SpecError} for an invalid spec, or one with more than `LIMITS.maxListedBlocks` blocks
 * where it is written module by module
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { fastScale, toTorchvision, zooModel } from 'fastscale';
 * writeFileSync('regnety_4x.py', toTorchvision(fastScale(zooModel('RegNetY-400MF'), 4)));
 * // python: from regnety_4x import build; model = build()
 * ```
 */
export function toTorchvision(spec: ModelSpec): string {
  const checked = checkSpec(spec);
  const family = familyOf(checked);
  const code = family.torchvision?.(checked) ?? null;
  if (code !== null) return code;
  const writer = new ModuleWriter();
  walk(checked, writer);
  return writer.source(`A ${checked.family} network written by fastscale, module by module.`);
}
