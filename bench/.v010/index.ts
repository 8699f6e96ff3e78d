import { Bench } from 'tinybench';
import { registerCore } from './core.js';
const bench = new Bench({ time: 3000, warmupTime: 500 });
registerCore(bench);
await bench.run();
for (const t of bench.tasks.filter((t) => /scaleToTarget|sweep|fastScale/.test(t.name))) { const l = (t.result as any).latency; console.log(t.name.padEnd(50), Math.round(1000 / l.mean), (l.p50 * 1000).toFixed(2)); }
