/**
 * `toTorchvision` of ConvNeXts: torchvision's own `ConvNeXt` class with one `CNBlockConfig` per stage,
 * built in Python and counted with PyTorch hooks (skipped, saying why, without torch).
 */
import { describe, expect, it } from 'vitest';
import { complexity, scale, toTorchvision, zooModel, type ConvNeXtSpec } from '../../../src/index.js';
import { countTorchCode, TORCH_MISSING } from '../../helpers/torch.js';

const ZOO = ['convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large'] as const;

describe('the code', () => {
  it("builds the stages through torchvision's ConvNeXt and CNBlockConfig", () => {
    const code = toTorchvision(zooModel('convnext_tiny'));
    expect(code).toContain('from torchvision.models.convnext import CNBlockConfig, ConvNeXt');
    expect(code).toContain(
      ['CNBlockConfig(96, 192, 3),', 'CNBlockConfig(192, 384, 3),', 'CNBlockConfig(384, 768, 9),', 'CNBlockConfig(768, None, 3),'].join('\n            '),
    );
    expect(code).toContain('num_classes=1000,');
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

  const scaled: [string, ConvNeXtSpec][] = [];
  for (const strategy of ['d', 'w', 'r', 'dwr', 'dWr']) {
    for (const s of [2, 4, 16]) scaled.push([`${strategy} x${s}`, scale(zooModel('convnext_tiny'), strategy, s)]);
  }

  it.each(scaled)('convnext_tiny scaled %s: build() counts to complexity()', (_label, spec) => {
    const counted = countTorchCode(toTorchvision(spec), spec.resolution.train, undefined, 'meta');
    expect(counted.totals).toEqual(complexity(spec));
  });
});
