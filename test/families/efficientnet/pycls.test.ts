/**
 * EfficientNet's pycls config (src/families/efficientnet/pycls.ts): errors named by the EN key that holds
 * the bad value, and the specs no pycls config builds (torchvision's rounding of an expanded width, checked
 * for every block input: the stage's first block reads the previous width, the others the stage's own).
 */
import { describe, expect, it } from 'vitest';
import { fromPyclsConfig, SpecError, toPyclsConfig, type EfficientNetSpec } from '../../../src/index.js';
import { thrown } from '../../helpers/errors.js';

const LISTS = 'DEPTHS: [1], WIDTHS: [16], EXP_RATIOS: [1], KERNELS: [3], STRIDES: [1]';
const eleven = (value: number) => `[${Array(11).fill(value).join(', ')}]`;

describe('reading EN: errors name the key', () => {
  it.each<[string, string, string]>([
    ['a stem of 0', `EN: {${LISTS}, STEM_W: 0}`, 'EN.STEM_W: 0 is not a positive integer'],
    ['a squeeze-excite ratio of 0', `EN: {${LISTS}, SE_R: 0}`, 'EN.SE_R: 0 is not a finite number > 0'],
    ['a head of 0', `EN: {${LISTS}, HEAD_W: 0}`, 'EN.HEAD_W: 0 is not a positive integer'],
    ['lists of different lengths', 'EN: {DEPTHS: [1], WIDTHS: [16, 24], EXP_RATIOS: [1], KERNELS: [3], STRIDES: [1]}', 'EN.WIDTHS: has 2 entries but EN.DEPTHS has 1 (one per stage)'],
    // Stage indices of two digits.
    ['a stride of 0 in the eleventh stage', `EN: {DEPTHS: ${eleven(1)}, WIDTHS: ${eleven(16)}, EXP_RATIOS: ${eleven(1)}, KERNELS: ${eleven(3)}, STRIDES: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]}`, 'EN.STRIDES[10]: 0 is not a positive integer'],
  ])('%s', (_label, section, message) => {
    expect(thrown(() => fromPyclsConfig(`MODEL: {TYPE: effnet}\n${section}`), SpecError).message).toBe(message);
  });
});

describe('writing EN: what pycls would build otherwise', () => {
  // torchvision rounds 20 x 4.5 = 90 expanded channels to _make_divisible(90, 8) = 88; pycls builds int(90) = 90.
  // The stem's 16 x 4.5 = 72 is a multiple of 8 either way.
  const spec = (depth: number): EfficientNetSpec => ({
    family: 'efficientnet',
    stemWidth: 16,
    stages: [{ depth, width: 20, expansionRatio: 4.5, kernel: 3, stride: 1 }],
    seRatio: 0.25,
    headWidth: 64,
    numClasses: 10,
    activation: 'silu',
    resolution: { train: 32, test: 32 },
    implementation: 'torchvision',
  });

  it("a second block whose expanded width torchvision rounds: a SpecError naming the stage's ratio", () => {
    expect(thrown(() => toPyclsConfig(spec(2)), SpecError).message).toBe(
      "stages[0].expansionRatio: 4.5 expands 20 channels to 88 (torchvision's rounding) where pycls builds 90, so no pycls config builds this network",
    );
  });

  it("a single block whose expanded width torchvision rounds: the same error (20 stem channels x 4.5)", () => {
    expect(thrown(() => toPyclsConfig({ ...spec(1), stemWidth: 20 }), SpecError).message).toBe(
      "stages[0].expansionRatio: 4.5 expands 20 channels to 88 (torchvision's rounding) where pycls builds 90, so no pycls config builds this network",
    );
  });

  it('a single block reads the stem alone: written', () => {
    expect(toPyclsConfig(spec(1))).toContain('  EXP_RATIOS: [4.5]\n');
  });
});
