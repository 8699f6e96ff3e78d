/**
 * toTorchvision on MNASNets, run in PyTorch (skipped, saying why, without torch and torchvision): the zoo
 * models are torchvision's `MNASNet(alpha)` with its builders' state dicts, counting as its builders at the
 * crop size, 160 and 288 px; scaled specs (strategies d, w, r, dwr, dWr at s = 2, 4, 16; at their own
 * resolution, 160 and 288 px) are `MNASNet` with `_stack` layers; specs `_stack` cannot build are written
 * module by module; random specs too. Every built network counts, module by module, as the description.
 */
import { expect, it } from 'vitest';
import { complexity, toTorchvision, zooModel, type MnasNetSpec } from '../../../src/index.js';
import { mnasNetSpec, SMALL_LIMITS } from '../../arbitraries.js';
import { describeToTorchvision } from '../../helpers/torchvision-family.js';

const base = zooModel('mnasnet1_0');

describeToTorchvision({
  family: 'MNASNet',
  zoo: ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'],
  zooClass: { title: 'MNASNet(alpha)', code: () => /return MNASNet\(\d\.\d+, num_classes=1000\)/ },
  scaledFrom: ['mnasnet0_5', 'mnasnet1_0'],
  unbuildable: [
    { label: '7x7 kernels', spec: { ...base, stages: base.stages.map((s) => ({ ...s, kernel: 7 })) } },
    { label: 'a stride of 3 and a 640-wide head', spec: { ...base, headWidth: 640, stages: base.stages.map((s, i) => (i === 0 ? { ...s, stride: 3 } : s)) } },
  ] satisfies { label: string; spec: MnasNetSpec }[],
  ownClasses: /MNASNet\(/,
  random: { specs: mnasNetSpec(SMALL_LIMITS), seed: 20240612, numRuns: 10 },
  extra: (add, count) => {
    const spec = { ...base, headWidth: 1024 };
    const stackJob = add(() => ({ code: toTorchvision(spec), imageSize: 224, reference: 'mnasnet1_0' }));
    it('a spec MNASNet(alpha) cannot express is built with _stack: same keys as mnasnet1_0, the head and classifier narrower', () => {
      expect(toTorchvision(spec)).toMatch(/_stack\(/);
      const stack = count(stackJob);
      expect(stack.stateDict.map(([key]) => key)).toEqual(stack.reference!.stateDict.map(([key]) => key));
      expect(stack.totals).toEqual(complexity(spec));
    }, 900_000);
  },
});
