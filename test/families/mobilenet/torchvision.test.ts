/**
 * toTorchvision on MobileNets, run in PyTorch (skipped, saying why, without torch and torchvision): the zoo
 * models' state dicts equal torchvision's builders' (so pretrained weights load with strict=True), and the
 * networks built from the code count, module by module, as the description does: for the zoo, scaled
 * specs (strategies d, w, r, dwr, dWr at s = 2, 4, 16), both also at 160 and 288 px, specs torchvision's
 * classes cannot build (written module by module) and random specs.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { complexity, layers, scale, toTorchvision, zooModel, type MobileNetSpec, type ModelSpec } from '../../../src/index.js';
import { walk } from '../../../src/network/count.js';
import { ModuleWriter } from '../../../src/torch/modules.js';
import { mobileNetSpec, SMALL_LIMITS } from '../../arbitraries.js';
import { countTorchCodes, TORCH_MISSING, type TorchCount, type TorchJob } from '../../helpers/torch.js';
import { fixtureRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';

const ZOO = ['mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small'] as const;
const STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'] as const;
const FACTORS = [2, 4, 16];
/** Image sizes besides the crop size that torchvision's fixtures were counted at. */
const OTHER_SIZES = [160, 288];
const SEED = 20240611;

/** The network module by module (the generic writer), whatever the family's own code would be. */
function moduleByModule(spec: ModelSpec): string {
  const writer = new ModuleWriter();
  walk(spec, writer);
  return writer.source('written module by module');
}

