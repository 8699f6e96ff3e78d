/**
 * The torchvision checks a family with torchvision zoo models registers (MobileNet, MNASNet): its
 * description against test/fixtures/torchvision module by module, the description's own invariants, and
 * `toTorchvision`'s code built and counted in PyTorch. A family's test passes what differs (its models,
 * arbitrary, the classes its code must use) and adds its own tests beside these.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexity, layers, scale, toTorchvision, zooModel, type ModelSpec, type ZooName } from '../../src/index.js';
import { walk } from '../../src/network/count.js';
import { ModuleWriter } from '../../src/torch/modules.js';
import { atResolution } from '../specs.js';
import { countTorchCodes, TORCH_MISSING, type TorchCount, type TorchJob } from './torch.js';
import { fixtureRows, layerRows, torchvisionFixture } from './torchvision-fixtures.js';

/**
 * Per zoo model: at the crop size of torchvision's default weights, and at every fixture size equal to
 * torchvision's hook counts, in total, module by module and in output shapes.
 */
export function describeZooAgainstTorchvision(models: readonly ZooName[]): void {
  describe.each(models)('%s', (name) => {
    const fixture = torchvisionFixture(name);
    const spec = zooModel(name);

    it("is at the crop size of torchvision's default weights", () => {
      expect(fixture.cropSize).toBe(224);
      expect(spec.resolution).toEqual({ train: fixture.cropSize, test: fixture.cropSize });
    });

    it.each(fixture.runs.map((run) => run.imageSize))("at %i px equals torchvision's hook counts, in total and module by module", (size) => {
      const atSize = atResolution(spec, size);
      const run = fixture.runs.find((r) => r.imageSize === size)!;
      expect(complexity(atSize)).toEqual(run.totals);
      const rows = layers(atSize);
      expect(layerRows(rows)).toEqual(fixtureRows(fixture, size));
      // Output shapes of the counted modules (batch 1 dropped; the classifier's linears see [N, C]).
      rows.forEach((row, i) => {
        const shape = run.layers[i]![2];
        const output = row.op === 'linear' ? row.output.slice(0, 1) : row.output;
        if (shape !== null) expect([row.name, ...output]).toEqual([row.name, ...shape.slice(1)]);
      });
    });
  });
}

/**
 * "the description": on random specs, the layer rows add up to complexity and depthwise convs stay
 * depthwise; `familyTests` registers the family's own tests in the same block.
 */
export function describeDescription(specs: fc.Arbitrary<ModelSpec>, familyTests: () => void): void {
  describe('the description', () => {
    it('counts what it lists: the layer rows add up to complexity (the stage shortcut equals the full walk)', () => {
      fc.assert(
        fc.property(specs, (spec) => {
          const rows = layers(spec);
          const sum = (key: 'flops' | 'params' | 'acts') => rows.reduce((total, row) => total + row[key], 0);
          expect({ flops: sum('flops'), params: sum('params'), acts: sum('acts') }).toEqual(complexity(spec));
        }),
        { numRuns: 200 },
      );
    });

    it('keeps every depthwise conv depthwise: groups = input = output channels', () => {
      fc.assert(
        fc.property(specs, (spec) => {
          for (const row of layers(spec)) {
            if (row.op !== 'conv' || row.groups === 1) continue;
            expect(row.groups).toBe(row.output[0]);
            expect(row.params).toBe(row.kernel! * row.kernel! * row.output[0]!);
          }
        }),
        { numRuns: 100 },
      );
    });

    familyTests();
  });
}

/** A spec with the words its tests are titled by. */
export interface LabelledSpec {
  readonly label: string;
  readonly spec: ModelSpec;
}

/** Scaling strategies and factors the PyTorch checks scale zoo models by. */
const STRATEGIES = ['d', 'w', 'r', 'dwr', 'dWr'] as const;
const FACTORS = [2, 4, 16];
/** Image sizes besides the crop size that torchvision's fixtures were counted at. */
const OTHER_SIZES = [160, 288];

