// Give RegNetY-400MF a 4 GF budget with three strategies: fast compound scaling lands on the budget
// with far fewer activations than depth or uniform compound scaling.
import { scaleToTarget, toPyclsConfig, zooConfig, zooModel } from 'fastscale';

const base = zooModel('RegNetY-400MF');
for (const strategy of ['dWr', 'dwr', 'd']) {
  const { factor, complexity, relativeError } = scaleToTarget(base, { flops: 4e9 }, strategy);
  console.log(
    `${strategy.padEnd(3)}  x${factor.toFixed(3)}  flops ${complexity.flops}  (${(100 * relativeError).toFixed(2)}%)  acts ${complexity.acts}`,
  );
}

// A pycls config for the dWr model, with the zoo config's training settings: pycls trains it as is.
const { spec } = scaleToTarget(base, { flops: 4e9 }, 'dWr');
const yaml = toPyclsConfig(spec, { template: zooConfig('RegNetY-400MF') });
console.log(yaml.split('\n').slice(0, 16).join('\n'));
