/**
 * The MobileNet description against torchvision 0.14's own modules (test/fixtures/torchvision, counted with
 * PyTorch hooks): every zoo model at its crop size, 160 and 288 px, in total and module by module.
 */
import { expect, it } from 'vitest';
import { layers, zooModel, type MobileNetSpec } from '../../../src/index.js';
import { mobileNetSpec } from '../../arbitraries.js';
import { describeDescription, describeZooAgainstTorchvision } from '../../helpers/torchvision-family.js';
import { describeModuleNames } from '../../helpers/module-names.js';

describeZooAgainstTorchvision(['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small']);

describeDescription(mobileNetSpec(), () => {
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

  it("V2 with an explicit expanded width expands where it is not the input's (torchvision's expand_ratio = expanded / input), with a ratio where it is not 1", () => {
    const stage = { depth: 1, width: 16, kernel: 3, stride: 1, squeezeExcite: false, activation: 'relu6' as const };
    const v2 = (expansion: { expandedWidth: number } | { expansionRatio: number }): MobileNetSpec => ({
      family: 'mobilenet',
      version: 'v2',
      stemWidth: 8,
      stages: [{ ...stage, ...expansion }],
      headWidth: 8,
      numClasses: 2,
      resolution: { train: 8, test: 8 },
    });
    const block = (spec: MobileNetSpec) => layers(spec).map((row) => row.name).filter((name) => name.startsWith('features.1.'));
    // InvertedResidual.conv: [expansion Conv2dNormActivation,] depthwise Conv2dNormActivation, projection conv, its
    // norm (layers has no rows for the ReLU6 activations).
    const plain = ['features.1.conv.0.0', 'features.1.conv.0.1', 'features.1.conv.1', 'features.1.conv.2'];
    const expanded = ['features.1.conv.0.0', 'features.1.conv.0.1', 'features.1.conv.1.0', 'features.1.conv.1.1', 'features.1.conv.2', 'features.1.conv.3'];
    expect(block(v2({ expandedWidth: 8 }))).toEqual(plain);
    expect(block(v2({ expansionRatio: 1 }))).toEqual(plain);
    expect(block(v2({ expandedWidth: 16 }))).toEqual(expanded);
    expect(block(v2({ expansionRatio: 2 }))).toEqual(expanded);
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

// MobileNetV2.forward pools with nn.functional.adaptive_avg_pool2d (V3 has an avgpool module); both flatten with torch.flatten.
describeModuleNames(['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'], [['avgpool', 'avgpool'], ['flatten', 'flatten']]);
