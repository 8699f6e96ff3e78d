// docs/guide.md, step 3: RegNetY-400MF matched to a 1.6 GF budget with five strategies.
import { scaleToTarget, zooModel } from 'fastscale';

const base = zooModel('RegNetY-400MF');
for (const strategy of ['d', 'w', 'r', 'dwr', 'dWr']) {
  const { factor, complexity: cx, relativeError } = scaleToTarget(base, { flops: 1.6e9 }, strategy);
  console.log(strategy.padEnd(4), factor.toFixed(3), cx, `${(relativeError * 100).toFixed(2)}%`);
}
