import type { Bench } from 'tinybench';
import { complexity, fastScale, scaleToTarget, sweep, zooModel } from '../../src/index.js';

/** Complexity, scaling and analysis benchmarks (the goals are in the README's performance section). */
export function registerCore(bench: Bench): void {
  const regNetY4 = zooModel('RegNetY-4.0GF');
  const effNetB0 = zooModel('EfficientNet-B0');
  const regNetY400M = zooModel('RegNetY-400MF');
  // A spec the library has never seen (not frozen): validated on every call.
  const freshRegNetY4 = structuredClone(regNetY4);
  const factors = Array.from({ length: 32 }, (_, i) => 2 ** (i / 4)); // 1x .. ~256x
  bench
    .add('complexity(RegNetY-4.0GF)', () => {
      complexity(regNetY4);
    })
    .add('complexity(RegNetY-4.0GF), unfrozen copy', () => {
      complexity(freshRegNetY4);
    })
    .add('complexity(EfficientNet-B0)', () => {
      complexity(effNetB0);
    })
    .add('fastScale(RegNetY-4.0GF, 4) + complexity', () => {
      complexity(fastScale(regNetY4, 4));
    })
    .add('scaleToTarget(RegNetY-400MF -> 4 GF, dWr)', () => {
      scaleToTarget(regNetY400M, { flops: 4e9 }, 'dWr');
    })
    .add('scaleToTarget(RegNetY-4.0GF -> 16 GF, dWr)', () => {
      scaleToTarget(regNetY4, { flops: 16e9 }, 'dWr');
    })
    .add('sweep(RegNetY-4.0GF, 8 strategies x 32 factors)', () => {
      sweep(regNetY4, { factors });
    });
}
