/**
 * `npm run bench`: operations per second of the hot paths, with tinybench. Each module under bench/
 * registers its tasks; results print as a table with the machine they ran on.
 *
 * Each task runs in a process of its own (this script again, with `--task <index>`): V8's inline caches
 * and compiled code are shared by every task in a process, so a task would otherwise be timed with the
 * object shapes of all the tasks before it (nine families' specs through the same checks and walk) and
 * its figure would depend on the order of the table. `--together` runs them all in one process, as an
 * application that uses every family would (the uncached paths are then slower: see the README).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { registerCore } from './core.js';
import { registerLatency } from './latency.js';
import { registerIo } from './io.js';
import { registerOnnx } from './onnx.js';
import { sweepBench } from './sweep.js';

/** One row of the printed table. */
interface Row {
  readonly task: string;
  readonly 'ops/s': string;
  readonly 'mean (µs)': string;
  readonly 'median (µs)': string;
}

const OPTIONS = { time: 1000, warmupTime: 300 };

/** The benches, one per module under bench/: a child process sets up only the one its task is in. */
const GROUPS: readonly (() => Promise<Bench>)[] = [
  async () => withTasks(registerCore),
  async () => withTasks(registerLatency),
  async () => withTasks(registerIo),
  async () => {
    const bench = new Bench(OPTIONS);
    await registerOnnx(bench);
    return bench;
  },
  async () => sweepBench(),
];

function withTasks(register: (bench: Bench) => void): Bench {
  const bench = new Bench(OPTIONS);
  register(bench);
  return bench;
}

function row(task: Bench['tasks'][number]): Row {
  const latency = (task.result as { latency?: { mean: number; p50?: number } } | undefined)?.latency;
  const meanMs = latency?.mean ?? NaN;
  // ops/s as 1 / mean time per call, so that the two columns agree.
  return {
    task: task.name,
    'ops/s': Math.round(1000 / meanMs).toLocaleString('en-US'),
    'mean (µs)': (meanMs * 1000).toFixed(2),
    'median (µs)': ((latency?.p50 ?? NaN) * 1000).toFixed(2),
  };
}

/** Runs one group's tasks (those named by `only`, or all); returns their rows. */
async function runGroup(group: number, only: number | null): Promise<Row[]> {
  const bench = await GROUPS[group]!();
  bench.tasks.forEach((task, i) => {
    if (only !== null && i !== only) bench.remove(task.name);
  });
  await bench.run();
  return bench.tasks.map(row);
}

const args = process.argv.slice(2);
const taskArg = args.indexOf('--task');
const rows: Row[] = [];
if (taskArg >= 0) {
  // A child: `--task <group>:<index>`, its row as JSON on the last line.
  const [group, index] = args[taskArg + 1]!.split(':').map(Number);
  console.log(JSON.stringify(await runGroup(group!, index!)));
  process.exit(0);
} else if (args.includes('--together')) {
  for (let group = 0; group < GROUPS.length; group++) rows.push(...(await runGroup(group, null)));
} else {
  const script = fileURLToPath(import.meta.url);
  for (let group = 0; group < GROUPS.length; group++) {
    const count = (await GROUPS[group]!()).tasks.length;
    for (let i = 0; i < count; i++) {
      const output = execFileSync(process.execPath, [...process.execArgv, script, '--task', `${group}:${i}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
      rows.push(...(JSON.parse(output.trim().split('\n').at(-1)!) as Row[]));
    }
  }
}
console.log(`fastscale benchmarks: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores)${args.includes('--together') ? ', all tasks in one process' : ', each task in its own process'}`);
console.table(rows);
