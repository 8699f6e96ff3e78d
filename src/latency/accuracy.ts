/** How well predictions match measurements: the figures nn-Meter and docs/latency.md report. */

/** Accuracy of some predictions against measurements. */
export interface PredictionAccuracy {
  readonly count: number;
  /** Share of predictions within +-10% of the measurement. */
  readonly within10: number;
  /** Share within +-20%. */
  readonly within20: number;
  /** Root mean square of the relative errors, as a fraction (0.05 is 5%). */
  readonly rmse: number;
  /** Mean and largest absolute relative error. */
  readonly meanAbsolute: number;
  readonly largest: number;
}

/** Relative errors (predicted / measured - 1) summarised; `pairs` is non-empty, measurements > 0. */
export function predictionAccuracy(pairs: readonly { readonly predicted: number; readonly measured: number }[]): PredictionAccuracy {
  const errors = pairs.map(({ predicted, measured }) => predicted / measured - 1);
  const count = errors.length;
  const share = (bound: number): number => errors.filter((e) => Math.abs(e) <= bound).length / count;
  return {
    count,
    within10: share(0.1),
    within20: share(0.2),
    rmse: Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / count),
    meanAbsolute: errors.reduce((sum, e) => sum + Math.abs(e), 0) / count,
    largest: Math.max(...errors.map(Math.abs)),
  };
}
