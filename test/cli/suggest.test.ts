import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plausible, typoDistance } from '../../src/cli/suggest.js';

const COMMANDS = ['list', 'info', 'scale', 'compare', 'plot', 'runtime', 'measure'];

describe('typoDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each, in any case', () => {
    expect(typoDistance('scale', 'scale')).toBe(0);
    expect(typoDistance('sclae', 'scale')).toBe(1);
    expect(typoDistance('SCALE', 'scale')).toBe(0);
    expect(typoDistance('scal', 'scale')).toBe(1);
    expect(typoDistance('scalex', 'scale')).toBe(1);
    expect(typoDistance('scole', 'scale')).toBe(1);
    expect(typoDistance('export', 'plot')).toBe(4);
    expect(typoDistance('', 'plot')).toBe(4);
  });

  it('is symmetric and zero exactly for equal words (ignoring case)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(typoDistance(a, b)).toBe(typoDistance(b, a));
        expect(typoDistance(a, b) === 0).toBe(a.toLowerCase() === b.toLowerCase());
      }),
    );
  });
});

describe('plausible', () => {
  it.each([
    ['sclae', ['scale']],
    ['lst', ['list']],
    ['comp', ['compare']],
    ['measur', ['measure']],
    ['export', []],
    ['profile', []],
    ['x', []],
    ['', []],
  ])('%s -> %j', (input, expected) => {
    expect(plausible(input, COMMANDS)).toEqual(expected);
  });

  it('gives nothing for inputs longer than any name, without comparing them', () => {
    expect(plausible('x'.repeat(10_000_000), COMMANDS)).toEqual([]);
  });

  it('offers the zoo names a typo stands for, closest first', () => {
    expect(plausible('RegNetY-4GF', ['RegNetY-400MF', 'RegNetY-4.0GF', 'ResNet-50'])).toEqual(['RegNetY-4.0GF', 'RegNetY-400MF']);
    expect(plausible('resnet50', ['ResNet-50', 'ResNeXt-50', 'RegNetX-200MF'])).toEqual(['ResNet-50', 'ResNeXt-50']);
  });
});
