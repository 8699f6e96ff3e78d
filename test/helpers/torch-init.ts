/**
 * Checks that the network of emitted PyTorch code starts from the weights torchvision's constructors draw
 * (MobileNetV2, MobileNetV3, MNASNet all draw convs from kaiming_normal_(mode="fan_out"), set batch norms to
 * 1 and 0 and biases to 0; their linears differ): modules that toTorchvision rebuilds after the constructor
 * ran must be initialised alike, not left at PyTorch's defaults.
 */
import type { InitRow } from './torch.js';

/** Below this many weights a sample's standard deviation is too loose to tell one rule from another. */
const MIN_SAMPLE = 4096;
/** Relative tolerance on a standard deviation (over 5 standard errors, sqrt(1 / (2n)), at MIN_SAMPLE weights). */
const TOLERANCE = 0.06;

/**
 * The modules of `rows` that are not initialised as torchvision's constructor initialises them: convs with
 * kaiming_normal_(mode="fan_out") (standard deviation sqrt(2 / fan_out)), linears with the standard deviation
 * `linearStd` gives, batch norms at weight 1 and bias 0, every bias 0.
 */
export function initMismatches(rows: readonly InitRow[], linearStd: (fanIn: number, fanOut: number) => number): string[] {
  const wrong: string[] = [];
  for (const row of rows) {
    if (row.maxAbsBias !== null && row.maxAbsBias !== 0) wrong.push(`${row.name}: bias up to ${row.maxAbsBias}, not 0`);
    if (row.className === 'BatchNorm2d') {
      if (row.mean !== 1 || row.std !== 0) wrong.push(`${row.name}: weight of mean ${row.mean} and std ${row.std}, not all 1`);
      continue;
    }
    const expected = row.className === 'Conv2d' ? Math.sqrt(2 / row.fanOut) : linearStd(row.fanIn, row.fanOut);
    if (row.numel >= MIN_SAMPLE && Math.abs(row.std / expected - 1) > TOLERANCE) {
      wrong.push(`${row.name} (${row.className}, ${row.numel} weights): std ${row.std.toPrecision(4)}, expected ${expected.toPrecision(4)}`);
    }
  }
  return wrong;
}
