/**
 * The latency-prediction experiment of docs/latency.md, in one command:
 *
 *   npx tsx scripts/latency-experiment.ts            (about 15 minutes on a 2-core machine)
 *   npx tsx scripts/latency-experiment.ts --quick    (a small run that checks the script)
 *
 * 1. A latency table from RegNetY-400MF, RegNetY-800MF and EfficientNet-B0, each scaled by d, w, r, dwr
 *    and dWr at factors 1, 2, 4, 8, 16 (buildLatencyTable, 1 thread, batch 1).
 * 2. Held-out networks (the same bases at other factors and with other strategies), and some of the
 *    table's own networks, each measured end to end twice (two passes, minutes apart: the run-to-run
 *    spread of the measurement itself) and predicted from the table (predictLatency).
 * 3. The share within +-10% and +-20%, the RMS error, the prediction time per network, written to
 *    docs/latency/results.json, with the table (docs/latency/table.json) and a chart of predicted
 *    against measured latency (docs/latency/predicted-vs-measured.svg).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { renderSvg } from '../src/cli/chart.js';
import { complexity, latencyChart, predictLatency, scale, zooModel, type ModelSpec } from '../src/index.js';
import { predictionAccuracy } from '../src/latency/accuracy.js';
import { buildLatencyTable, measureLatency } from '../src/onnx/index.js';

const quick = process.argv.includes('--quick');
const OUT = new URL('../docs/latency/', import.meta.url);
const BASES = quick ? ['RegNetY-400MF'] : ['RegNetY-400MF', 'RegNetY-800MF', 'EfficientNet-B0'];
const TABLE_STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'];
const TABLE_FACTORS = quick ? [1, 2] : [1, 2, 4, 8, 16];
/** Held out: the table's strategies at other factors, and other strategies at factors inside the range. */
const HELD_OUT: [strategies: string[], factors: number[]][] = quick
  ? [[['w'], [3]]]
  : [
      [TABLE_STRATEGIES, [3, 6]],
      [['dw', 'dr', 'wr'], [2, 5]],
    ];
/** Some of the table's own networks: every part looked up, so only composition and noise remain. */
const IN_TABLE: [strategies: string[], factors: number[]][] = quick ? [[['w'], [2]]] : [[TABLE_STRATEGIES, [2, 8]]];
const SETTINGS = { batchSize: 1, threads: 1, warmup: quick ? 1 : 3, runs: quick ? 3 : 15, seed: 0 };

interface Network {
  readonly name: string;
  readonly base: string;
  readonly strategy: string;
  readonly factor: number;
  readonly group: 'held-out' | 'in-table';
  readonly spec: ModelSpec;
}

