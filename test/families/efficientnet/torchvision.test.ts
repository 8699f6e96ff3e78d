/**
 * `toTorchvision` of EfficientNets: torchvision-named specs through torchvision's own `EfficientNet`
 * with `MBConvConfig` / `FusedMBConvConfig` stages, built in Python and counted with PyTorch hooks
 * (skipped, saying why, without torch); other specs module by module.
 */
import { describe, expect, it } from 'vitest';
import { complexity, scale, toTorchvision, zooModel, type EfficientNetSpec } from '../../../src/index.js';
import { countTorchCode, TORCH_MISSING } from '../../helpers/torch.js';

const ZOO = [
  'efficientnet_b0',
  'efficientnet_b1',
  'efficientnet_b2',
  'efficientnet_b3',
  'efficientnet_b4',
  'efficientnet_b5',
  'efficientnet_b6',
  'efficientnet_b7',
  'efficientnet_v2_s',
  'efficientnet_v2_m',
  'efficientnet_v2_l',
] as const;

const v2s = zooModel('efficientnet_v2_s');

describe('the code', () => {
  it("writes torchvision-named specs through torchvision's EfficientNet, stage by stage, with explicit channels", () => {
    const code = toTorchvision(v2s);
    expect(code).toContain('from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig');
    expect(code).toContain(
      [
        'FusedMBConvConfig(1, 3, 1, 24, 24, 2),',
        'FusedMBConvConfig(4, 3, 2, 24, 48, 4),',
        'FusedMBConvConfig(4, 3, 2, 48, 64, 4),',
        'MBConvConfig(4, 3, 2, 64, 128, 6),',
        'MBConvConfig(6, 3, 1, 128, 160, 9),',
        'MBConvConfig(6, 3, 2, 160, 256, 15),',
      ].join('\n            '),
    );
    expect(code).toContain('last_channel=1280,');
    expect(code).toContain('norm_layer=partial(nn.BatchNorm2d, eps=0.001),');
    expect(toTorchvision(zooModel('efficientnet_b0'))).not.toContain('norm_layer');
  });

  it('imports only the classes it uses, and partial and nn only for another batch norm eps', () => {
    expect(toTorchvision(zooModel('efficientnet_b0')).split('\n').slice(0, 3)).toEqual([
      "# Written by fastscale: an EfficientNet through torchvision's own classes.",
      'from torchvision.models.efficientnet import EfficientNet, MBConvConfig',
      '',
    ]);
    expect(toTorchvision(zooModel('efficientnet_v2_s')).split('\n').slice(0, 6)).toEqual([
      "# Written by fastscale: an EfficientNet through torchvision's own classes.",
      'from functools import partial',
      '',
      'import torch.nn as nn',
      'from torchvision.models.efficientnet import EfficientNet, FusedMBConvConfig, MBConvConfig',
      '',
    ]);
  });

  it("writes a stride above 2 module by module (torchvision's MBConv asserts stride 1 or 2)", () => {
    const b0 = zooModel('efficientnet_b0') as EfficientNetSpec;
    const code = toTorchvision({ ...b0, stages: b0.stages.map((stage, i) => (i === 1 ? { ...stage, stride: 3 } : stage)) });
    expect(code).not.toContain('MBConvConfig');
    expect(code).toMatch(/^# Written by fastscale: builds the network of a fastscale spec, module by module\./);
  });

  it('writes module by module what those classes cannot express: pycls names, ReLU, another squeeze ratio, odd widths', () => {
    const b0 = zooModel('efficientnet_b0');
    for (const spec of [zooModel('EfficientNet-B0'), { ...b0, activation: 'relu' }, { ...b0, seRatio: 0.5 }, { ...b0, stemWidth: 30 }] as EfficientNetSpec[]) {
      expect(toTorchvision(spec)).toContain('class Network(nn.Module):');
    }
    // A fused first stage takes any stem width: FusedMBConvConfig does not round channels.
    expect(toTorchvision({ ...v2s, stemWidth: 30 })).toContain('FusedMBConvConfig(1, 3, 1, 30, 24, 2),');
  });
});

describe.skipIf(TORCH_MISSING !== null)(`in PyTorch ${TORCH_MISSING === null ? '' : `(skipped: ${TORCH_MISSING})`}`, () => {
  // Shapes are all the hooks read, so the forward passes run on PyTorch's meta device.
  it.each(ZOO)("%s: build() has the state dict of torchvision's builder and its counts", (name) => {
    const spec = zooModel(name);
    const counted = countTorchCode(toTorchvision(spec), spec.resolution.train, name, 'meta');
    expect(counted.stateDict).toEqual(counted.reference!.stateDict);
    expect(counted.totals).toEqual(complexity(spec));
  });

  const scaled: [string, EfficientNetSpec][] = [];
  for (const strategy of ['d', 'w', 'r', 'dwr', 'dWr']) {
    for (const s of [2, 4, 16]) scaled.push([`${strategy} x${s}`, scale(v2s, strategy, s)]);
  }
  scaled.push(['dWr x4, efficientnet policy', scale(v2s, 'dWr', 4, { policy: 'efficientnet' })]);

  it.each(scaled)('efficientnet_v2_s scaled %s: build() counts to complexity(), with the same classes', (_label, spec) => {
    const code = toTorchvision(spec);
    expect(code).toContain('FusedMBConvConfig(');
    const counted = countTorchCode(code, spec.resolution.train, undefined, 'meta');
    expect(counted.totals).toEqual(complexity(spec));
  });

  it("counts pycls-named fused stages as complexity() does (module by module, pycls's names)", () => {
    const b0 = zooModel('EfficientNet-B0');
    const spec: EfficientNetSpec = { ...b0, stages: b0.stages.map((s, i) => (i < 3 ? { ...s, fused: true } : s)), resolution: { train: 96, test: 96 } };
    const counted = countTorchCode(toTorchvision(spec), 96);
    expect(counted.totals).toEqual(complexity(spec));
    expect(counted.modules.map(([name]) => name)).toContain('s2.b1.lin_proj');
  });
});