/** Jobs a family adds to the one PyTorch run, and its tests of their counts. */
export interface ExtraTorchTests {
  /**
   * Called while the jobs are listed: `add` queues a job (a function writing it, called when a test asks for
   * its count) and returns its index; `count(index)` gives its count, in a test only.
   */
  (add: (job: () => TorchJob) => number, count: (job: number) => TorchCount): void;
}

/** What {@link describeToTorchvision} needs to know of a family. */
export interface TorchvisionFamily {
  /** As titles name it: `MobileNet`, `MNASNet`. */
  readonly family: string;
  readonly zoo: readonly ZooName[];
  /** The zoo test's title words after the model name, and what the zoo model's code must match. */
  readonly zooClass: { readonly title: string; readonly code: (name: ZooName) => RegExp };
  /** Zoo models scaled by every strategy and factor. */
  readonly scaledFrom: readonly ZooName[];
  /** Specs torchvision's classes build, through their less common paths (`pattern`: the code's call). */
  readonly buildable?: readonly (LabelledSpec & { readonly pattern: RegExp })[];
  /** Specs torchvision's classes cannot build: the generic module writer writes them. */
  readonly unbuildable: readonly LabelledSpec[];
  /** The family's torchvision classes, which the code of an unbuildable spec must not call. */
  readonly ownClasses: RegExp;
  readonly random: { readonly specs: fc.Arbitrary<ModelSpec>; readonly seed: number; readonly numRuns: number };
  /** The family's own tests, run after the zoo tests. */
  readonly extra?: ExtraTorchTests;
}

/** The network module by module (the generic writer), whatever the family's own code would be. */
function moduleByModule(spec: ModelSpec): string {
  const writer = new ModuleWriter();
  walk(spec, writer);
  return writer.source('written module by module');
}

/** What the hooks saw, as our layer table lists it. */
const rowsOf = (count: TorchCount) => count.modules.map(([name, module, params], i) => [name, module, params, count.layers[i]![0], count.layers[i]![1]]);
const ourRows = (spec: ModelSpec) => layers(spec).map((row) => [row.name, row.module, row.params, row.flops, row.acts]);

/**
 * `toTorchvision` run in PyTorch (skipped, saying why, without torch and torchvision), all codes in one
 * Python process: the zoo models' state dicts equal torchvision's builders' and their counts the
 * fixtures', also at 160 and 288 px; scaled, buildable, unbuildable and random specs count, module by
 * module, as the description does.
 */
