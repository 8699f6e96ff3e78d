/** Capturing what a call throws: the one helper every test uses instead of its own try/catch. */

/** What `run` throws, or `undefined` when it returns. */
export function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** What `run` throws, checked to be an instance of `type` (a test fails when it returns or throws anything else). */
export function thrown<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  const error = errorOf(run);
  if (error === undefined) throw new Error(`expected a ${type.name}, but nothing was thrown`);
  if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got ${String(error)}`, { cause: error });
  return error;
}

/** What the promise rejects with, or `undefined` when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A pattern matching messages that begin with `text` exactly (the field path included, unlike `toThrow(text)`'s substring match). */
export function startingWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
