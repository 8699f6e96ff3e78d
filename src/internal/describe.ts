/**
 * Renders any value for an error message: strings quoted, numbers as written, objects abbreviated. Never
 * throws, so that describing a revoked proxy or a throwing getter cannot replace the error being reported.
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  try {
    if (Array.isArray(value)) return `an array of length ${value.length}`;
  } catch {
    return 'an unreadable object (a revoked proxy?)';
  }
  return 'an object';
}
