/**
 * toTorchvision on MobileNets, run in PyTorch (skipped, saying why, without torch and torchvision): the zoo
 * models' state dicts equal torchvision's builders' (so pretrained weights load with strict=True), and the
 * networks built from the code count, module by module, as the description does: for the zoo, scaled
 * specs (strategies d, w, r, dwr, dWr at s = 2, 4, 16), both also at 160 and 288 px, specs torchvision's
 * classes cannot build (written module by module) and random specs.
 */
import { describe, expect, it } from 'vitest';
import { toTorchvision, zooModel, type MobileNetSpec, type MobileNetStage } from '../../../src/index.js';
import { mobileNetSpec, SMALL_LIMITS } from '../../arbitraries.js';
import { initStats, TORCH_MISSING } from '../../helpers/torch.js';
import { initMismatches } from '../../helpers/torch-init.js';
import { describeToTorchvision } from '../../helpers/torchvision-family.js';

const v2 = zooModel('mobilenet_v2');
const v3 = zooModel('mobilenet_v3_small');
const v3Large = zooModel('mobilenet_v3_large');
const withoutExpandedWidth = ({ expandedWidth: _, ...stage }: MobileNetStage): MobileNetStage => stage;

describeToTorchvision({
  family: 'MobileNet',
  zoo: ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'],
  zooClass: { title: "torchvision's class", code: (name) => (name === 'mobilenet_v2' ? /MobileNetV2\(/ : /MobileNetV3\(/) },
  scaledFrom: ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'],
  buildable: [
    {
      label: 'V2 with explicit expanded widths, a 24-wide stem, a 1024-wide head and 10 classes',
      spec: { ...v2, stemWidth: 24, headWidth: 1024, numClasses: 10, stages: v2.stages.map(({ expansionRatio: _, ...s }) => ({ ...s, expandedWidth: 4 * s.width })) },
      pattern: /MobileNetV2\(num_classes=10, [\s\S]*InvertedResidual\(24, 16, 1, expand_ratio=2\.6666666666666665\)/,
    },
    {
      label: 'V3 with expansion ratios',
      spec: { ...v3Large, stages: v3Large.stages.map(({ expandedWidth: _, ...s }) => ({ ...s, expansionRatio: 4 })) },
      pattern: /MobileNetV3\(SETTING, last_channel=1280, num_classes=1000\)/,
    },
  ] satisfies { label: string; spec: MobileNetSpec; pattern: RegExp }[],
  unbuildable: [
    { label: 'V2 with 5x5 kernels and ReLU', spec: { ...v2, stages: v2.stages.map((s) => ({ ...s, kernel: 5, activation: 'relu' as const })) } },
    { label: 'V3 with ReLU6 and widths off multiples of 8', spec: { ...v3, stemWidth: 12, stages: v3.stages.map((s) => ({ ...s, width: s.width + 4, activation: 'relu6' as const })) } },
    { label: 'V3 with a stride of 3', spec: { ...v3, stages: v3.stages.map((s, i) => (i === 0 ? { ...s, stride: 3 } : s)) } },
    // Each of these alone keeps torchvision's classes from building the spec.
    { label: 'V2 with ReLU (3x3 kernels)', spec: { ...v2, stages: v2.stages.map((s) => ({ ...s, activation: 'relu' as const })) } },
    { label: 'V3 with ReLU6', spec: { ...v3, stages: v3.stages.map((s) => ({ ...s, activation: 'relu6' as const })) } },
    { label: 'V3 with a 12-wide stem (the first block reads a width off multiples of 8)', spec: { ...v3, stemWidth: 12 } },
    { label: 'V3 with ReLU6 in its second stage alone', spec: { ...v3, stages: v3.stages.map((s, i) => (i === 1 ? { ...s, activation: 'relu6' as const } : s)) } },
    {
      // Its second stage of two blocks: the first expands 16 x 4.5 = 72 channels, the second 24 x 4.5 = 108.
      label: "V3 whose stage's later blocks alone expand off multiples of 8",
      spec: { ...v3Large, stages: v3Large.stages.map((s, i) => (i === 1 ? { ...withoutExpandedWidth(s), depth: 2, expansionRatio: 4.5 } : s)) },
    },
  ] satisfies { label: string; spec: MobileNetSpec }[],
  ownClasses: /MobileNetV[23]\(/,
  random: { specs: mobileNetSpec(SMALL_LIMITS), seed: 20240611, numRuns: 12 },
});

describe.skipIf(TORCH_MISSING !== null)(`toTorchvision's MobileNets start from torchvision's initial weights${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, () => {
  it("convs from kaiming_normal_(fan_out), linears from N(0, 0.01), norms at 1 and 0, biases 0: the rebuilt stem and head too", () => {
    // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
    const builder = zooModel('mobilenet_v2') as MobileNetSpec;
    const specs: [string, MobileNetSpec][] = [
      ["mobilenet_v2 (MobileNetV2's own constructor)", builder],
      ['mobilenet_v3_small', zooModel('mobilenet_v3_small') as MobileNetSpec],
      ['a V2 with a stem 16 wide and a head 1024 wide (both rebuilt)', { ...builder, stemWidth: 16, headWidth: 1024 } as MobileNetSpec],
    ];
    const codes = specs.map(([, spec]) => toTorchvision(spec));
    expect(codes[2]).toContain('model.classifier[1] = nn.Linear(1024, 1000)');
    initStats(codes).forEach((rows, i) => expect(initMismatches(rows, () => 0.01), specs[i]![0]).toEqual([]));
  }, 120_000);
});
