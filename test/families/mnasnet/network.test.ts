/**
 * The MNASNet description against torchvision 0.14's own modules (test/fixtures/torchvision, counted with
 * PyTorch hooks): every zoo model at its crop size, 160 and 288 px, in total and module by module.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, layers, zooModel } from '../../../src/index.js';
import { mnasNetSpec } from '../../arbitraries.js';
import { fixtureRows, layerRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';
import { atResolution } from '../../specs.js';

const MODELS = ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'] as const;

describe.each(MODELS)('%s', (name) => {
  const fixture = torchvisionFixture(name);
  const spec = zooModel(name);

  it("is at the crop size of torchvision's default weights", () => {
    expect(fixture.cropSize).toBe(224);
    expect(spec.resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
  });

  it.each(fixture.runs.map((run) => run.imageSize))("at %i px equals torchvision's hook counts, in total and module by module", (size) => {
    const atSize = atResolution(spec, size);
    const run = fixture.runs.find((r) => r.imageSize === size)!;
    expect(complexity(atSize)).toEqual(run.totals);
    const rows = layers(atSize);
    expect(layerRows(rows)).toEqual(fixtureRows(fixture, size));
    rows.forEach((row, i) => {
      const shape = run.layers[i]![2];
      const output = row.op === 'linear' ? row.output.slice(0, 1) : row.output;
      if (shape !== null) expect([row.name, ...output]).toEqual([row.name, ...shape.slice(1)]);
    });
  });
});

describe('the description', () => {
  it('counts what it lists: the layer rows add up to complexity (the stage shortcut equals the full walk)', () => {
    fc.assert(
      fc.property(mnasNetSpec(), (spec) => {
        const rows = layers(spec);
        const sum = (key: 'flops' | 'params' | 'acts') => rows.reduce((total, row) => total + row[key], 0);
        expect({ flops: sum('flops'), params: sum('params'), acts: sum('acts') }).toEqual(complexity(spec));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every depthwise conv depthwise: groups = input = output channels', () => {
    fc.assert(
      fc.property(mnasNetSpec(), (spec) => {
        for (const row of layers(spec)) {
          if (row.op !== 'conv' || row.groups === 1) continue;
          expect(row.groups).toBe(row.output[0]);
          expect(row.params).toBe(row.kernel! * row.kernel! * row.output[0]!);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('numbers the last conv after the stages: layers.(8 + stages)', () => {
    const spec = zooModel('mnasnet1_0');
    const twoStages = { ...spec, stages: spec.stages.slice(0, 2) };
    const names = layers(twoStages).map((row) => row.name);
    expect(names.slice(-3)).toEqual(['layers.10', 'layers.11', 'classifier.1']);
  });
});
