import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fastCompound, scale, STRATEGIES, zooModel, type ModelSpec } from '../../src/index.js';
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
