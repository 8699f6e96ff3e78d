import { FastscaleError } from './core.js';

/**
 * A sweep file, a sampler, a sampled config or a sweep analysis input is unusable: a key pycls does not
 * know, a value of the wrong type, a sampler whose range or quantum pycls's `validate_sampler` rejects, a
 * sampled config that pycls could not build, or a bad seed.
 *
 * `path` is the YAML key (`SETUP.SAMPLERS.REGNET.DEPTH`, `SETUP.BASE_CFG.OPTIM.BASE_LR`), and the
 * message names the bad value.
 *
 * @example
 * ```ts
 * import { SweepError, loadSweepConfig } from 'fastscale';
 * try {
 *   loadSweepConfig('NAME: demo\nSETUP:\n  NUM_CONFIGS: 4\n  SAMPLERS:\n    REGNET:\n      TYPE: regnet_sampler\n      DEPTH: [16, 8]\n');
 * } catch (error) {
 *   if (error instanceof SweepError) console.log(error.path); // 'SETUP.SAMPLERS.REGNET.DEPTH'
 * }
 * ```
 */
export class SweepError extends FastscaleError {}
