import { readFileSync } from 'node:fs';
import type { Bench } from 'tinybench';
import { predictLatency, readLatencyTable, scale, scaleToTarget, zooModel, type ModelSpec } from '../src/index.js';

/**
 * Latency prediction on the table of docs/latency.md (measured on this project's machine: its times do
 * not matter here, its size does): 270 scaled networks that the table mostly does not hold, predicted in
 * turn, so that every call cuts a network and looks up or fits each part (nothing is cached per spec).
 * The specs are the library's own (from `scale`), as a search loop has them; the second task passes
 * plain copies, which are checked on every call.
 */
export function registerLatency(bench: Bench): void {
  const table = readLatencyTable(JSON.parse(readFileSync(new URL('../docs/latency/table.json', import.meta.url), 'utf8')));
  const specs: ModelSpec[] = [];
  for (const base of ['RegNetY-400MF', 'RegNetY-800MF', 'EfficientNet-B0']) {
    for (const strategy of ['d', 'w', 'dwr', 'dWr', 'dw', 'wr']) {
      for (let i = 0; i < 15; i++) specs.push(scale(zooModel(base), strategy, 1.25 ** i));
    }
  }
  const copies: ModelSpec[] = specs.map((spec) => structuredClone(spec));
  const regNetY400M = zooModel('RegNetY-400MF');
  let next = 0;
  bench
    .add(`predictLatency (table, ${specs.length} scaled networks)`, () => {
      predictLatency(specs[next++ % specs.length]!, table);
    })
    .add(`predictLatency (table, ${specs.length} scaled networks as plain objects, checked each call)`, () => {
      predictLatency(copies[next++ % copies.length]!, table);
    })
    .add('scaleToTarget(RegNetY-400MF -> 25 ms predicted, dWr)', () => {
      scaleToTarget(regNetY400M, { latency: 0.025 }, 'dWr', { latencyTable: table });
    });
}
