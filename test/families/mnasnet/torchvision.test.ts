/**
 * toTorchvision on MNASNets, run in PyTorch (skipped, saying why, without torch and torchvision): the zoo
 * models are torchvision's `MNASNet(alpha)` with its builders' state dicts, counting as its builders at the
 * crop size, 160 and 288 px; scaled specs (strategies d, w, r, dwr, dWr at s = 2, 4, 16; at their own
 * resolution, 160 and 288 px) are `MNASNet` with `_stack` layers; specs `_stack` cannot build are written
 * module by module; random specs too. Every built network counts, module by module, as the description.
 */
import { describe, expect, it } from 'vitest';
import { complexity, toTorchvision, zooModel, type MnasNetSpec } from '../../../src/index.js';
import { mnasNetSpec, SMALL_LIMITS } from '../../arbitraries.js';
import { initStats, TORCH_MISSING } from '../../helpers/torch.js';
import { initMismatches } from '../../helpers/torch-init.js';
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

describe.skipIf(TORCH_MISSING !== null)(`toTorchvision's MNASNets start from torchvision's initial weights${TORCH_MISSING === null ? '' : ` (skipped: ${TORCH_MISSING})`}`, () => {
  it('convs from kaiming_normal_(fan_out), linears from kaiming_uniform_(fan_out, sigmoid), norms at 1 and 0, biases 0: the rebuilt layers too', () => {
    // Built in the test, not while collecting: mutation runs switch a mutant on after collecting.
    const specs: [string, MnasNetSpec][] = [
      ["mnasnet1_0 (MNASNet's own constructor)", zooModel('mnasnet1_0') as MnasNetSpec],
      ['mnasnet1_0 with a head 1024 wide (layers and classifier rebuilt)', { ...(zooModel('mnasnet1_0') as MnasNetSpec), headWidth: 1024 }],
    ];
    const codes = specs.map(([, spec]) => toTorchvision(spec));
    expect(codes[1]).toContain('model.layers = nn.Sequential(');
    // kaiming_uniform_ with the sigmoid's gain 1 draws from +-sqrt(3 / fan_out): a standard deviation of 1 / sqrt(fan_out).
    initStats(codes).forEach((rows, i) => expect(initMismatches(rows, (_fanIn, fanOut) => 1 / Math.sqrt(fanOut)), specs[i]![0]).toEqual([]));
  }, 120_000);
});
