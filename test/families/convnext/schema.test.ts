/** ConvNeXt specs at the boundary: typed errors naming the field and the value. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { complexity, SpecError, validateSpec, zooModel, type ConvNeXtSpec } from '../../../src/index.js';
import { convNeXtSpec } from '../../arbitraries.js';
import { startingWith } from '../../helpers/errors.js';

const tiny = zooModel('convnext_tiny');
const withStages = (stages: unknown): unknown => ({ ...tiny, stages });

describe('ConvNeXt specs', () => {
  it('accept random valid specs, counting positive integers, and return a new plain copy', () => {
    fc.assert(
      fc.property(convNeXtSpec(), (spec) => {
        validateSpec(spec);
        const cx = complexity(spec);
        for (const value of Object.values(cx)) expect(Number.isSafeInteger(value) && value > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['an unknown field', { ...tiny, kernel: 7 }, 'kernel: is not a field of a convnext spec (fields: family, stages, numClasses, resolution)'],
    ['an unknown stage field', withStages([{ depth: 3, width: 96, expansionRatio: 4 }]), 'stages[0].expansionRatio: is not a field of a ConvNeXt stage (fields: depth, width)'],
    ['no stages', withStages([]), 'stages: is empty (expected at least one element)'],
    ['a zero depth', withStages([{ depth: 0, width: 96 }]), 'stages[0].depth: 0 is not a positive integer'],
    ['a fractional width', withStages([{ depth: 1, width: 95.5 }]), 'stages[0].width: 95.5 is not a positive integer'],
    ['an MLP beyond the width limit', withStages([{ depth: 1, width: 262145 }]), "stages[0].width: 262145 makes the block's MLP 1048580 wide, beyond the limit of 1048576"],
    [
      'a training size the downsamplings cannot halve',
      { ...tiny, resolution: { train: 31, test: 224 } },
      'resolution.train: 31 is too small for 4 stages: its 4x4 stride-4 stem and 3 stride-2 downsamplings need at least 32 px',
    ],
    ['a test size too small', { ...tiny, resolution: { train: 224, test: 16 } }, 'resolution.test: 16 is too small for 4 stages'],
    ['a single stage on 3 px', { ...tiny, stages: [{ depth: 1, width: 8 }], resolution: { train: 3, test: 3 } }, 'resolution.train: 3 is too small for 1 stage: its 4x4 stride-4 stem needs at least 4 px'],
    ['two stages on 7 px', { ...tiny, stages: [{ depth: 1, width: 8 }, { depth: 1, width: 16 }], resolution: { train: 8, test: 7 } }, 'resolution.test: 7 is too small for 2 stages: its 4x4 stride-4 stem and 1 stride-2 downsampling need at least 8 px'],
    ['too many stages for any image', { ...tiny, stages: Array.from({ length: 20 }, () => ({ depth: 1, width: 8 })), resolution: { train: 2 ** 20, test: 2 ** 20 } }, 'resolution.train: 1048576 is too small for 20 stages'],
    ['stages that are not an array', withStages({ depth: 3, width: 96 }), 'stages: an object is not an array (ConvNeXt stages)'],
    ['more stages than the limit', withStages(Array.from({ length: 1001 }, () => ({ depth: 1, width: 8 }))), 'stages: has 1001 elements, more than the limit of 1000'],
    [
      'more blocks in all than the limit',
      withStages([{ depth: 2 ** 23, width: 8 }, { depth: 2 ** 23, width: 16 }, { depth: 1, width: 32 }]),
      'stages: hold 16777217 blocks in all, more than the limit of 16777216',
    ],
  ])('refuse %s with a SpecError', (_label, spec, message) => {
    expect(() => validateSpec(spec)).toThrow(SpecError);
    // From the start of the message: the path is part of what is checked.
    expect(() => validateSpec(spec)).toThrow(startingWith(message));
  });

  it('take exactly LIMITS.maxBlocks blocks in all', () => {
    expect(() => validateSpec(withStages([{ depth: 2 ** 23, width: 8 }, { depth: 2 ** 23, width: 16 }]))).not.toThrow();
  });

  it('count the smallest image each network takes: one pixel after the last downsampling', () => {
    const spec: ConvNeXtSpec = { ...tiny, resolution: { train: 32, test: 32 } };
    const last = complexity(spec);
    // At 32 px the stages run at 8, 4, 2 and 1 px: the last stage's linears see one location.
    expect(last.acts).toBeGreaterThan(0);
    expect(() => complexity({ ...spec, resolution: { train: 28, test: 32 } })).toThrow(/resolution\.train: 28 is too small/);
  });
});
