/**
 * Is a latency table's sum of parts the whole network's time, when both are timed back to back? The
 * check behind "what limits accuracy" in docs/latency.md:
 *
 *   npx tsx scripts/latency-consistency.ts
 *
 * Three rounds, each measuring the parts of a few networks into a fresh table and then each network end
 * to end (1 thread, batch 1, 3 warm-up and 15 timed runs), printing predicted / measured and the share of
 * a core the process got (CPU time over wall time): on a quiet machine that share is about 1.
 */
import os from 'node:os';
import { predictLatency, scale, zooModel } from '../src/index.js';
import { buildLatencyTable, measureLatency } from '../src/onnx/index.js';

const SETTINGS = { batchSize: 1, threads: 1, warmup: 3, runs: 15, seed: 0 };
const NETWORKS = [
  ['RegNetY-400MF', 'd', 2],
  ['RegNetY-800MF', 'd', 8],
  ['EfficientNet-B0', 'd', 2],
  ['EfficientNet-B0', 'w', 8],
] as const;

for (let round = 1; round <= 3; round++) {
  for (const [base, strategy, factor] of NETWORKS) {
    const spec = scale(zooModel(base), strategy, factor);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const table = await buildLatencyTable([spec], SETTINGS);
    const predicted = predictLatency(spec, table).seconds;
    const measured = (await measureLatency(spec, SETTINGS)).medianMs / 1000;
    const used = process.cpuUsage(cpu);
    const share = (used.user + used.system) / 1000 / (performance.now() - wall);
    console.log(
      `round ${round}  ${base} ${strategy} x${factor}`.padEnd(40) +
        `predicted ${(predicted * 1000).toFixed(1).padStart(6)} ms  measured ${(measured * 1000).toFixed(1).padStart(6)} ms  ` +
        `ratio ${(predicted / measured).toFixed(2)}  core share ${share.toFixed(2)}  load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
}