export function describeToTorchvision(family: TorchvisionFamily): void {
  const scaled: LabelledSpec[] = family.scaledFrom.flatMap((name) =>
    STRATEGIES.flatMap((strategy) => FACTORS.map((s) => ({ label: `${name} ${strategy} x${s}`, spec: scale(zooModel(name), strategy, s) }))),
  );
  console.log(`random ${family.family} specs drawn with fast-check seed ${family.random.seed}`);
  const random = fc.sample(family.random.specs, { seed: family.random.seed, numRuns: family.random.numRuns });

  describe.skipIf(TORCH_MISSING !== null)(`toTorchvision(${family.family}) built by PyTorch`, () => {
    // The code is written inside the first test that reads a count, not while the tests are collected: a
    // mutation run switches a mutant on after the tests are collected, so code written then never sees it.
    const jobs: (() => TorchJob)[] = [];
    const add = (job: () => TorchJob): number => jobs.push(job) - 1;
    const atOwnSize = (spec: ModelSpec) => add(() => ({ code: toTorchvision(spec), imageSize: spec.resolution.train }));
    const zooJobs = family.zoo.map((name) => ({
      name,
      own: add(() => ({ code: toTorchvision(zooModel(name)), imageSize: 224, reference: name })),
      generic: add(() => ({ code: moduleByModule(zooModel(name)), imageSize: 224 })),
    }));
    const scaledJobs = scaled.map(({ label, spec }) => ({ label, spec, job: atOwnSize(spec) }));
    const zooSizeJobs = family.zoo.flatMap((name) => OTHER_SIZES.map((size) => ({ name, size, job: add(() => ({ code: toTorchvision(zooModel(name)), imageSize: size })) })));
    const scaledSizeJobs = scaled.flatMap(({ label, spec }) =>
      OTHER_SIZES.map((size) => ({ label: `${label} at ${size} px`, spec: atResolution(spec, size), job: add(() => ({ code: toTorchvision(spec), imageSize: size })) })),
    );
    const buildableJobs = (family.buildable ?? []).map(({ label, spec, pattern }) => ({ label, spec, pattern, job: atOwnSize(spec) }));
    const unbuildableJobs = family.unbuildable.map(({ label, spec }) => ({ label, spec, job: atOwnSize(spec) }));
    const randomJobs = random.map((spec, i) => ({ label: `random spec ${i}`, spec, job: atOwnSize(spec) }));
    let known: TorchCount[] | undefined;
    /**
     * One job's count: the first test to ask writes all the code and runs it in one Python process. Each test
     * also writes its own job's code again, so that Stryker sees which test covers which code.
     */
    const countOf = (job: number): TorchCount => {
      jobs[job]!();
      known ??= countTorchCodes(jobs.map((write) => ({ device: 'meta', ...write() })));
      return known[job]!;
    };
    // The first test pays for the whole batch.
    const BATCH = 900_000;

    it.each(zooJobs)(`$name: ${family.zooClass.title}, with the builder's state dict keys and shapes and its counts`, ({ name, own }) => {
      const count = countOf(own);
      expect(toTorchvision(zooModel(name))).toMatch(family.zooClass.code(name));
      expect(count.stateDict).toEqual(count.reference!.stateDict);
      expect(count.totals).toEqual(torchvisionFixture(name).runs[0]!.totals);
      expect(rowsOf(count)).toEqual(ourRows(zooModel(name)));
    }, BATCH);

    it.each(zooJobs)('$name: written module by module, the same state dict and counts', ({ own, generic }) => {
      expect(countOf(generic).stateDict).toEqual(countOf(own).stateDict);
      expect(countOf(generic).totals).toEqual(countOf(own).totals);
    }, BATCH);

    family.extra?.(add, countOf);

    it.each(zooSizeJobs)("$name at $size px: the emitted code counts as torchvision's builder, in total and module by module", ({ name, size, job }) => {
      const fixture = torchvisionFixture(name);
      expect(countOf(job).totals).toEqual(fixture.runs.find((run) => run.imageSize === size)!.totals);
      expect(rowsOf(countOf(job))).toEqual(fixtureRows(fixture, size));
    }, BATCH);

    it.each(scaledSizeJobs)('$label: hook counts equal complexity at that resolution, module by module', ({ spec, job }) => {
      expect(countOf(job).totals).toEqual(complexity(spec));
      expect(rowsOf(countOf(job))).toEqual(ourRows(spec));
    }, BATCH);

    it.each(scaledJobs)('$label: hook counts equal complexity, module by module', ({ spec, job }) => {
      expect(countOf(job).totals).toEqual(complexity(spec));
      expect(rowsOf(countOf(job))).toEqual(ourRows(spec));
    }, BATCH);

    if (buildableJobs.length > 0) {
      it.each(buildableJobs)("$label: torchvision's class builds it; hook counts equal complexity, module by module", ({ spec, pattern, job }) => {
        expect(toTorchvision(spec)).toMatch(pattern);
        expect(countOf(job).totals).toEqual(complexity(spec));
        expect(rowsOf(countOf(job))).toEqual(ourRows(spec));
      }, BATCH);
    }

    it.each(unbuildableJobs)('$label: written module by module, counts equal complexity', ({ spec, job }) => {
      expect(toTorchvision(spec)).not.toMatch(family.ownClasses);
      expect(countOf(job).totals).toEqual(complexity(spec));
      expect(rowsOf(countOf(job))).toEqual(ourRows(spec));
    }, BATCH);

    it.each(randomJobs)('$label: hook counts equal complexity, module by module', ({ spec, job }) => {
      expect(countOf(job).totals).toEqual(complexity(spec));
      expect(rowsOf(countOf(job))).toEqual(ourRows(spec));
    }, BATCH);
  });

  describe.skipIf(TORCH_MISSING === null)(`toTorchvision(${family.family}) in PyTorch`, () => {
    it.skip(`skipped: ${TORCH_MISSING ?? ''}`, () => {});
  });
}
