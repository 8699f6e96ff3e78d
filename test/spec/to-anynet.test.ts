/** toAnyNet (src/spec/to-anynet.ts): the AnyNet form of RegNets and pycls ResNets. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layers, SpecError, toAnyNet, zooModel } from '../../src/index.js';
import { anyNetSpec, regNetSpec, resNetSpec } from '../arbitraries.js';
import { thrown } from '../helpers/errors.js';
import { imageNetResNet } from '../specs.js';

describe('toAnyNet', () => {
  it('keeps AnyNets as they are (the same object once the library owns it)', () => {
    fc.assert(
      fc.property(anyNetSpec(), (spec) => {
        const owned = toAnyNet(spec);
        expect(owned).toEqual(spec);
        expect(toAnyNet(owned)).toBe(owned);
      }),
    );
  });

  it('converts RegNets and ResNets to an equal network: the same layer table (names, shapes, counts), row for row', () => {
    fc.assert(
      fc.property(fc.oneof(regNetSpec(), resNetSpec().filter((s) => s.dataset === 'cifar' || !s.strideOn1x1)), (spec) => {
        const form = toAnyNet(spec);
        expect(form.family).toBe('anynet');
        // pycls's RegNet, ResNet and AnyNet modules are named alike: the same rows, names and counts.
        expect(layers(form)).toEqual(layers(spec));
      }),
      { numRuns: 40 },
    );
  });

  it('gives the ResNet-50 of the zoo for pycls resnet ResNet-50', () => {
    const resnet = imageNetResNet();
    expect(toAnyNet(resnet)).toEqual(zooModel('ResNet-50'));
    expect(() => toAnyNet({ ...resnet, strideOn1x1: true })).toThrow(/strideOn1x1: true puts the stride on the first 1x1 conv/);
  });

  it('has no AnyNet form for an EfficientNet', () => {
    expect(() => toAnyNet(zooModel('EfficientNet-B0'))).toThrow(SpecError);
  });
});

describe('toAnyNet messages', () => {
  it('names the family that has no AnyNet form', () => {
    expect(thrown(() => toAnyNet(zooModel('EfficientNet-B0')), SpecError).message).toBe(
      "family: 'efficientnet' has no AnyNet form (its blocks are not AnyNet blocks)",
    );
  });
});
