/** `paretoFront`: the rows no other row beats on every objective at once. */
import { AnalysisError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { atBoundary, readCallerValue, fieldsOf, itemsOf } from '../internal/read.js';

/**
 * One objective of {@link paretoFront}: a function giving a row's value, smaller being better; or that
 * function with `goal: 'max'` where larger is better (accuracy), and a name for messages.
 *
 * @example
 * ```ts
 * import type { Objective, TargetRow } from 'fastscale';
 * const flops: Objective<TargetRow> = (row) => row.complexity.flops;
 * const accuracy: Objective<{ top1: number }> = { value: (row) => row.top1, goal: 'max', name: 'top-1' };
 * ```
 */
export type Objective<T> =
  | ((row: T) => number)
  | {
      /** The row's value on this objective. */
      readonly value: (row: T) => number;
      /** `min` (default): smaller is better; `max`: larger is better. */
      readonly goal?: 'min' | 'max';
      /** A name for error messages. */
      readonly name?: string;
    };

/** Most rows {@link paretoFront} compares. */
export const MAX_PARETO_ROWS = 1_000_000;

interface CheckedObjective<T> {
  readonly value: (row: T) => number;
  readonly sign: 1 | -1;
  readonly name: string;
}

function checkObjective<T>(value: unknown, index: number): CheckedObjective<T> {
  const path = `objectives[${index}]`;
  if (typeof value === 'function') return { value: value as (row: T) => number, sign: 1, name: path };
  const fields = fieldsOf(value, ['value', 'goal', 'name'], path, 'an objective (a function, or { value, goal, name })', AnalysisError);
  if (typeof fields.value !== 'function') throw new AnalysisError(`${path}.value`, `${describe(fields.value)} is not a function`);
  if (fields.goal !== undefined && fields.goal !== 'min' && fields.goal !== 'max') {
    throw new AnalysisError(`${path}.goal`, `${describe(fields.goal)} is not 'min' or 'max'`);
  }
  if (fields.name !== undefined && typeof fields.name !== 'string') throw new AnalysisError(`${path}.name`, `${describe(fields.name)} is not a string`);
  return { value: fields.value as (row: T) => number, sign: fields.goal === 'max' ? -1 : 1, name: (fields.name as string | undefined) ?? path };
}

/**
 * The Pareto front of some rows under any mix of objectives (flops, params, acts, predicted or measured
 * latency, a user's error or accuracy): the rows that no other row dominates, where a row dominates
 * another when it is at least as good on every objective and better on one. Rows with equal values on
 * every objective are all kept. Returned in the order given.
 *
 * Work: O(n log n) to sort, then each row is compared with the front found so far (O(n * front size)).
 *
 * @param objectives - functions (smaller is better), or `{ value, goal: 'max' }` for larger is better
 * @throws {@link AnalysisError} for rows that are not an array, no objectives, a malformed objective, or an
 * objective value that is not a finite number, or an objective that throws (the path names the row)
 *
 * @example
 * ```ts
 * import { compareStrategies, paretoFront, zooModel } from 'fastscale';
 * const rows = [1, 2, 4, 8].flatMap((s) => compareStrategies(zooModel('RegNetY-400MF'), s));
 * const front = paretoFront(rows, [(row) => row.complexity.flops, (row) => row.complexity.acts]);
 * front.map((row) => `${row.name} x${row.factor}`);
 * ```
 */
export function paretoFront<T>(rows: readonly T[], objectives: readonly Objective<T>[]): T[] {
  const items = atBoundary(() => itemsOf(rows, 'rows', MAX_PARETO_ROWS, 'the rows to compare', AnalysisError), AnalysisError) as T[];
  const list = atBoundary(() => itemsOf(objectives, 'objectives', 64, 'the objectives', AnalysisError), AnalysisError);
  if (list.length === 0) throw new AnalysisError('objectives', 'is empty: give at least one objective');
  const checked = atBoundary(() => list.map((objective, i) => checkObjective<T>(objective, i)), AnalysisError);
  const k = checked.length;
  // Every objective as a value to minimise, row by row.
  const values = new Float64Array(items.length * k);
  items.forEach((row, i) => {
    checked.forEach((objective, j) => {
      // The caller's function on the caller's row: whatever it throws becomes an error naming the row.
      const value = readCallerValue(`rows[${i}]`, AnalysisError, () => objective.value(row));
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new AnalysisError(`rows[${i}]`, `objective ${objective.name} gives ${describe(value)}, not a finite number`);
      }
      values[i * k + j] = objective.sign * value;
    });
  });
  const order = items.map((_, i) => i);
  order.sort((a, b) => {
    for (let j = 0; j < k; j++) {
      const d = values[a * k + j]! - values[b * k + j]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
  // In lexicographic order, whatever dominates a row comes before it.
  const front: number[] = [];
  for (const i of order) {
    const dominated = front.some((f) => dominates(values, f, i, k));
    if (!dominated) front.push(i);
  }
  return front.sort((a, b) => a - b).map((i) => items[i]!);
}

/** Whether row `a` is at least as good as row `b` everywhere and better somewhere. */
function dominates(values: Float64Array, a: number, b: number, k: number): boolean {
  let better = false;
  for (let j = 0; j < k; j++) {
    const d = values[a * k + j]! - values[b * k + j]!;
    if (d > 0) return false;
    if (d < 0) better = true;
  }
  return better;
}
