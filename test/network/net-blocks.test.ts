/** Net.blocks and the sink protocol: block boundaries, and the O(stages) walk for sinks that want distinct blocks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, zooModel } from '../../src/index.js';
import { walk } from '../../src/network/count.js';
import type { BlockEvent, Layer, Sink } from '../../src/network/net.js';
import { checkSpec } from '../../src/spec/check.js';
import { realisticSpec } from '../arbitraries.js';

/** Records block events and layer names in one list. */
class Recorder implements Sink {
  readonly log: string[] = [];
  constructor(readonly distinctBlocks = false) {}
  layer(layer: Layer): void {
    this.log.push(layer.name);
  }
  block(event: BlockEvent): void {
    this.log.push(`${event.phase} ${event.scope}[${event.index}] x${event.repeats}`);
  }
}

describe('Net.blocks with a sink', () => {
  it('brackets every block of a stage with begin and end, named by the stage scope', () => {
    const recorder = new Recorder();
    walk(checkSpec(zooModel('RegNetY-400MF')), recorder);
    const events = recorder.log.filter((line) => line.startsWith('begin') || line.startsWith('end'));
    // pycls's RegNetY-400MF: depths 1, 3, 6, 6.
    expect(events.filter((e) => e.startsWith('begin'))).toEqual([
      'begin s1[0] x1',
      ...[0, 1, 2].map((i) => `begin s2[${i}] x1`),
      ...[0, 1, 2, 3, 4, 5].map((i) => `begin s3[${i}] x1`),
      ...[0, 1, 2, 3, 4, 5].map((i) => `begin s4[${i}] x1`),
    ]);
    // A block's layers lie between its begin and end; the stem before the first, the head after the last.
    const start = recorder.log.indexOf('begin s2[1] x1');
    expect(recorder.log.slice(start, start + 3)).toEqual(['begin s2[1] x1', 's2.b2', 's2.b2']);
    expect(recorder.log[recorder.log.indexOf('end s2[1] x1') - 1]).toBe('s2.b2.af');
    expect(recorder.log.slice(0, 3)).toEqual(['stem.conv', 'stem.bn', 'stem.af']);
    expect(recorder.log.at(-1)).toBe('head.fc');
  });

  it('hands a distinctBlocks sink blocks 0 and 1 of each stage, block 1 standing for the rest', () => {
    const recorder = new Recorder(true);
    walk(checkSpec(zooModel('RegNetY-400MF')), recorder);
    expect(recorder.log.filter((line) => line.startsWith('begin'))).toEqual([
      'begin s1[0] x1',
      'begin s2[0] x1',
      'begin s2[1] x2',
      'begin s3[0] x1',
      'begin s3[1] x5',
      'begin s4[0] x1',
      'begin s4[1] x5',
    ]);
  });

  it('counts exactly with a distinctBlocks sink, as without one', () => {
    fc.assert(
      fc.property(realisticSpec, (spec) => {
        const checked = checkSpec(spec);
        const net = walk(checked, new Recorder(true));
        expect({ flops: net.flops, params: net.params, acts: net.acts }).toEqual(complexity(checked));
      }),
      { numRuns: 60 },
    );
  });
});
