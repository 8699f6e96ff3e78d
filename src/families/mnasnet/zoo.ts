/**
 * torchvision's MNASNets (`mnasnet0_5`, `mnasnet0_75`, `mnasnet1_0`, `mnasnet1_3`) as specs: `MNASNet(alpha)`
 * at the 224 px crop of their default weights.
 */
import { makeDivisible } from '../blocks/divisible.js';
import type { MnasNetSpec, MnasNetStage } from './types.js';

/** torchvision's `_get_depths` base widths: stem, separable conv, then the six stages. */
const BASE_WIDTHS = [32, 16, 24, 40, 80, 96, 192, 320];

/** The six `_stack`s: kernel, stride, expansion, repeats. */
const STACKS = [
  [3, 2, 3, 3],
  [5, 2, 3, 3],
  [5, 2, 6, 3],
  [3, 1, 6, 2],
  [5, 2, 6, 4],
  [3, 1, 6, 1],
] as const;

/** torchvision's `MNASNet(alpha)`: widths `_round_to_multiple_of(width * alpha, 8)`, head 1280. */
export function mnasNetOf(alpha: number): MnasNetSpec {
  const [stemWidth, separableWidth, ...stageWidths] = BASE_WIDTHS.map((width) => makeDivisible(width * alpha, 8));
  return {
    family: 'mnasnet',
    stemWidth: stemWidth!,
    separableWidth: separableWidth!,
    stages: STACKS.map(([kernel, stride, expansionRatio, depth], i): MnasNetStage => ({ depth, width: stageWidths[i]!, expansionRatio, kernel, stride })),
    headWidth: 1280,
    numClasses: 1000,
    resolution: { train: 224, test: 224 },
  };
}

/** The alphas of torchvision's MNASNet builders. */
export const MNASNET_ALPHAS = { mnasnet0_5: 0.5, mnasnet0_75: 0.75, mnasnet1_0: 1.0, mnasnet1_3: 1.3 } as const;

export const MNASNET_ZOO = {
  mnasnet0_5: mnasNetOf(MNASNET_ALPHAS.mnasnet0_5),
  mnasnet0_75: mnasNetOf(MNASNET_ALPHAS.mnasnet0_75),
  mnasnet1_0: mnasNetOf(MNASNET_ALPHAS.mnasnet1_0),
  mnasnet1_3: mnasNetOf(MNASNET_ALPHAS.mnasnet1_3),
};
