/**
 * Vitest global setup: picks the run's seed for generated inputs once (FASTSCALE_SEED, or a random one),
 * hands it to every test worker through the environment, and prints it with the command that repeats
 * the run. test/setup/fast-check.ts makes it fast-check's seed; fast-check's failure message names it too.
 */
export default function setup(): void {
  process.env.FASTSCALE_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
  console.log(`fast-check seed ${process.env.FASTSCALE_SEED} (repeat this run's generated inputs with FASTSCALE_SEED=${process.env.FASTSCALE_SEED})`);
}
