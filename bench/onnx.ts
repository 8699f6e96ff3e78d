import type { Bench } from 'tinybench';
import { zooModel } from '../src/index.js';
import { toOnnx } from '../src/onnx/index.js';

/** ONNX export benchmarks: a 20.6M-parameter model written as an 83 MB ONNX file. */
export async function registerOnnx(bench: Bench): Promise<void> {
  const regNetY4 = zooModel('RegNetY-4.0GF');
  bench.add('toOnnx(RegNetY-4.0GF)', () => {
    toOnnx(regNetY4);
  });
}
