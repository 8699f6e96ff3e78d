// Sample pycls's cifar_regnet design space exactly as pycls's sample_cfgs(1) does: the same RegNets, in
// the same order, each with its pycls config (written as pycls writes it), fastscale spec and complexity.
import { readFileSync } from 'node:fs';
import { loadSweepConfig, sampleConfigs, toYacsYaml } from 'fastscale';

const sweep = loadSweepConfig(readFileSync('test/fixtures/pycls-sweeps/cifar_regnet.yaml', 'utf8'));
const kept = sampleConfigs(sweep, 1, { chunkSize: 3000 });

console.log(`${sweep.name}: ${kept.length} of 3000 samples kept`);
for (const { key, complexity, spec } of kept.slice(0, 4)) {
  const stages = spec?.family === 'anynet' ? spec.stages.map((s) => `${s.depth}x${s.width}`).join(' ') : '';
  console.log(`${key.replaceAll('REGNET.', '')}  ->  ${stages}, ${((complexity?.flops ?? 0) / 1e6).toFixed(1)} MF`);
}
console.log(toYacsYaml(kept[0]!.config).split('\n').slice(0, 12).join('\n'));
