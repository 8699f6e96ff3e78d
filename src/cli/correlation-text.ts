/** A runtime correlation as a table. */
import type { RuntimeCorrelation } from '../analysis/runtime.js';
import type { Metric } from '../spec/types.js';
import { table } from './format.js';

const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

/** r, intercept and slope per metric (`-` where the metric does not vary), then the best metric. */
export function correlationText(correlation: RuntimeCorrelation, timeUnit: string): string {
  const rows = METRICS.map((metric) => {
    const fit = correlation[metric];
    if (fit === null) return [metric, '-', '-', '-'];
    return [metric, fit.r.toFixed(4), fit.intercept.toPrecision(4), fit.slope.toPrecision(4)];
  });
  const best = correlation[correlation.best]!;
  return (
    `fit ${timeUnit} = intercept + slope * metric over ${correlation.samples} models:\n` +
    table(['metric', 'r', 'intercept', 'slope'], rows, ['l', 'r', 'r', 'r']) +
    `best predictor: ${correlation.best} (r = ${best.r.toFixed(4)})\n`
  );
}
