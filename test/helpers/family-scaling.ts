/**
 * The scaling properties every family must have (the asymptotics of test/scaling/properties.test.ts, valid
 * networks over s = 2^-4 .. 2^16, plateaus), as one suite a family's test registers with its own
 * realistic random networks and zoo models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  complexity,
  fastCompound,
  fastScale,
  fitLinear,
  scale,
  STRATEGIES,
  validateSpec,
  type Metric,
  type ModelSpec,
  type ScalingStrategy,
} from '../../src/index.js';
import { multiplierExponents } from '../../src/scaling/factors.js';
import { plateauBoundaries } from '../../src/scaling/plateaus.js';

/** s = 2^6 .. 2^16, and the tolerance of test/scaling/properties.test.ts (see its reasoning). */
const FACTORS = Array.from({ length: 11 }, (_, i) => 2 ** (6 + i));
const TOLERANCE = 0.05;

/** Least-squares slope of log(metric) on log(s) over s = 2^6 .. 2^16. */
export function slope(spec: ModelSpec, strategy: ScalingStrategy, metric: Metric): number {
  const ys = FACTORS.map((s) => Math.log(complexity(scale(spec, strategy, s))[metric]));
  return fitLinear(FACTORS.map(Math.log), ys).slope;
}

export interface FamilyScalingSuite {
  /** Random networks shaped like the family's real ones. */
  readonly realistic: fc.Arbitrary<ModelSpec>;
  /** Zoo models, for the checks over the whole range of s. */
  readonly zoo: readonly ModelSpec[];
  /** What every scaled network of the family must satisfy besides being valid (same family, widths...). */
  readonly check: (base: ModelSpec, scaled: ModelSpec) => void;
}

export function describeFamilyScaling(family: string, suite: FamilyScalingSuite): void {
  describe(`${family}: asymptotics under pycls rounding (s = 2^6 .. 2^16, slopes within ${TOLERANCE})`, () => {
    it.each([
      { name: 'width', strategy: STRATEGIES.w, exponent: 0.5 },
      { name: 'depth', strategy: STRATEGIES.d, exponent: 1 },
      { name: 'resolution', strategy: STRATEGIES.r, exponent: 1 },
    ])('acts grow like s^$exponent under $name scaling', ({ strategy, exponent }) => {
      fc.assert(
        fc.property(suite.realistic, (spec) => {
          expect(Math.abs(slope(spec, strategy, 'acts') - exponent)).toBeLessThan(TOLERANCE);
        }),
        { numRuns: 20 },
      );
    });

    it('acts grow like s^(1 - alpha/2) under fastScale, for any alpha', () => {
      fc.assert(
        fc.property(suite.realistic, fc.double({ min: 0, max: 1, noNaN: true }), (spec, alpha) => {
          const ys = FACTORS.map((s) => Math.log(complexity(fastScale(spec, s, alpha)).acts));
          expect(Math.abs(fitLinear(FACTORS.map(Math.log), ys).slope - (1 - alpha / 2))).toBeLessThan(TOLERANCE);
        }),
        { numRuns: 30 },
      );
    });

    it('flops grow like s under every strategy', () => {
      const strategies = fc.oneof(fc.constantFrom(...Object.values(STRATEGIES)), fc.double({ min: 0, max: 1, noNaN: true }).map(fastCompound));
      fc.assert(
        fc.property(suite.realistic, strategies, (spec, strategy) => {
          expect(Math.abs(slope(spec, strategy, 'flops') - 1)).toBeLessThan(TOLERANCE);
        }),
        { numRuns: 40 },
      );
    });
  });

  describe(`${family}: every scaled network is valid`, () => {
    it('fastScale gives a valid network of the same family for any s in [2^-4, 2^16] and alpha, under both policies', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...suite.zoo),
          fc.double({ min: -4, max: 16, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.constantFrom('pycls' as const, 'efficientnet' as const),
          (base, log2s, alpha, policy) => {
            const scaled = fastScale(base, 2 ** log2s, alpha, { policy });
            validateSpec(scaled);
            expect(Object.isFrozen(scaled)).toBe(true);
            expect(scaled.family).toBe(base.family);
            suite.check(base, scaled);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('the realistic random networks too, under any strategy and s in [1/16, 256], without error; the input is unchanged', () => {
      const strategies = fc.oneof(fc.constantFrom(...Object.values(STRATEGIES)), fc.double({ min: 0, max: 1, noNaN: true }).map(fastCompound));
      fc.assert(
        fc.property(suite.realistic, strategies, fc.double({ min: 1 / 16, max: 256, noNaN: true }), (spec, strategy, s) => {
          const before = structuredClone(spec);
          const scaled = scale(spec, strategy, s);
          expect(spec).toEqual(before);
          validateSpec(scaled);
          suite.check(spec, scaled);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe(`${family}: plateaus`, () => {
    it('leaves no change inside a plateau: random factors between two boundaries scale to the same network', () => {
      const strategies = fc.oneof(fc.constantFrom(...Object.values(STRATEGIES)), fc.double({ min: 0, max: 1, noNaN: true }).map(fastCompound));
      fc.assert(
        fc.property(
          suite.realistic,
          strategies,
          fc.constantFrom('pycls' as const, 'efficientnet' as const),
          fc.double({ min: 0.5, max: 20, noNaN: true }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
          (spec, strategy, policy, centre, positions) => {
            // As in test/scaling/plateaus.test.ts: a weight within 1e-9 of nothing steps where its power rounds.
            fc.pre(Object.values(multiplierExponents(strategy)).every((e) => e === 0 || e > 1e-9));
            const [lo, hi] = [centre / 1.05, centre * 1.05];
            const edges = [lo, ...plateauBoundaries(spec, strategy, policy, lo, hi)!, hi];
            for (let i = 1; i < edges.length; i++) {
              const [a, b] = [edges[i - 1]!, edges[i]!];
              expect(b).toBeGreaterThan(a);
              const hair = 1e-9;
              const width = Math.log(b / a);
              if (width < 4 * hair) continue;
              const networks = positions.map((p) => scale(spec, strategy, a * Math.exp(hair + p * (width - 2 * hair)), { policy }));
              for (const network of networks) expect(network).toEqual(networks[0]);
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
