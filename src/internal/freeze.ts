/** Deep freezing, and the proof of it that lets validated immutable specs skip re-validation. */

/** Freezes an object and everything it holds; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * True when the value and everything reachable from it is frozen and made of data properties (a getter
 * could answer differently each time), so it can never change.
 */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor) || !isDeepFrozen(descriptor.value)) return false;
  }
  return true;
}
