import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, isZooName, SpecError, zooConfig, zooModel, zooNames } from '../../src/index.js';
import { type PyclsZooName, ZOO_CONFIGS } from '../../src/zoo/configs.js';
import { pyclsComplexity, readConfig } from '../helpers/fixtures.js';

const expected = pyclsComplexity();
/** The zoo's pycls models (the rest are torchvision's, tested with their families). */
const pyclsNames = zooNames().filter((name): name is PyclsZooName => Object.hasOwn(ZOO_CONFIGS, name));

describe('zoo', () => {
  it('lists the 36 models of pycls MODEL_ZOO.md first, in its order', () => {
    const zooTable = readConfig('MODEL_ZOO.md');
    const rows = [...zooTable.matchAll(/<!-- ROW (\S+) -->/g)].map((m) => m[1]);
    expect(pyclsNames).toEqual(rows);
    expect(zooNames().slice(0, 36)).toEqual(rows);
  });

  it.each(pyclsNames)('%s: complexity equals its config entry', (name) => {
    expect(complexity(zooModel(name))).toEqual(expected[ZOO_CONFIGS[name].path]);
  });

  it.each(pyclsNames)('%s: the embedded config is the pycls file, unchanged', (name) => {
    expect(zooConfig(name)).toBe(readConfig(ZOO_CONFIGS[name].path));
    expect(zooModel(name)).toEqual(fromPyclsConfig(readConfig(ZOO_CONFIGS[name].path)));
  });

  it('returns frozen specs, the same object each time', () => {
    const spec = zooModel('RegNetY-400MF');
    expect(Object.isFrozen(spec)).toBe(true);
    expect(zooModel('RegNetY-400MF')).toBe(spec);
  });

  it('rejects an unknown name with a SpecError listing the closest names', () => {
    expect(() => zooModel('RegNetY-4GF')).toThrow(SpecError);
    expect(() => zooModel('RegNetY-4GF')).toThrow(/unknown zoo model "RegNetY-4GF"; closest: RegNetY-4.0GF/);
    expect(() => zooModel('resnet-50')).toThrow(/closest: ResNet-50, ResNeXt-50, resnet50/);
    expect(() => zooModel('regnet_x_400')).toThrow(/closest: regnet_x_400mf/);
    expect(() => zooConfig('EfficientNet-B9')).toThrow(/closest: EfficientNet-B/);
    expect(() => zooModel(42 as unknown as string)).toThrow(SpecError);
  });

  it('isZooName tells names from anything else', () => {
    expect(isZooName('ResNeXt-101')).toBe(true);
    expect(isZooName('toString')).toBe(false);
    expect(isZooName(undefined)).toBe(false);
  });
});
