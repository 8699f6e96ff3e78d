/**
 * `npm run bench`: operations per second of the hot paths, with tinybench. Each module under bench/
 * registers its tasks; results print as a table with the machine they ran on.
 */
import os from 'node:os';
import { Bench } from 'tinybench';
import { registerCore } from './core.js';
import { registerOnnx } from './onnx.js';

const bench = new Bench({ time: 1000, warmupTime: 300 });
registerCore(bench);
await registerOnnx(bench);
await bench.run();

console.log(`fastscale benchmarks: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores)`);
console.table(
  bench.tasks.map((task) => {
    const result = task.result as { throughput?: { mean: number }; latency?: { mean: number }; hz?: number; mean?: number } | undefined;
    const opsPerSecond = result?.throughput?.mean ?? result?.hz ?? NaN;
    const meanMs = result?.latency?.mean ?? result?.mean ?? NaN;
    return { task: task.name, 'ops/s': Math.round(opsPerSecond).toLocaleString('en-US'), 'mean (ms)': meanMs.toFixed(4) };
  }),
);
