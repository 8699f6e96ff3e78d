/**
 * Base class of every error fastscale throws on purpose. Catch this to handle all of them.
 *
 * @example
 * ```ts
 * import { FastscaleError, zooModel } from 'fastscale';
 * try {
 *   zooModel('RegNetY-4GF');
 * } catch (error) {
 *   if (error instanceof FastscaleError) console.error(error.message);
 * }
 * ```
 */
export class FastscaleError extends Error {
  /** Where in the input the problem is, as a field path (`stages[2].groupWidth`); `''` for the input as a whole. */
  readonly path: string;
  /** The message without the path: what is wrong with the value there. */
  readonly reason: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(path === '' ? reason : `${path}: ${reason}`, options);
    this.name = new.target.name;
    this.path = path;
    this.reason = reason;
  }
}

/**
 * A model specification (or a pycls config describing one) is malformed, unsupported, or describes a
 * network whose complexity would exceed `Number.MAX_SAFE_INTEGER`.
 *
 * `path` names the offending field, and the message names its value.
 *
 * @example
 * ```ts
 * import { SpecError, validateSpec, zooModel } from 'fastscale';
 * const spec = zooModel('ResNet-50');
 * try {
 *   validateSpec({ ...spec, numClasses: 0 });
 * } catch (error) {
 *   if (error instanceof SpecError) console.log(error.path); // 'numClasses'
 * }
 * ```
 */
export class SpecError extends FastscaleError {}

/**
 * A scaling request is invalid: a factor that is not a finite number above 0, an alpha outside [0, 1],
 * a malformed strategy, or a scaled network that could not be represented.
 *
 * @example
 * ```ts
 * import { ScalingError, fastScale, zooModel } from 'fastscale';
 * try {
 *   fastScale(zooModel('RegNetY-400MF'), -1);
 * } catch (error) {
 *   if (error instanceof ScalingError) console.log(error.message); // 'factor: -1 is not a finite number > 0'
 * }
 * ```
 */
export class ScalingError extends FastscaleError {}

/**
 * Input to an analysis function is unusable: an empty or mismatched series, a constant series where a
 * correlation needs variation, a non-finite value, or a target that no scaled network can reach.
 *
 * @example
 * ```ts
 * import { AnalysisError, pearson } from 'fastscale';
 * try {
 *   pearson([1, 2, 3], [1, 2]);
 * } catch (error) {
 *   if (error instanceof AnalysisError) console.log(error.message); // 'ys: has 2 values but xs has 3'
 * }
 * ```
 */
export class AnalysisError extends FastscaleError {}

/**
 * A latency table is unusable: not a table fastscale wrote (wrong format or version), an entry with a
 * malformed cost key or a time that is negative, NaN or infinite, settings other than the ones asked
 * for, or too few entries to predict a network the table does not hold. `path` names the field
 * (`entries[12].medianMs`).
 *
 * @example
 * ```ts
 * import { LatencyTableError, readLatencyTable } from 'fastscale';
 * try {
 *   readLatencyTable({ format: 'fastscale-latency-table', version: 99 });
 * } catch (error) {
 *   if (error instanceof LatencyTableError) console.log(error.path); // 'version'
 * }
 * ```
 */
export class LatencyTableError extends FastscaleError {}