function grid(groups: [string[], number[]][], group: Network['group']): Network[] {
  return BASES.flatMap((base) =>
    groups.flatMap(([strategies, factors]) =>
      strategies.flatMap((strategy) =>
        factors.map((factor) => ({ name: `${base} ${strategy} x${factor}`, base, strategy, factor, group, spec: scale(zooModel(base), strategy, factor) })),
      ),
    ),
  );
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const load = (): number => Number(os.loadavg()[0]!.toFixed(2));

const started = new Date();
const loadAtStart = load();
log(`load average ${loadAtStart} on ${os.cpus().length} cores`);

// 1. The table.
const tableModels = BASES.flatMap((base) =>
  TABLE_STRATEGIES.flatMap((strategy) => TABLE_FACTORS.map((factor) => ({ name: `${base} ${strategy} x${factor}`, spec: scale(zooModel(base), strategy, factor) }))),
);
let t = performance.now();
const table = await buildLatencyTable(tableModels, {
  ...SETTINGS,
  onProgress: (done, total, label) => {
    if (done % 25 === 0 || done === total) log(`table: ${done}/${total} parts (${label})`);
  },
});
const tableSeconds = (performance.now() - t) / 1000;
log(`table: ${table.entries.length} parts of ${tableModels.length} networks in ${tableSeconds.toFixed(0)} s`);

// 2. Networks measured end to end, twice.
const networks = [...grid(HELD_OUT, 'held-out'), ...grid(IN_TABLE, 'in-table')];
const passes: number[][] = [[], []];
for (const pass of [0, 1]) {
  for (const [i, network] of networks.entries()) {
    passes[pass]!.push((await measureLatency(network.spec, SETTINGS)).medianMs / 1000);
    if ((i + 1) % 10 === 0 || i + 1 === networks.length) log(`measure pass ${pass + 1}: ${i + 1}/${networks.length}`);
  }
}

// 3. Predictions, and the time they take (every held-out network predicted in turn, for about a second).
const predictions = networks.map((network) => predictLatency(network.spec, table));
let predicted = 0;
t = performance.now();
while (performance.now() - t < 1000) for (const network of networks) (predictLatency(network.spec, table), predicted++);
const microsecondsPerPrediction = ((performance.now() - t) * 1000) / predicted;

const rows = networks.map((network, i) => {
  const prediction = predictions[i]!;
  const [first, second] = [passes[0]![i]!, passes[1]![i]!];
  return {
    name: network.name,
    base: network.base,
    strategy: network.strategy,
    factor: network.factor,
    group: network.group,
    complexity: complexity(network.spec),
    predictedSeconds: prediction.seconds,
    lookedUpShare: prediction.lookedUp.seconds / prediction.seconds,
    fittedParts: prediction.fitted.parts,
    parts: prediction.parts.length,
    measuredSeconds: first,
    remeasuredSeconds: second,
    error: prediction.seconds / first - 1,
    runToRun: second / first - 1,
  };
});
const summarise = (selected: typeof rows) => ({
  accuracy: predictionAccuracy(selected.map((r) => ({ predicted: r.predictedSeconds, measured: r.measuredSeconds }))),
  // The measurement against itself: the second pass "predicting" the first.
  runToRun: predictionAccuracy(selected.map((r) => ({ predicted: r.remeasuredSeconds, measured: r.measuredSeconds }))),
});
const heldOut = rows.filter((r) => r.group === 'held-out');
const inTable = rows.filter((r) => r.group === 'in-table');
const results = {
  about: 'scripts/latency-experiment.ts: a latency table, held-out networks measured twice and predicted (docs/latency.md)',
  started: started.toISOString(),
  minutes: (Date.now() - started.getTime()) / 60000,
  loadAverage: { start: loadAtStart, end: load() },
  device: table.device,
  runtime: table.runtime,
  node: process.version,
  settings: table.settings,
  table: { bases: BASES, strategies: TABLE_STRATEGIES, factors: TABLE_FACTORS, networks: tableModels.length, parts: table.entries.length, seconds: tableSeconds, overheadMs: table.overhead.medianMs },
  microsecondsPerPrediction,
  heldOut: { ...summarise(heldOut), byBase: Object.fromEntries(BASES.map((base) => [base, summarise(heldOut.filter((r) => r.base === base))])) },
  inTable: summarise(inTable),
  rows,
};

mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('table.json', OUT), `${JSON.stringify(table)}\n`);
writeFileSync(new URL('results.json', OUT), `${JSON.stringify(results, null, 2)}\n`);
const chart = latencyChart(
  rows.map((r) => ({ name: r.name, predicted: r.predictedSeconds * 1000, measured: r.measuredSeconds * 1000, series: r.group === 'in-table' ? 'in the table' : r.base })),
  { unit: 'ms', title: `predicted vs measured latency, batch 1, 1 thread (${table.device.cpu})` },
);
writeFileSync(new URL('predicted-vs-measured.svg', OUT), await renderSvg(chart));

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const line = (label: string, s: ReturnType<typeof summarise>): string =>
  `| ${label} | ${s.accuracy.count} | ${pct(s.accuracy.within10)} | ${pct(s.accuracy.within20)} | ${pct(s.accuracy.rmse)} | ${pct(s.runToRun.within10)} | ${pct(s.runToRun.rmse)} |`;
console.log(`| networks | n | within +-10% | within +-20% | RMS error | run-to-run within +-10% | run-to-run RMS |
|---|---|---|---|---|---|---|
${line('held out, all', results.heldOut)}
${BASES.map((base) => line(`held out, ${base}`, results.heldOut.byBase[base]!)).join('\n')}
${line("in the table (every part looked up)", results.inTable)}

prediction: ${microsecondsPerPrediction.toFixed(1)} µs per network; table: ${table.entries.length} parts in ${tableSeconds.toFixed(0)} s;
load average ${results.loadAverage.start} -> ${results.loadAverage.end}; ${results.minutes.toFixed(1)} minutes`);
