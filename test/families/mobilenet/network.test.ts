/**
 * The MobileNet description against torchvision 0.14's own modules (test/fixtures/torchvision, counted with
 * PyTorch hooks): every zoo model at its crop size, 160 and 288 px, in total and module by module.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, layers, zooModel, type MobileNetSpec } from '../../../src/index.js';
import { mobileNetSpec } from '../../arbitraries.js';
import { fixtureRows, layerRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';
import { atResolution } from '../../specs.js';

const MODELS = ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'] as const;

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
    // Output shapes of the counted modules (batch 1 dropped; the classifier's linears see [N, C]).
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
      fc.property(mobileNetSpec(), (spec) => {
        const rows = layers(spec);
        const sum = (key: 'flops' | 'params' | 'acts') => rows.reduce((total, row) => total + row[key], 0);
        expect({ flops: sum('flops'), params: sum('params'), acts: sum('acts') }).toEqual(complexity(spec));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every depthwise conv depthwise: groups = input = output channels', () => {
    fc.assert(
      fc.property(mobileNetSpec(), (spec) => {
        for (const row of layers(spec)) {
          if (row.op !== 'conv' || row.groups === 1) continue;
          expect(row.groups).toBe(row.output[0]);
          expect(row.params).toBe(row.kernel! * row.kernel! * row.output[0]!);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("expands as each version's InvertedResidual does: V2 where its ratio is not 1, V3 where the width changes", () => {
    const stage = { depth: 1, width: 16, kernel: 3, stride: 1, squeezeExcite: false, activation: 'relu' as const };
    const common = { family: 'mobilenet' as const, stemWidth: 1, stages: [{ ...stage, expansionRatio: 1.2 }], numClasses: 2, resolution: { train: 8, test: 8 } };
    const v2: MobileNetSpec = { ...common, version: 'v2', headWidth: 8 };
    const v3: MobileNetSpec = { ...common, version: 'v3', lastChannel: 8 };
    // round(1 * 1.2) == 1: torchvision's MobileNetV2 still adds the 1 -> 1 expansion (its ratio is not 1).
    expect(layers(v2).map((row) => row.name).slice(2, 5)).toEqual(['features.1.conv.0.0', 'features.1.conv.0.1', 'features.1.conv.1.0']);
    // MobileNetV3 compares widths: 1 == 1, no expansion.
    expect(layers(v3).map((row) => row.name).slice(2, 5)).toEqual(['features.1.block.0.0', 'features.1.block.0.1', 'features.1.block.1.0']);
  });

  it("sizes MobileNetV3's squeeze-excite as _make_divisible(expanded // 4, 8), gated per channel", () => {
    // 72 // 4 = 18 -> 16, below 90% of 18 -> 24; 120 // 4 = 30 -> 32 (torchvision's fixture agrees above).
    const rows = layers(zooModel('mobilenet_v3_large'));
    const fc1 = rows.filter((row) => row.name.endsWith('.fc1')).map((row) => [row.name, row.output[0]]);
    expect(fc1.slice(0, 3)).toEqual([
      ['features.4.block.2.fc1', 24],
      ['features.5.block.2.fc1', 32],
      ['features.6.block.2.fc1', 32],
    ]);
  });
});
