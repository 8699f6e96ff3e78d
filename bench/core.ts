import type { Bench } from 'tinybench';
import { complexity, fastScale, zooModel } from '../src/index.js';

/** Complexity and scaling benchmarks. */
export function registerCore(bench: Bench): void {
  const regNetY4 = zooModel('RegNetY-4.0GF');
  const effNetB0 = zooModel('EfficientNet-B0');
  bench
    .add('complexity(RegNetY-4.0GF)', () => {
      complexity(regNetY4);
    })
    .add('complexity(EfficientNet-B0)', () => {
      complexity(effNetB0);
    })
    .add('fastScale(RegNetY-4.0GF, 4) + complexity', () => {
      complexity(fastScale(regNetY4, 4));
    });
}
