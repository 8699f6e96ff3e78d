/**
 * The mark of library-made specs (src/internal/owned.ts): only specs this library built carry it, nothing a
 * caller can do copies or forges it, and an owned spec's counts are remembered.
 */
import { describe, expect, it } from 'vitest';
import { complexity, fastScale, zooModel } from '../../src/index.js';
import { isOwned, own, ownedCounts } from '../../src/internal/owned.js';

describe('owned specs', () => {
  const spec = zooModel('RegNetY-400MF');

  it('zoo and scaled specs are owned, deeply frozen, and carry no visible mark', () => {
    const scaled = fastScale(spec, 2);
    for (const value of [spec, scaled]) {
      expect(isOwned(value)).toBe(true);
      expect(Object.isFrozen(value)).toBe(true);
      expect(Object.getOwnPropertySymbols(value)).toEqual([]);
      expect(Reflect.ownKeys(value).every((key) => typeof key === 'string')).toBe(true);
    }
  });

  it('no copy of an owned spec is owned: spread, structuredClone, a proxy, an object with the same prototype and fields', () => {
    const lookalike = Object.create(Object.getPrototypeOf(spec));
    for (const key of Reflect.ownKeys(spec)) Object.defineProperty(lookalike, key, Object.getOwnPropertyDescriptor(spec, key)!);
    for (const copy of [{ ...spec }, structuredClone(spec), new Proxy(spec, {}), lookalike]) expect(isOwned(copy)).toBe(false);
    expect(isOwned(null)).toBe(false);
    expect(isOwned('anynet')).toBe(false);
  });

  it('remembers the counts of a scaled spec (the count that proved it valid) and of a counted zoo spec', () => {
    const scaled = fastScale(spec, 4);
    // pycls's scale_model of RegNetY-400MF to 4x flops with d1_w8_g8_r1 (DOMAIN.md, README).
    expect(ownedCounts(scaled)).toEqual({ flops: 1572517292, params: 14594380, acts: 7919628 });
    expect(complexity(scaled)).toBe(complexity(scaled));
    expect(complexity(spec)).toBe(ownedCounts(spec));
  });

  it('owning an object twice keeps its mark and counts', () => {
    const made = { family: 'x', numbers: [1, 2] };
    expect(own(own(made))).toBe(made);
    expect(isOwned(made)).toBe(true);
    expect(Object.isFrozen(made.numbers)).toBe(true);
    expect(ownedCounts(made)).toBeNull();
  });
});
