/**
 * toTorchvision on MNASNets, run in PyTorch (skipped, saying why, without torch and torchvision): the zoo
 * models are torchvision's `MNASNet(alpha)` with its builders' state dicts, counting as its builders at the
 * crop size, 160 and 288 px; scaled specs (strategies d, w, r, dwr, dWr at s = 2, 4, 16; at their own
 * resolution, 160 and 288 px) are `MNASNet` with `_stack` layers; specs `_stack` cannot build are written
 * module by module; random specs too. Every built network counts, module by module, as the description.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { complexity, layers, scale, toTorchvision, zooModel, type MnasNetSpec, type ModelSpec } from '../../../src/index.js';
import { walk } from '../../../src/network/count.js';
import { ModuleWriter } from '../../../src/torch/modules.js';
import { mnasNetSpec, SMALL_LIMITS } from '../../arbitraries.js';
import { countTorchCodes, TORCH_MISSING, type TorchCount, type TorchJob } from '../../helpers/torch.js';
import { fixtureRows, torchvisionFixture } from '../../helpers/torchvision-fixtures.js';

const ZOO = ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'] as const;
const STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'] as const;
const FACTORS = [2, 4, 16];
/** Image sizes besides the crop size that torchvision's fixtures were counted at. */
const OTHER_SIZES = [160, 288];
const SEED = 20240612;

function moduleByModule(spec: ModelSpec): string {
  const writer = new ModuleWriter();
  walk(spec, writer);
  return writer.source('written module by module');
}

const base = zooModel('mnasnet1_0');
const scaled = (['mnasnet0_5', 'mnasnet1_0'] as const).flatMap((name) =>
  STRATEGIES.flatMap((strategy) => FACTORS.map((s) => ({ label: `${name} ${strategy} x${s}`, spec: scale(zooModel(name), strategy, s) as ModelSpec }))),
);
const unbuildable: { label: string; spec: MnasNetSpec }[] = [
  { label: '7x7 kernels', spec: { ...base, stages: base.stages.map((s) => ({ ...s, kernel: 7 })) } },
  { label: 'a stride of 3 and a 640-wide head', spec: { ...base, headWidth: 640, stages: base.stages.map((s, i) => (i === 0 ? { ...s, stride: 3 } : s)) } },
];
console.log(`random MNASNet specs drawn with fast-check seed ${SEED}`);
const random = fc.sample(mnasNetSpec(SMALL_LIMITS), { seed: SEED, numRuns: 10 });

describe.skipIf(TORCH_MISSING !== null)('toTorchvision(MNASNet) built by PyTorch', () => {
  const jobs: TorchJob[] = [];
  const add = (job: TorchJob): number => jobs.push({ device: 'meta', ...job }) - 1;
  const zooJobs = ZOO.map((name) => ({ name, own: add({ code: toTorchvision(zooModel(name)), imageSize: 224, reference: name }), generic: add({ code: moduleByModule(zooModel(name)), imageSize: 224 }) }));
  const stackJob = add({ code: toTorchvision({ ...base, headWidth: 1024 }), imageSize: 224, reference: 'mnasnet1_0' });
  const scaledJobs = scaled.map(({ label, spec }) => ({ label, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  const zooSizeJobs = ZOO.flatMap((name) => OTHER_SIZES.map((size) => ({ name, size, job: add({ code: toTorchvision(zooModel(name)), imageSize: size }) })));
  const scaledSizeJobs = scaled.flatMap(({ label, spec }) =>
    OTHER_SIZES.map((size) => ({ label: `${label} at ${size} px`, spec: { ...spec, resolution: { train: size, test: size } } as ModelSpec, job: add({ code: toTorchvision(spec), imageSize: size }) })),
  );
  const unbuildableJobs = unbuildable.map(({ label, spec }) => ({ label, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  const randomJobs = random.map((spec, i) => ({ label: `random spec ${i}`, spec, job: add({ code: toTorchvision(spec), imageSize: spec.resolution.train }) }));
  let counts: TorchCount[] = [];
  beforeAll(() => {
    counts = countTorchCodes(jobs);
  }, 900_000);

  const rowsOf = (count: TorchCount) => count.modules.map(([name, module, params], i) => [name, module, params, count.layers[i]![0], count.layers[i]![1]]);
  const ourRows = (spec: ModelSpec) => layers(spec).map((row) => [row.name, row.module, row.params, row.flops, row.acts]);

  it.each(zooJobs)("$name: MNASNet(alpha), with the builder's state dict keys and shapes and its counts", ({ name, own }) => {
    expect(toTorchvision(zooModel(name))).toMatch(/return MNASNet\(\d\.\d+, num_classes=1000\)/);
    const count = counts[own]!;
    expect(count.stateDict).toEqual(count.reference!.stateDict);
    expect(count.totals).toEqual(torchvisionFixture(name).runs[0]!.totals);
    expect(rowsOf(count)).toEqual(ourRows(zooModel(name)));
  });

  it.each(zooJobs)('$name: written module by module, the same state dict and counts', ({ own, generic }) => {
    expect(counts[generic]!.stateDict).toEqual(counts[own]!.stateDict);
    expect(counts[generic]!.totals).toEqual(counts[own]!.totals);
  });

  it('a spec MNASNet(alpha) cannot express is built with _stack: same keys as mnasnet1_0, the head and classifier narrower', () => {
    const spec = { ...base, headWidth: 1024 };
    expect(toTorchvision(spec)).toMatch(/_stack\(/);
    const count = counts[stackJob]!;
    expect(count.stateDict.map(([key]) => key)).toEqual(count.reference!.stateDict.map(([key]) => key));
    expect(count.totals).toEqual(complexity(spec));
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

  it.each(unbuildableJobs)('$label: written module by module, counts equal complexity', ({ spec, job }) => {
    expect(toTorchvision(spec)).not.toMatch(/MNASNet\(/);
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });

  it.each(randomJobs)('$label: hook counts equal complexity, module by module', ({ spec, job }) => {
    expect(counts[job]!.totals).toEqual(complexity(spec));
    expect(rowsOf(counts[job]!)).toEqual(ourRows(spec));
  });
});

describe.skipIf(TORCH_MISSING === null)('toTorchvision(MNASNet) in PyTorch', () => {
  it.skip(`skipped: ${TORCH_MISSING ?? ''}`, () => {});
});
