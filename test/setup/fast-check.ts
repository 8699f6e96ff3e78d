/**
 * Vitest setup file: every fast-check property of the run draws from the run's seed (test/seed.ts, set by
 * test/setup/seed.ts), so FASTSCALE_SEED=<seed> repeats a failing run exactly. A property that depends on a
 * rare input pins its own seed or lists the input in `examples`.
 */
import fc from 'fast-check';
import { SEED } from '../seed.js';

fc.configureGlobal({ seed: SEED });
