/**
 * The MNASNet description against torchvision 0.14's own modules (test/fixtures/torchvision, counted with
 * PyTorch hooks): every zoo model at its crop size, 160 and 288 px, in total and module by module.
 */
import { expect, it } from 'vitest';
import { layers, zooModel } from '../../../src/index.js';
import { mnasNetSpec } from '../../arbitraries.js';
import { describeDescription, describeZooAgainstTorchvision } from '../../helpers/torchvision-family.js';
import { describeModuleNames } from '../../helpers/module-names.js';

describeZooAgainstTorchvision(['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3']);

describeDescription(mnasNetSpec(), () => {
  it('numbers the last conv after the stages: layers.(8 + stages)', () => {
    const spec = zooModel('mnasnet1_0');
    const twoStages = { ...spec, stages: spec.stages.slice(0, 2) };
    const names = layers(twoStages).map((row) => row.name);
    expect(names.slice(-3)).toEqual(['layers.10', 'layers.11', 'classifier.1']);
  });
});

// torchvision's MNASNet.forward pools with x.mean([2, 3]) and flattens with torch.flatten (no modules).
describeModuleNames(['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'], [['mean', 'avgpool'], ['flatten', 'flatten']]);
