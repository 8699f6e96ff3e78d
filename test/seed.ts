/**
 * One seed for the generated inputs of a test run: random unless FASTSCALE_SEED is set, and named in every
 * failure so that the run can be repeated (`FASTSCALE_SEED=123 npx vitest run test/fuzz`).
 */
export const SEED = process.env.FASTSCALE_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FASTSCALE_SEED);

/** Appended to failure messages. */
export const REPRODUCE = `(seed ${SEED}; rerun with FASTSCALE_SEED=${SEED})`;
