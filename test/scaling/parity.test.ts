import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  complexity,
  efficientNetCompound,
  fromPyclsConfig,
  parseStrategy,
  scale,
  ScalingError,
  scalingFactors,
  toPyclsConfig,
  zooModel,
} from '../../src/index.js';
import { pyclsScaled, readConfig } from '../helpers/fixtures.js';

const records = pyclsScaled();
const label = (r: (typeof records)[number]) => `${r.config.split('/').pop()} ${r.scale_type} x${r.factor}`;

describe("scale: parity with pycls's scale_model", () => {
  it('has the records the fixture promises (3 bases x 14 strategies x 4 factors)', () => {
    expect(records).toHaveLength(168);
  });

  it.each(records.map((r) => [label(r), r] as const))('%s: multipliers equal scaling_factors bit for bit', (_, record) => {
    const f = scalingFactors(parseStrategy(record.scale_type), record.factor);
    expect([f.d, f.w, f.g, f.r]).toEqual(record.scaling_factors);
  });

  it.each(records.map((r) => [label(r), r] as const))('%s: same pycls fields and exact complexity', (_, record) => {
    const base = fromPyclsConfig(readConfig(record.config));
    const scaled = scale(base, parseStrategy(record.scale_type), record.factor);
    const config = parse(toPyclsConfig(scaled));
    expect(config.MODEL.TYPE).toBe(record.model_type);
    const section = record.model_type === 'effnet' ? config.EN : config.ANYNET;
    const expected = { ...record.spec };
    // pycls leaves SE_R in the config when SE is off; it has no effect there and we do not write it.
    if (expected.SE_ON === false) delete expected.SE_R;
    expect(section).toEqual(expected);
    expect(config.TRAIN.IM_SIZE).toBe(record.train_im_size);
    expect(config.TEST.IM_SIZE).toBe(record.test_im_size);
    expect(complexity(scaled)).toEqual(record.complexity);
  });

  it('never modifies its input', () => {
    const base = fromPyclsConfig(readConfig(records[0]!.config));
    const copy = structuredClone(base);
    scale(base, 'd1_w8_g8_r1', 4);
    expect(base).toEqual(copy);
  });
});

describe('efficientNetCompound', () => {
  it.each(['B1', 'B2', 'B3', 'B4', 'B5'] as const)('EN-B0 -> %s equals the pycls EN config field for field', (variant) => {
    expect(efficientNetCompound(zooModel('EfficientNet-B0'), variant)).toEqual(zooModel(`EfficientNet-${variant}`));
  });

  it('B0 is B0', () => {
    expect(efficientNetCompound(zooModel('EfficientNet-B0'), 'B0')).toEqual(zooModel('EfficientNet-B0'));
  });

  it('B6 and B7 follow the same rules', () => {
    const b7 = efficientNetCompound(zooModel('EfficientNet-B0'), 'B7');
    expect(b7.resolution).toEqual({ train: 600, test: 686 });
    expect(b7.headWidth).toBe(2560);
    expect(b7.stages.map((s) => s.depth)).toEqual([1, 2, 2, 3, 3, 4, 1].map((d) => Math.ceil(d * 3.1)));
  });

  it('rejects other families and unknown variants', () => {
    expect(() => efficientNetCompound(zooModel('RegNetY-400MF'), 'B1')).toThrow(new ScalingError('family', "'regnet' is not 'efficientnet': EfficientNet coefficients apply to EfficientNets"));
    expect(() => efficientNetCompound(zooModel('EfficientNet-B0'), 'B8' as never)).toThrow(/variant: "B8" is not one of/);
  });
});
