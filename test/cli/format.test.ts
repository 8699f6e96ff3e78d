import { describe, expect, it } from 'vitest';
import { complexity, zooModel } from '../../src/index.js';
import {
  fields,
  formatExact,
  formatFlops,
  formatMetric,
  formatMillions,
  formatNumber,
  formatPercent,
  formatRatio,
  parseQuantity,
  table,
} from '../../src/cli/format.js';

describe('formatFlops', () => {
  it('writes MF below 1000 MF and GF above, with 2 decimals', () => {
    expect(formatFlops(401_849_056)).toBe('401.85 MF');
    expect(formatFlops(4_000_000_000)).toBe('4.00 GF');
    expect(formatFlops(125_747_850)).toBe('125.75 MF');
    expect(formatFlops(999_994_999)).toBe('999.99 MF');
    // 999.995 MF would print as 1000.00 MF: it switches to GF instead.
    expect(formatFlops(999_995_000)).toBe('1.00 GF');
    expect(formatFlops(16_000_000_000)).toBe('16.00 GF');
  });

  it('agrees with the rounded values of pycls MODEL_ZOO.md for the zoo models (flops in MF/GF)', () => {
    // MODEL_ZOO.md lists RegNetX-200MF at 200MF and ResNet-50 at 4.1GF.
    expect(formatFlops(complexity(zooModel('RegNetX-200MF')).flops)).toMatch(/^19\d\.\d\d MF$/);
    expect(formatFlops(complexity(zooModel('ResNet-50')).flops)).toBe('4.09 GF');
  });
});

describe('formatMillions', () => {
  it('keeps 3 significant digits and at least one decimal', () => {
    expect(formatMillions(145_300_000)).toBe('145.3 M');
    expect(formatMillions(20_600_000)).toBe('20.6 M');
    expect(formatMillions(4_344_144)).toBe('4.34 M');
    expect(formatMillions(855_770)).toBe('0.856 M');
    expect(formatMillions(12_345)).toBe('0.0123 M');
    expect(formatMillions(0)).toBe('0.000 M');
  });

  it('moves to the next scheme where rounding would add a digit', () => {
    expect(formatMillions(9_994_999)).toBe('9.99 M');
    expect(formatMillions(9_995_000)).toBe('10.0 M');
    expect(formatMillions(999_499)).toBe('0.999 M');
    expect(formatMillions(999_500)).toBe('1.00 M');
  });
});

describe('small formatters', () => {
  it('formats metrics, exact counts, ratios, numbers and percentages', () => {
    expect(formatMetric('flops', 2e9)).toBe('2.00 GF');
    expect(formatMetric('acts', 2e6)).toBe('2.00 M');
    expect(formatExact(401_849_056)).toBe('401,849,056');
    expect(formatExact(7)).toBe('7');
    expect(formatRatio(3.9131)).toBe('3.91x');
    expect(formatNumber(4.0737712)).toBe('4.074');
    expect(formatNumber(64)).toBe('64');
    expect(formatNumber(2 ** 0.25)).toBe('1.189');
    expect(formatPercent(0.0012)).toBe('+0.12%');
    expect(formatPercent(-0.015)).toBe('-1.50%');
    expect(formatPercent(0)).toBe('+0.00%');
    expect(formatPercent(-0.00001)).toBe('-0.00%');
  });
});

describe('parseQuantity', () => {
  it('reads plain numbers and exponents', () => {
    expect(parseQuantity('4000000000')).toBe(4e9);
    expect(parseQuantity('4e9')).toBe(4e9);
    expect(parseQuantity('1.5E6')).toBe(1.5e6);
    expect(parseQuantity('.5e3')).toBe(500);
  });

  it('reads K, M, G, T suffixes in any case, exactly in decimal', () => {
    expect(parseQuantity('4G')).toBe(4e9);
    expect(parseQuantity('20M')).toBe(20e6);
    expect(parseQuantity('20m')).toBe(20e6);
    expect(parseQuantity('1.6g')).toBe(1.6e9);
    expect(parseQuantity('4.1G')).toBe(4.1e9);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('0.5T')).toBe(5e11);
    expect(parseQuantity('1e3M')).toBe(1e9);
  });

  it('accepts the flops suffix F only where flops are meant', () => {
    expect(parseQuantity('4GF', true)).toBe(4e9);
    expect(parseQuantity('400MF', true)).toBe(400e6);
    expect(parseQuantity('400mf', true)).toBe(400e6);
    expect(parseQuantity('4GF')).toBeUndefined();
  });

  it('rejects anything else', () => {
    for (const text of ['', 'abc', '-4G', '4X', '4 G F', 'G', '4GG', '1e', 'NaN', 'Infinity', '1e999']) {
      expect(parseQuantity(text, true), text).toBeUndefined();
    }
  });
});

describe('table and fields', () => {
  it('aligns columns two spaces apart under a rule, numbers to the right', () => {
    const text = table(['name', 'value'], [['a', '1'], ['long name', '12345']], ['l', 'r']);
    expect(text).toBe('name       value\n---------  -----\na              1\nlong name  12345\n');
  });

  it('never leaves trailing spaces', () => {
    const text = table(['x', 'y'], [['1', '']], ['l', 'l']);
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('aligns key: value lines', () => {
    expect(fields([['a', '1'], ['long key', '2']])).toBe('a:         1\nlong key:  2\n');
  });
});
