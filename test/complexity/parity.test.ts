import { describe, expect, it } from 'vitest';
import { complexity, fromPyclsConfig, toAnyNet } from '../../src/index.js';
import { configPaths, pyclsComplexity, readConfig } from '../helpers/fixtures.js';

const expected = pyclsComplexity();

describe('complexity: pycls parity on every reference config', () => {
  it('covers all 65 configs', () => {
    expect(configPaths()).toHaveLength(65);
    expect(Object.keys(expected).sort()).toEqual(configPaths());
  });

  it.each(configPaths())('%s: flops, params and acts equal pycls exactly', (path) => {
    expect(complexity(fromPyclsConfig(readConfig(path)))).toEqual(expected[path]);
  });

  it.each(configPaths().filter((p) => !p.includes('effnet')))('%s: the AnyNet form counts the same', (path) => {
    const spec = fromPyclsConfig(readConfig(path));
    expect(complexity(toAnyNet(spec))).toEqual(expected[path]);
  });
});
