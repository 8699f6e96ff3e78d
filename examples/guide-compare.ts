// docs/guide.md, step 2: three strategies at 4x the flops of RegNetY-400MF, as ratios to the base.
import { compareStrategies, zooModel } from 'fastscale';

const base = zooModel('RegNetY-400MF');
for (const row of compareStrategies(base, 4, ['w', 'dwr', 'dWr'])) {
  console.log(row.name, row.ratios.flops.toFixed(2), row.ratios.params.toFixed(2), row.ratios.acts.toFixed(2));
}
