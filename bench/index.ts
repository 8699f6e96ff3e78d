/**
 * `npm run bench`: operations per second of the hot paths, with tinybench. Each module under bench/
 * registers its tasks; results print as a table with the machine they ran on.
 */
import os from 'node:os';
import { Bench } from 'tinybench';
import { registerCore } from './core.js';
import { registerLatency } from './latency.js';
import { registerIo } from './io.js';
import { registerOnnx } from './onnx.js';
import { sweepBench } from './sweep.js';

const bench = new Bench({ time: 1000, warmupTime: 300 });
registerCore(bench);
registerLatency(bench);
registerIo(bench);
await registerOnnx(bench);
await bench.run();
const sweeps = sweepBench();
await sweeps.run();

console.log(`fastscale benchmarks: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores)`);
console.table(
  [...bench.tasks, ...sweeps.tasks].map((task) => {
    const latency = (task.result as { latency?: { mean: number; p50?: number } } | undefined)?.latency;
    const meanMs = latency?.mean ?? NaN;
    // ops/s as 1 / mean time per call, so that the two columns agree.
    return {
      task: task.name,
      'ops/s': Math.round(1000 / meanMs).toLocaleString('en-US'),
      'mean (µs)': (meanMs * 1000).toFixed(2),
      'median (µs)': ((latency?.p50 ?? NaN) * 1000).toFixed(2),
    };
  }),
);
