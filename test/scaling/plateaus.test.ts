import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fastCompound, scale, STRATEGIES, zooModel, type AnyNetSpec, type ModelSpec } from '../../src/index.js';
import { multiplierExponents } from '../../src/scaling/factors.js';
import { plateauBoundaries } from '../../src/scaling/plateaus.js';
import { realisticSpec } from '../arbitraries.js';

describe('plateauBoundaries', () => {
  const strategies = fc.oneof(fc.constantFrom(...Object.values(STRATEGIES)), fc.double({ min: 0, max: 1, noNaN: true }).map(fastCompound));
  const policies = fc.constantFrom('pycls' as const, 'efficientnet' as const);

  it('leaves no change inside a plateau: random factors between two boundaries scale to the same network', () => {
    fc.assert(
      fc.property(
        realisticSpec,
        strategies,
        policies,
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (spec: ModelSpec, strategy, policy, centre, positions) => {
          // A weight within 1e-9 of nothing (fastCompound(0.9999999999999996) gives d = r = 4e-16) makes a
          // multiplier s^e that differs from 1 only in its last bit, and where it does depends on how the
          // power rounds, not on the rounding rules: outside what boundaries can describe.
          const exponents = Object.values(multiplierExponents(strategy));
          fc.pre(exponents.every((e) => e === 0 || e > 1e-9));
          const [lo, hi] = [centre / 1.05, centre * 1.05];
          const edges = [lo, ...plateauBoundaries(spec, strategy, policy, lo, hi)!, hi];
          for (let i = 1; i < edges.length; i++) {
            const [a, b] = [edges[i - 1]!, edges[i]!];
            expect(b).toBeGreaterThan(a);
            // Stay a hair (1e-9 relative) inside the edges: at a boundary itself, and within the last bits
            // of one, the rounding may go either way.
            const hair = 1e-9;
            const width = Math.log(b / a);
            if (width < 4 * hair) continue;
            const inside = positions.map((p) => a * Math.exp(hair + p * (width - 2 * hair)));
            const networks = inside.map((s) => scale(spec, strategy, s, { policy }));
            for (const network of networks) expect(network).toEqual(networks[0]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each(['pycls', 'efficientnet'] as const)('puts a boundary only where the network changes (EfficientNet-B0, strategy r, %s policy)', (policy) => {
    // Under the efficientnet policy the test size follows the training size: its own steps are no boundaries.
    const spec = zooModel('EfficientNet-B0');
    const boundaries = plateauBoundaries(spec, STRATEGIES.r, policy, 1, 2)!;
    expect(boundaries.length).toBeGreaterThan(20);
    for (const b of boundaries) {
      const [below, above] = [scale(spec, STRATEGIES.r, b * (1 - 1e-9), { policy }), scale(spec, STRATEGIES.r, b * (1 + 1e-9), { policy })];
      expect(above.resolution, `at ${b}`).not.toEqual(below.resolution);
    }
  });
});

describe('plateauBoundaries, hand-derived', () => {
  // ResNet-50 of the zoo is an AnyNet with stage depths 3, 4, 6, 3. Strategy d scales depth by s itself.
  const resnet = zooModel('ResNet-50');
  // One stage of width 40 (groups of 8, no bottleneck): strategy w multiplies it by m = sqrt(s).
  const oneStage: ModelSpec = {
    ...resnet,
    stages: [{ depth: 1, width: 40, stride: 2, bottleneckMultiplier: 1, groupWidth: 8 }],
  } as ModelSpec;

  it('pycls policy: a depth round(D * s) steps where D * s crosses k + 1/2', () => {
    // In (1, 1.5): D = 3 at 3.5 / 3; D = 4 at 4.5 / 4 and 5.5 / 4; D = 6 at 6.5 / 6, 7.5 / 6 and 8.5 / 6.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 1, 1.5)).toEqual([6.5 / 6, 1.125, 3.5 / 3, 1.25, 1.375, 8.5 / 6]);
    for (const b of plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 1, 1.5)!) {
      expect(scale(resnet, STRATEGIES.d, b * (1 + 1e-9)).stages).not.toEqual(scale(resnet, STRATEGIES.d, b * (1 - 1e-9)).stages);
    }
    // Below 1 the steps go down to the first half-integer above zero: 0.5 / 6 < 0.5 / 4 < 0.5 / 3.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 0.05, 0.2)).toEqual([0.5 / 6, 0.125, 0.5 / 3]);
  });

  it('efficientnet policy: a depth ceil(D * s) steps where D * s crosses an integer', () => {
    // In (1, 1.5): D = 3 at 4 / 3; D = 4 at 5 / 4; D = 6 at 7 / 6 and 8 / 6 (= 4 / 3, listed once).
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'efficientnet', 1, 1.5)).toEqual([7 / 6, 1.25, 4 / 3]);
  });

  it('counts the steps of every dimension (duplicates too) against the limit before listing any', () => {
    // 7 steps in (1, 1.45) under the pycls policy: 1 + 2 + 3 + 1 (the last stage's 3.5 / 3 again).
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 1, 1.45, 7)).toHaveLength(6);
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 1, 1.45, 6)).toBeNull();
    // In (0.05, 0.2) one step per stage, k = 0 at 0.5 / D: 4 counted, 3 listed.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 0.05, 0.2, 4)).toHaveLength(3);
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 0.05, 0.2, 3)).toBeNull();
  });
  it('below 1 too: ceil and divisible steps from the first one above lo', () => {
    // Strategy d, efficientnet policy, (0.5, 1): D = 3 at 2/3; D = 4 at 3/4; D = 6 at 4/6 (= 2/3) and 5/6.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'efficientnet', 0.5, 1)).toEqual([2 / 3, 0.75, 5 / 6]);
    // Width 40, strategy w (m = sqrt(s) in (0.707, 1)): the 90% rule at 0.9 x 40 m = 32, nearest at 40 m + 4 = 40.
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'efficientnet', 0.5, 1)).toEqual([(32 / 36) ** 2, (36 / 40) ** 2]);
  });

  it('gives up (null) where a multiplier overflows at both ends of the range', () => {
    // d2e-7_g1 puts s^2500000 on group widths: infinite at s = 2 and 3, so infinitely many steps.
    expect(plateauBoundaries(resnet, { d: 2e-7, w: 0, g: 1, r: 0 }, 'pycls', 2, 3, 100)).toBeNull();
  });

  it('leaves out boundaries at lo and hi themselves', () => {
    // 1.125 = 4.5 / 4 and 1.375 = 5.5 / 4 are steps; only those strictly between remain.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'pycls', 1.125, 1.375)).toEqual([3.5 / 3, 1.25]);
  });

  it('counts ceil steps, and the steps of dimensions whose multiplier stays 1 not at all', () => {
    // Strategy d under the efficientnet policy, in (1, 1.5): k = D..floor(1.5 D) for each stage, ends included:
    // 2 + 3 + 4 + 2 = 11. The widths' divisible rule would step at m = 1 itself, but their multiplier is 1.
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'efficientnet', 1, 1.5, 11)).toHaveLength(3);
    expect(plateauBoundaries(resnet, STRATEGIES.d, 'efficientnet', 1, 1.5, 10)).toBeNull();
  });

  it('pycls policy: a width 8 round(W m / 8) steps where W m / 8 crosses k + 1/2', () => {
    // 5 m in (5, 7.5) for m in (1, 1.5): 5.5 and 6.5, m = 1.1 and 1.3; 7.5 (m = 1.5) is hi itself, counted.
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'pycls', 1, 2.25)).toEqual([(44 / 40) ** 2, (52 / 40) ** 2]);
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'pycls', 1, 2.25, 3)).toHaveLength(2);
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'pycls', 1, 2.25, 2)).toBeNull();
  });

  it("efficientnet policy: _make_divisible(W m, 8) steps where W m + 4 crosses a multiple of 8 and where 0.9 W m does", () => {
    // Nearest: 40 m + 4 = 8 k, k = 5..8 (m = 36/40 below 1, 44/40, 52/40, and 60/40 = hi); the 90% rule:
    // 0.9 x 40 m = 8 k, k = 4..6 (m = 32/36 below 1, 40/36, 48/36). 7 counted, 4 listed. Only 1.1 and 1.3
    // change the width (40 -> 48 -> 56); at 40/36 and 48/36 the 90% rule switches where it no longer matters.
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'efficientnet', 1, 2.25)).toEqual([
      (44 / 40) ** 2,
      (40 / 36) ** 2,
      (52 / 40) ** 2,
      (48 / 36) ** 2,
    ]);
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'efficientnet', 1, 2.25, 7)).toHaveLength(4);
    expect(plateauBoundaries(oneStage, STRATEGIES.w, 'efficientnet', 1, 2.25, 6)).toBeNull();
    const width = (s: number) => (scale(oneStage, STRATEGIES.w, s, { policy: 'efficientnet' }) as AnyNetSpec).stages[0]!.width;
    expect([1.2, 1.3, 1.6, 1.7, 2.2].map(width)).toEqual([40, 48, 48, 56, 56]);
  });
});
