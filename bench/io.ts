import type { Bench } from 'tinybench';
import { fromPyclsConfig, pearson, scalingFactors, STRATEGIES, toPyclsConfig, zooConfig, zooModel } from '../src/index.js';

/** Config reading and writing (YAML as pycls reads it), strategy multipliers, statistics, name suggestions. */
export function registerIo(bench: Bench): void {
  const config = zooConfig('RegNetY-4.0GF');
  const spec = zooModel('RegNetY-4.0GF');
  // A config with 20,000 training keys: duplicate keys must be found in linear time (it was quadratic).
  const manyKeys = `MODEL:\n  TYPE: regnet\nOPTIM:\n${Array.from({ length: 20_000 }, (_, i) => `  K${i}: ${i}`).join('\n')}\n`;
  const xs = Array.from({ length: 10_000 }, (_, i) => Math.sin(i));
  const ys = Array.from({ length: 10_000 }, (_, i) => Math.cos(i / 3));
  const longName = 'x'.repeat(1_000_000);
  bench
    .add('fromPyclsConfig(RegNetY-4.0GF config)', () => {
      fromPyclsConfig(config);
    })
    .add('toPyclsConfig(RegNetY-4.0GF, { template })', () => {
      toPyclsConfig(spec, { template: config });
    })
    .add('fromPyclsConfig(config with 20,000 keys)', () => {
      try {
        fromPyclsConfig(manyKeys);
      } catch {
        // OPTIM keys are not checked; a limit error would also end the work.
      }
    })
    .add('scalingFactors(dWr, 4)', () => {
      scalingFactors(STRATEGIES.dWr, 4);
    })
    .add('pearson(10,000 values)', () => {
      pearson(xs, ys);
    })
    .add('zooModel(unknown 1,000,000-character name)', () => {
      try {
        zooModel(longName);
      } catch {
        // the unknown-name error, with suggestions, is the work measured
      }
    });
}