const base = (name: (typeof ZOO)[number]) => zooModel(name) as MobileNetSpec;
const scaled = ZOO.flatMap((name) => STRATEGIES.flatMap((strategy) => FACTORS.map((s) => ({ label: `${name} ${strategy} x${s}`, spec: scale(base(name), strategy, s) as ModelSpec }))));
/** Specs torchvision's classes cannot build: the generic module writer writes them. */
const v2 = zooModel('mobilenet_v2');
const v3 = zooModel('mobilenet_v3_small');
const unbuildable: { label: string; spec: MobileNetSpec }[] = [
  { label: 'V2 with 5x5 kernels and ReLU', spec: { ...v2, stages: v2.stages.map((s) => ({ ...s, kernel: 5, activation: 'relu' as const })) } },
  { label: 'V3 with ReLU6 and widths off multiples of 8', spec: { ...v3, stemWidth: 12, stages: v3.stages.map((s) => ({ ...s, width: s.width + 4, activation: 'relu6' as const })) } },
  { label: 'V3 with a stride of 3', spec: { ...v3, stages: v3.stages.map((s, i) => (i === 0 ? { ...s, stride: 3 } : s)) } },
];
/** Specs torchvision's classes do build, through their less common paths. */
const v3Large = zooModel('mobilenet_v3_large');
const buildable: { label: string; spec: MobileNetSpec; pattern: RegExp }[] = [
  {
    label: 'V2 with explicit expanded widths, a 24-wide stem, a 1024-wide head and 10 classes',
    spec: { ...v2, stemWidth: 24, headWidth: 1024, numClasses: 10, stages: v2.stages.map(({ expansionRatio: _, ...s }) => ({ ...s, expandedWidth: 4 * s.width })) },
    pattern: /MobileNetV2\(num_classes=10, [\s\S]*InvertedResidual\(24, 16, 1, expand_ratio=2\.6666666666666665\)/,
  },
  {
    label: 'V3 with expansion ratios',
    spec: { ...v3Large, stages: v3Large.stages.map(({ expandedWidth: _, ...s }) => ({ ...s, expansionRatio: 4 })) },
    pattern: /MobileNetV3\(SETTING, last_channel=1280, num_classes=1000\)/,
  },
];
console.log(`random MobileNet specs drawn with fast-check seed ${SEED}`);
const random = fc.sample(mobileNetSpec(SMALL_LIMITS), { seed: SEED, numRuns: 12 });

describe.skipIf(TORCH_MISSING !== null)('toTorchvision(MobileNet) built by PyTorch', () => {
  const jobs: TorchJob[] = [];
  const add = (job: TorchJob): number => jobs.push({ device: 'meta', ...job }) - 1;
  const zooJobs = ZOO.map((name) => ({ name, own: add({ code: toTorchvision(zooModel(name)), imageSize: 224, reference: name }), generic: add({ code: moduleByModule(zooModel(name)), imageSize: 224 }) }));
  const scaledJobs = scaled.map(({ label, spec }) => ({ label, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  const zooSizeJobs = ZOO.flatMap((name) => OTHER_SIZES.map((size) => ({ name, size, job: add({ code: toTorchvision(zooModel(name)), imageSize: size }) })));
  const scaledSizeJobs = scaled.flatMap(({ label, spec }) =>
    OTHER_SIZES.map((size) => ({ label: `${label} at ${size} px`, spec: { ...spec, resolution: { train: size, test: size } } as ModelSpec, job: add({ code: toTorchvision(spec), imageSize: size }) })),
  );
  const buildableJobs = buildable.map(({ label, spec, pattern }) => ({ label, spec, pattern, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  const unbuildableJobs = unbuildable.map(({ label, spec }) => ({ label, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  const randomJobs = random.map((spec, i) => ({ label: `random spec ${i}`, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  let counts: TorchCount[] = [];
  beforeAll(() => {
    counts = countTorchCodes(jobs);
  }, 900_000);

  /** What the hooks saw, as our layer table lists it. */
  const rowsOf = (count: TorchCount) => count.modules.map(([name, module, params], i) => [name, module, params, count.layers[i]![0], count.layers[i]![1]]);
  const ourRows = (spec: ModelSpec) => layers(spec).map((row) => [row.name, row.module, row.params, row.flops, row.acts]);

  it.each(zooJobs)("$name: torchvision's class, with the builder's state dict keys and shapes and its counts", ({ name, own }) => {
    const count = counts[own]!;
    expect(toTorchvision(zooModel(name))).toMatch(name === 'mobilenet_v2' ? /MobileNetV2\(/ : /MobileNetV3\(/);
    expect(count.stateDict).toEqual(count.reference!.stateDict);
    expect(count.totals).toEqual(torchvisionFixture(name).runs[0]!.totals);
    expect(rowsOf(count)).toEqual(ourRows(zooModel(name)));
  });

  it.each(zooJobs)('$name: written module by module, the same state dict and counts', ({ own, generic }) => {
    expect(counts[generic]!.stateDict).toEqual(counts[own]!.stateDict);
    expect(counts[generic]!.totals).toEqual(counts[own]!.totals);
  });

  it.each(zooSizeJobs)("$name at $size px: the emitted code counts as torchvision's builder, in total and module by module", ({ name, size, job }) => {
    const fixture = torchvisionFixture(name);
    expect(counts[job]!.totals).toEqual(fixture.runs.find((run) => run.imageSize === size)!.totals);
    expect(rowsOf(counts[job]!)).toEqual(fixtureRows(fixture, size));
  });

  it.each(scaledSizeJobs)('$label: hook counts equal complexity at that resolution, module by module', ({ spec, job }) => {
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });

  it.each(scaledJobs)('$label: hook counts equal complexity, module by module', ({ spec, job }) => {
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });

  it.each(buildableJobs)("$label: torchvision's class builds it; hook counts equal complexity, module by module", ({ spec, pattern, job }) => {
    expect(toTorchvision(spec)).toMatch(pattern);
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });

  it.each(unbuildableJobs)('$label: written module by module, counts equal complexity', ({ spec, job }) => {
    expect(toTorchvision(spec)).not.toMatch(/MobileNetV[23]\(/);
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });

  it.each(randomJobs)('$label: hook counts equal complexity, module by module', ({ spec, job }) => {
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });
});

describe.skipIf(TORCH_MISSING === null)('toTorchvision(MobileNet) in PyTorch', () => {
  it.skip(`skipped: ${TORCH_MISSING ?? ''}`, () => {});
});
