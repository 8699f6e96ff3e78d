/** Counting a spec's description (src/network/count.ts): the walk, its limits and its cache. */
import { describe, expect, it } from 'vitest';
import { complexity, layers, LIMITS, SpecError, validateSpec, zooModel, type AnyNetSpec } from '../../src/index.js';
import { OnnxError } from '../../src/onnx/index.js';
import { countComplexity, walk, walkComplexity } from '../../src/network/count.js';
import { checkSpec } from '../../src/spec/check.js';
import { thrown } from '../helpers/errors.js';
import { pyclsComplexity } from '../helpers/fixtures.js';

const PYCLS = pyclsComplexity();
import { cifarResNet } from '../specs.js';

describe('walk', () => {
  it("counts a ResNet-50 at 4 px, where the stem's max pool leaves a single pixel", () => {
    // 7x7 stride-2 conv: 4 px -> 2; 3x3 stride-2 max pool: 2 -> 1; every later conv keeps 1 px.
    const spec = { ...zooModel('ResNet-50'), resolution: { train: 4, test: 4 } };
    expect(layers(spec).find((row) => row.op === 'maxpool')!.output).toEqual([64, 1, 1]);
    expect(complexity(spec).acts).toBeGreaterThan(0);
  });

  it("starts from 3 channels at the training size and counts what pycls counts (RegNetX-200MF, pycls's model_complexity.json)", () => {
    const net = walk(checkSpec(zooModel('RegNetX-200MF')));
    expect({ flops: net.flops, params: net.params, acts: net.acts }).toEqual(PYCLS['configs/dds_baselines/regnetx/RegNetX-200MF_dds_8gpu.yaml']);
    expect(net.blockCount).toBe(13);
  });

  it(`lists at most LIMITS.maxListedBlocks (${LIMITS.maxListedBlocks}) blocks layer by layer, with the caller's error type`, () => {
    // A CIFAR ResNet of 3 stages of n blocks: n = 3334 makes 10,002 blocks, n = 3333 makes 9,999.
    const deep = checkSpec(cifarResNet(6 * 3334 + 2));
    const error = thrown(() => walk(deep, { layer: () => undefined }), SpecError);
    expect(error.message).toBe(`the network has 10002 blocks; layer by layer, at most ${LIMITS.maxListedBlocks} are listed, exported or built (LIMITS.maxListedBlocks)`);
    expect(thrown(() => walk(deep, { layer: () => undefined }, OnnxError), OnnxError).path).toBe('');
    let rows = 0;
    walk(checkSpec(cifarResNet(6 * 3333 + 2)), { layer: () => void rows++ });
    expect(rows).toBeGreaterThan(9_999 * 5);
    // Exactly LIMITS.maxListedBlocks blocks are still listed; one more is refused.
    const resnet = zooModel('ResNet-50') as AnyNetSpec;
    const withBlocks = (n: number) => checkSpec({ ...resnet, stages: resnet.stages.map((stage, i) => ({ ...stage, depth: i === 0 ? n - 3 : 1 })) });
    expect(walk(withBlocks(LIMITS.maxListedBlocks), { layer: () => undefined }).blockCount).toBe(LIMITS.maxListedBlocks);
    expect(thrown(() => walk(withBlocks(LIMITS.maxListedBlocks + 1), { layer: () => undefined }), SpecError).message).toMatch(/^the network has 10001 blocks;/);
    // Counting alone has no such limit: it is O(stages).
    expect(complexity(deep).flops).toBeGreaterThan(0);
  });
});

describe('walk: the largest single output (what inference memory holds at once)', () => {
  it.each([
    // pycls's RegNetY-400MF: s1's first 1x1 conv (width 48) still at the stem's 112 px, before its strided 3x3.
    ['RegNetY-400MF', 48 * 112 * 112],
    // torchvision's vit_b_16: the MLP's first linear, 197 tokens x 3072 (above 12 heads x 197^2 and 3 x 768 x 197).
    ['vit_b_16', 197 * 3072],
    // vit_h_14 at 518 px: 37^2 + 1 = 1370 tokens; the attention maps of 16 heads, 16 x 1370^2, above the MLP's 1370 x 5120.
    ['vit_h_14', 16 * 1370 * 1370],
    // pycls's ViT-C-1.0GF: its conv stem's first 3x3 stride-2 conv, 24 x 112 x 112, above any encoder output (197 tokens, 3 heads, 576 MLP).
    ['ViT-C-1.0GF', 24 * 112 * 112],
  ] as const)('%s: %i', (name, largest) => {
    expect(walk(checkSpec(zooModel(name))).largestOutput).toBe(largest);
  });
});

describe('countComplexity', () => {
  it('counts a spec once: the same frozen result for the same spec object', () => {
    const spec = checkSpec(zooModel('ResNet-50'));
    const first = countComplexity(spec);
    expect(countComplexity(spec)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual(PYCLS['configs/dds_baselines/resnet/R-50-1x64d_dds_8gpu.yaml']);
    expect(walkComplexity(spec)).toEqual(first);
  });
});

describe('walkComplexity: counts beyond Number.MAX_SAFE_INTEGER are errors naming the metric', () => {
  const wide: AnyNetSpec = {
    ...(zooModel('ResNet-50') as AnyNetSpec),
    resolution: { train: 1024, test: 1024 },
    stages: [{ depth: 1, width: 2 ** 20, stride: 1, bottleneckMultiplier: 0.25, groupWidth: 64 }],
  };

  it('flops', () => {
    const error = thrown(() => walkComplexity(checkSpec(wide)), SpecError);
    expect(error.path).toBe('');
    expect(error.message).toMatch(/^the network's flops \(\d+\) exceed Number\.MAX_SAFE_INTEGER; it is too large to count exactly$/);
    expect(() => validateSpec(wide)).toThrow(SpecError);
  });

  it('params and acts are safe where flops are: the exact counts of a large but countable network', () => {
    const large = { ...wide, resolution: { train: 32, test: 32 } };
    const cx = complexity(large);
    expect(Number.isSafeInteger(cx.flops)).toBe(true);
    expect(cx.flops).toBeGreaterThan(cx.params);
    expect(layers({ ...large, stages: [{ ...large.stages[0]!, width: 1024 }] }).length).toBeGreaterThan(0);
  });
});
