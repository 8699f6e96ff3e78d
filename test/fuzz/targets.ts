/**
 * How to call every export of `fastscale` and `fastscale/onnx` in the fuzz suite: valid arguments (which the
 * worker makes near-valid or replaces with hostile values), regression inputs from issue 9 run first, and
 * what a result must satisfy. A target that fails today because of a finding the core refactor fixes says
 * so in `known`; the suite then expects it to fail, so that the lead flips it once the core lands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as api from '../../src/index.js';
import * as onnx from '../../src/onnx/index.js';
import { hasPyclsConfig } from '../../src/zoo/config.js';
import { mnasNetSpec, mobileNetSpec, modelSpec, SMALL_LIMITS } from '../arbitraries.js';
import { entry, table, TINY_KEYS, tinyVanilla } from '../latency/tables.js';
import type { FastscaleError, ModelSpec } from '../../src/index.js';

/** What one call did. */
export type Outcome = { readonly kind: 'ok'; readonly result: unknown } | { readonly kind: 'typed'; readonly error: FastscaleError };

export interface Target {
  /** Export name (`toOnnx` of `fastscale/onnx` is `onnx.toOnnx`). */
  readonly name: string;
  /** Valid arguments. */
  readonly valid: fc.Arbitrary<readonly unknown[]>;
  readonly call: (...args: unknown[]) => unknown;
  /** Inputs that once failed (issue 9), run before the generated ones. */
  readonly pinned?: readonly (() => unknown[])[];
  /** Generated cases (default 40). */
  readonly runs?: number;
  /** Numbers of a result that must be safe integers >= 0 (counts). */
  readonly counts?: (result: unknown) => readonly unknown[];
  /** Whether a call got past the first checks into the function's real work. */
  readonly reached?: (outcome: Outcome) => boolean;
  /** Least share of generated calls that must reach (default 0.2). */
  readonly minReach?: number;
  /** False for exports that take no caller data worth attacking (error classes, `zooNames`). */
  readonly hostile?: boolean;
  /**
   * Issue-9 findings in the core (the lead's refactor) that make this target fail today, each with an input
   * that shows it at once. They run after the generated inputs; the target's test is expected to fail until
   * the core lands, and is flipped then.
   */
  readonly known?: readonly Known[];
}

export interface Known {
  readonly finding: string;
  readonly input: () => unknown[];
}

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** A zoo spec whose second stage is a hole. */
function sparseStages(name: string): unknown {
  const spec = structuredClone(api.zooModel(name)) as unknown as { stages: unknown[] };
  delete spec.stages[1];
  return spec;
}

/** Findings of issue 9 the core refactor fixes, with inputs that show them in well under a second. */
const CORE = {
  revokedSpec: { finding: 'a revoked Proxy as a spec is a raw TypeError (issue 9, untyped errors)', input: () => [revoked()] },
  unboundedDepth: {
    finding: 'work is not bounded before it is done: a RegNet of depth 1e9 is walked block by block until memory runs out (issue 9, aborts and hangs)',
    input: () => [{ ...api.zooModel('RegNetY-400MF'), depth: 1e9 }],
  },
  sparseStages: {
    finding: 'sparse arrays (stages: [s0, , s2]) are a raw TypeError or pass unchecked (issue 9, untyped errors)',
    input: () => [sparseStages('ResNet-50')],
  },
} as const satisfies Record<string, Known>;
/** A core finding shown through a function whose spec is its first argument, followed by `rest`. */
const withSpec = (known: Known, ...rest: unknown[]): Known => ({ finding: known.finding, input: () => [...known.input(), ...rest] });

const zooNames = api.zooNames();
/** Zoo models with a pycls config of their own (torchvision's models have none). */
const pyclsZooNames = zooNames.filter(hasPyclsConfig);
const zooSpec = fc.constantFrom(...zooNames).map((name) => api.zooModel(name));
/** Small valid specs of every family (fast to count, scale and export) and a few zoo models. */
const smallSpec: fc.Arbitrary<ModelSpec> = fc.oneof(
  { weight: 4, arbitrary: modelSpec(SMALL_LIMITS) },
  { weight: 1, arbitrary: mobileNetSpec(SMALL_LIMITS) },
  { weight: 1, arbitrary: mnasNetSpec(SMALL_LIMITS) },
);
const spec: fc.Arbitrary<ModelSpec> = fc.oneof({ weight: 3, arbitrary: smallSpec }, { weight: 1, arbitrary: zooSpec });
const scalable = (s: ModelSpec) => !(s.family === 'resnet' && s.dataset === 'imagenet' && s.strideOn1x1);
const scalableSpec = spec.filter(scalable);
const strategyText = fc.constantFrom('d', 'w', 'r', 'dw', 'dr', 'wr', 'dwr', 'dWr', 'd1_w8_g8_r1', 'w1_g1', 'g', 'd2_w2_g2_r1');
const strategyObject = fc.constantFrom(...Object.values(api.STRATEGIES)).map((s) => ({ ...s }));
const strategy = fc.oneof(strategyText, strategyObject);
const factor = fc.constantFrom(0.25, 0.5, 1, 2, 4, 8);
const options = fc.constantFrom({}, { policy: 'pycls' }, { policy: 'efficientnet' });
const tiny: ModelSpec = {
  family: 'anynet',
  stem: { type: 'res_stem_cifar', width: 8 },
  blockType: 'res_basic_block',
  stages: [{ depth: 1, width: 8, stride: 1, bottleneckMultiplier: 1, groupWidth: 1 }],
  seRatio: null,
  headWidth: 0,
  numClasses: 10,
  activation: 'relu',
  resolution: { train: 16, test: 16 },
};

/** A hand-made latency table (test/latency/tables.ts): the four parts of a tiny vanilla AnyNet. */
const LATENCY_TABLE = table([entry(TINY_KEYS.stem, 0.02, 'stem'), entry(TINY_KEYS.block8, 0.05), entry(TINY_KEYS.block16, 0.04), entry(TINY_KEYS.head, 0.01, 'head')]);

const complexityCounts = (c: unknown) => Object.values(c as object);
const INTEGER_FIELDS = new Set(['depth', 'width', 'stride', 'groupWidth', 'numClasses', 'train', 'test', 'headWidth', 'stemWidth', 'kernel', 'groups', 'widthPerGroup', 'w0', 'expandedWidth', 'lastChannel', 'separableWidth']);
/** Integer fields of a spec (depths, widths, strides, resolutions...). */
function specCounts(value: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, key));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) walk(v, k);
    else if (INTEGER_FIELDS.has(key)) found.push(node);
  };
  walk(value, '');
  return found;
}
const rowCounts = (rows: unknown) => (rows as { complexity: object }[]).flatMap((row) => Object.values(row.complexity));

/** Got past the argument checks: a result, or an error about something inside an argument. */
const deep = (outcome: Outcome) => outcome.kind === 'ok' || /[.[]/.test(outcome.error.path);

const regNetParameters = fc
  .constantFrom(...zooNames.map((n) => api.zooModel(n)).filter((s) => s.family === 'regnet'))
  .map((s) => (s.family === 'regnet' ? [s.wa, s.w0, s.wm, s.depth, 8] : []));

const yamlText = fc.oneof(
  fc.constantFrom(...pyclsZooNames).map((name) => api.zooConfig(name)),
  // Specs of the families pycls builds (a MobileNet or a fused EfficientNet has no pycls config).
  modelSpec(SMALL_LIMITS)
    .map((s) => {
      try {
        return api.toPyclsConfig(s);
      } catch {
        return null;
      }
    })
    .filter((text): text is string => text !== null),
);

/** Hostile YAML: alias bombs, many documents, many keys, deep nesting, tags, prototype keys. */
export const hostileYaml: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 12 }).map((levels) => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    return lines.join('\n');
  }),
  fc.integer({ min: 2, max: 5 }).map((n) => Array(n).fill('MODEL: {TYPE: regnet}').join('\n---\n')),
  fc.constantFrom(1_000, 20_000, 60_000).map((n) => `MODEL:\n  TYPE: regnet\nOPTIM:\n${Array.from({ length: n }, (_, i) => `  K${i}: ${i}`).join('\n')}`),
  fc.constantFrom(50, 101, 10_000, 120_000).map((n) => `MODEL: ${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constantFrom(50, 101, 10_000, 120_000).map((n) => `${'- '.repeat(n)}x`),
  fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf').map((k) => `MODEL:\n  TYPE: ${k}\n${k}: 1\n`),
  fc.constantFrom('!!float 1', '!!binary aGk=', '!!timestamp 2001-01-01', '!foo x', '*undefined', '&a &b x', '!!set {a}', '<<', '=').map(
    (v) => `MODEL:\n  TYPE: regnet\nREGNET:\n  WA: ${v}\n`,
  ),
  fc.constantFrom('1e9', '1000000000', '1e400', '-1', '0x7fffffff', '"[1, 2]"', "'1j'", '.nan', '.inf').map(
    (v) => `MODEL:\n  TYPE: regnet\nREGNET:\n  DEPTH: ${v}\n`,
  ),
  fc.string({ maxLength: 200 }),
);


/** pycls's example sweeps (test/fixtures/pycls-sweeps), with few samples so that a call is quick. */
const SWEEP_TEXTS = ['cifar_best.yaml', 'cifar_optim.yaml', 'cifar_regnet.yaml'].map((file) =>
  // The worker runs bundled elsewhere, in the repository root: read from there.
  readFileSync(join(process.cwd(), 'test/fixtures/pycls-sweeps', file), 'utf8')
    .replace(/NUM_CONFIGS: \d+/, 'NUM_CONFIGS: 2\n  NUM_SAMPLES: 100\n  CHUNK_SIZE: 50'),
);
const sweepText = fc.constantFrom(...SWEEP_TEXTS);
/** Finished-sweep records: an error, a complexity and a metric each. */
const sweepRecords = fc.array(
  fc.record({
    error: fc.double({ min: 1, max: 60, noNaN: true }),
    complexity: fc.record({ flops: fc.integer({ min: 1e6, max: 1e9 }), params: fc.integer({ min: 1e4, max: 1e8 }), acts: fc.integer({ min: 1e4, max: 1e8 }) }),
    metrics: fc.record({ epoch_time: fc.double({ min: 0.1, max: 100, noNaN: true }) }),
  }),
  { minLength: 4, maxLength: 40 },
);

export const TARGETS: readonly Target[] = [
  // ---- specs and complexity (the core: the lead's refactor) ----
  {
    name: 'validateSpec',
    valid: spec.map((s) => [s]),
    call: (s) => api.validateSpec(s),
    reached: deep,
    known: [CORE.revokedSpec, CORE.sparseStages],
  },
  {
    name: 'complexity',
    valid: spec.map((s) => [s]),
    call: (s) => api.complexity(s as ModelSpec),
    counts: complexityCounts,
    reached: deep,
    known: [CORE.revokedSpec, CORE.sparseStages, CORE.unboundedDepth],
  },
  {
    name: 'generateRegNet',
    valid: regNetParameters,
    call: (wa, w0, wm, depth, q) => api.generateRegNet(wa as number, w0 as number, wm as number, depth as number, q as number),
    counts: (r) => [...(r as { widths: number[] }).widths, ...(r as { depths: number[] }).depths],
    reached: (o) => o.kind === 'ok' || /[.[]|depth|wa|w0|wm|q/.test(o.error.path),
    known: [{ finding: 'generateRegNet(wa, w0, wm, depth) walks one block at a time: depth 1e9 runs out of memory (issue 9, aborts and hangs)', input: () => [36.44, 24, 2.49, 1e9, 8] }],
  },
  {
    name: 'adjustBlockCompatibility',
    valid: fc.array(fc.record({ width: fc.integer({ min: 1, max: 512 }), bottleneckMultiplier: fc.constantFrom(0.25, 0.5, 1, 2, 4), groupWidth: fc.integer({ min: 1, max: 64 }) }), { minLength: 1, maxLength: 5 }).map((stages) => [stages]),
    call: (stages) => api.adjustBlockCompatibility(stages as never),
    counts: (r) => (r as { width: number; groupWidth: number }[]).flatMap((s) => [s.width, s.groupWidth]),
    reached: deep,
    known: [{ finding: 'adjustBlockCompatibility(null) is a raw TypeError (issue 9, untyped errors)', input: () => [null] }],
  },
  {
    name: 'toAnyNet',
    valid: spec.map((s) => [s]),
    call: (s) => api.toAnyNet(s as ModelSpec),
    counts: specCounts,
    reached: deep,
    known: [CORE.revokedSpec, CORE.sparseStages],
  },
  {
    name: 'estimateActivationMemory',
    valid: fc.tuple(spec, fc.constantFrom({}, { bytesPerElement: 2 }, { training: true })),
    call: (s, o) => api.estimateActivationMemory(s as ModelSpec, o as never),
    reached: deep,
    known: [withSpec(CORE.revokedSpec, {}), withSpec(CORE.sparseStages, {})],
  },
  // ---- pycls configs and the zoo ----
  {
    name: 'fromPyclsConfig',
    valid: fc.oneof({ weight: 2, arbitrary: yamlText }, { weight: 1, arbitrary: hostileYaml }).map((t) => [t]),
    call: (text) => api.fromPyclsConfig(text as string),
    counts: specCounts,
    pinned: [
      () => ['MODEL:\n  TYPE: toString\n'],
      () => [`MODEL:\n  TYPE: regnet\nOPTIM:\n${Array.from({ length: 100_000 }, (_, i) => `  K${i}: ${i}`).join('\n')}`],
    ],
    // Got past the type check into the YAML reader or the config.
    reached: (o) => o.kind === 'ok' || !/is not a YAML string$/.test(o.error.reason),
    runs: 60,
  },
  {
    name: 'toPyclsConfig',
    valid: fc.tuple(spec, fc.oneof(fc.constant({}), fc.constantFrom(...pyclsZooNames).map((n) => ({ template: api.zooConfig(n) })), hostileYaml.map((template) => ({ template })))),
    call: (s, o) => api.toPyclsConfig(s as ModelSpec, o as never),
    pinned: [() => [api.zooModel('ResNet-50'), null], () => [api.zooModel('ResNet-50'), { template: 42 }]],
    reached: (o) => o.kind === 'ok' || o.error.path !== '',
    known: [withSpec(CORE.revokedSpec, {})],
  },
  { name: 'zooNames', valid: fc.constant([]), call: () => api.zooNames(), hostile: false },
  {
    name: 'zooModel',
    valid: fc.constantFrom(...zooNames).map((n) => [n]),
    call: (n) => api.zooModel(n as string),
    counts: specCounts,
    pinned: [() => ['x'.repeat(10_000_000)]],
    reached: (o) => o.kind === 'ok' || o.error.reason.includes('closest'),
  },
  {
    name: 'zooConfig',
    valid: fc.constantFrom(...pyclsZooNames).map((n) => [n]),
    call: (n) => api.zooConfig(n as string),
    pinned: [() => ['x'.repeat(10_000_000)]],
    reached: (o) => o.kind === 'ok' || o.error.reason.includes('closest'),
  },
  { name: 'isZooName', valid: fc.constantFrom(...zooNames).map((n) => [n]), call: (n) => api.isZooName(n), reached: () => true },
  // ---- strategies and factors ----
  {
    name: 'parseStrategy',
    valid: fc.oneof(strategyText, fc.stringMatching(/^[dwgr][0-9.e+-]{0,6}(_[dwgr][0-9.e+-]{0,6}){0,3}$/)).map((t) => [t]),
    call: (t) => api.parseStrategy(t as string),
    pinned: [() => ['d'.repeat(10_000_000)], () => ['d1e308_w1e308_r1e308']],
    reached: (o) => o.kind === 'ok' || !/is not a strategy string|MAX_STRATEGY_LENGTH/.test(o.error.reason),
  },
  { name: 'formatStrategy', valid: strategyObject.map((s) => [s]), call: (s) => api.formatStrategy(s as never), reached: deep },
  {
    name: 'fastCompound',
    valid: fc.double({ min: 0, max: 1, noNaN: true }).map((a) => [a]),
    call: (a) => api.fastCompound(a as number),
    reached: (o) => o.kind === 'ok',
  },
  {
    name: 'scalingFactors',
    valid: fc.tuple(strategyObject, factor),
    call: (s, f) => api.scalingFactors(s as never, f as number),
    pinned: [() => [{ d: 0, w: 0, g: 5e-324, r: 0 }, 2], () => [{ d: 1e308, w: 1e308, g: 0, r: 1e308 }, 2], () => [{ d: 2e-7, w: 0, g: 1, r: 0 }, 4]],
    reached: deep,
  },
  { name: 'complexityExponents', valid: strategyObject.map((s) => [s]), call: (s) => api.complexityExponents(s as never), reached: deep },
  { name: 'vitComplexityExponents', valid: strategyObject.map((s) => [s]), call: (s) => api.vitComplexityExponents(s as never), reached: deep },
  // ---- scaling ----
  {
    name: 'scale',
    valid: fc.tuple(scalableSpec, strategy, factor, options),
    call: (s, st, f, o) => api.scale(s as ModelSpec, st as never, f as number, o as never),
    counts: specCounts,
    pinned: [() => [api.zooModel('RegNetX-200MF'), { d: 1e308, w: 1e308, g: 0, r: 0 }, 4]],
    reached: deep,
    known: [withSpec(CORE.revokedSpec, 'd', 2), withSpec(CORE.sparseStages, 'd', 2)],
  },
  {
    name: 'fastScale',
    valid: fc.tuple(scalableSpec, factor, fc.constantFrom(0, 0.5, 0.8, 1), options),
    call: (s, f, a, o) => api.fastScale(s as ModelSpec, f as number, a as number, o as never),
    counts: specCounts,
    reached: deep,
    known: [withSpec(CORE.revokedSpec, 2), withSpec(CORE.sparseStages, 2)],
  },
  {
    name: 'applyScalingFactors',
    valid: fc.tuple(scalableSpec, fc.record({ d: factor, w: factor, g: factor, r: factor }), options),
    call: (s, f, o) => api.applyScalingFactors(s as ModelSpec, f as never, o as never),
    counts: specCounts,
    reached: deep,
    known: [withSpec(CORE.revokedSpec, { d: 2, w: 1, g: 1, r: 1 }), withSpec(CORE.sparseStages, { d: 2, w: 1, g: 1, r: 1 })],
  },
  {
    name: 'efficientNetCompound',
    valid: fc.tuple(fc.constant(api.zooModel('EfficientNet-B0')), fc.constantFrom('B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7')),
    call: (s, v) => api.efficientNetCompound(s as ModelSpec, v as never),
    counts: specCounts,
    reached: deep,
    known: [withSpec(CORE.revokedSpec, 'B1'), { finding: CORE.sparseStages.finding, input: () => [sparseStages('EfficientNet-B0'), 'B1'] }],
  },
  // ---- analysis ----
  {
    name: 'pearson',
    valid: fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }), fc.array(fc.integer(), { minLength: n, maxLength: n }))),
    call: (xs, ys) => api.pearson(xs as number[], ys as number[]),
    pinned: [() => [[0, 1.5e308, 1e308], [1, 3, 2]], () => [[1, , 3], [1, 2, 3]]],
    // Constant series are refused by design: reaching the arithmetic is what counts.
    reached: (o) => o.kind === 'ok' || /\[\d+\]|constant/.test(o.error.message),
  },
  {
    name: 'fitLinear',
    valid: fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.array(fc.integer(), { minLength: n, maxLength: n }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }))),
    call: (xs, ys) => api.fitLinear(xs as number[], ys as number[]),
    reached: (o) => o.kind === 'ok' || /\[\d+\]|constant|double precision/.test(o.error.message),
  },
  {
    name: 'correlateRuntime',
    valid: fc.array(fc.tuple(zooSpec, fc.double({ min: 0.001, max: 1, noNaN: true })), { minLength: 3, maxLength: 6 }).map((pairs) => [pairs.map(([s, seconds]) => ({ spec: s, seconds }))]),
    call: (samples) => api.correlateRuntime(samples as never),
    reached: deep,
    runs: 25,
    pinned: [() => [[{ spec: revoked(), seconds: 1 }, { spec: api.zooModel('ResNet-50'), seconds: 2 }]]],
    known: [
      {
        finding: 'a revoked Proxy inside a spec (here its stem) is a raw TypeError (issue 9, untyped errors)',
        input: () => [[1, 2, 3].map((seconds) => ({ spec: { ...api.zooModel('ResNet-50'), stem: revoked() }, seconds }))],
      },
    ],
  },
  {
    name: 'sweep',
    valid: fc.tuple(scalableSpec, fc.record({ strategies: fc.array(strategy, { minLength: 1, maxLength: 3 }), factors: fc.array(factor, { minLength: 1, maxLength: 3 }) })),
    call: (s, o) => api.sweep(s as ModelSpec, o as never),
    counts: rowCounts,
    reached: deep,
    runs: 25,
    known: [withSpec(CORE.revokedSpec, { factors: [2] }), withSpec(CORE.sparseStages, { factors: [2] })],
  },
  {
    name: 'compareStrategies',
    valid: fc.tuple(scalableSpec, factor, fc.array(strategy, { minLength: 1, maxLength: 4 })),
    call: (s, f, st) => api.compareStrategies(s as ModelSpec, f as number, st as never),
    counts: rowCounts,
    pinned: [() => [api.zooModel('RegNetX-200MF'), 2, ['d', , 'w']]],
    reached: deep,
    runs: 25,
    known: [withSpec(CORE.revokedSpec, 2), withSpec(CORE.sparseStages, 2)],
  },
  {
    name: 'scaleToTarget',
    valid: fc.tuple(
      fc.constantFrom('RegNetX-200MF', 'RegNetY-400MF', 'ResNet-50', 'EfficientNet-B0').map((n) => api.zooModel(n)),
      fc.constantFrom({ flops: 1e9 }, { flops: 4e8 }, { params: 1e7 }, { acts: 1e7 }),
      fc.constantFrom('dWr', 'w', 'dwr', 'd1_w8_g8_r1'),
    ),
    call: (s, t, st) => api.scaleToTarget(s as ModelSpec, t as never, st as never),
    counts: (r) => Object.values((r as { complexity: object }).complexity),
    reached: deep,
    runs: 15,
    known: [
      withSpec(CORE.revokedSpec, { flops: 1e9 }, 'dWr'),
      withSpec(CORE.sparseStages, { flops: 1e9 }, 'dWr'),
      { finding: 'scaleToTarget lists every rounding step without a bound: { acts: 13e6 } with w1_g10 runs out of memory (issue 9, aborts and hangs)', input: () => [api.zooModel('RegNetX-200MF'), { acts: 13e6 }, 'w1_g10'] },
    ],
  },
  // ---- layer table and PyTorch code (interpreters of the same description as complexity) ----
  {
    name: 'layers',
    valid: spec.map((s) => [s]),
    call: (s) => api.layers(s as ModelSpec),
    counts: (rows) => (rows as { flops: number; params: number; acts: number }[]).flatMap((row) => [row.flops, row.params, row.acts]),
    reached: deep,
    runs: 25,
    pinned: [CORE.revokedSpec.input, CORE.sparseStages.input, () => [{ ...tiny, stages: [{ ...tiny.stages[0], depth: 1_000_000 }] }]],
  },
  {
    name: 'toTorchvision',
    valid: spec.map((s) => [s]),
    call: (s) => api.toTorchvision(s as ModelSpec),
    reached: deep,
    runs: 25,
    pinned: [CORE.revokedSpec.input, CORE.sparseStages.input, () => [{ ...tiny, stages: [{ ...tiny.stages[0], depth: 1_000_000 }] }]],
  },
  // ---- design-space sweeps ----
  {
    name: 'loadSweepConfig',
    valid: fc.oneof(sweepText.map((t) => [t]), hostileYaml.map((t) => [t])),
    call: (text) => api.loadSweepConfig(text as string),
    reached: (o) => o.kind === 'ok' || o.error.path !== '',
    minReach: 0.1,
  },
  {
    name: 'sampleConfigs',
    // A sweep config is taken only as loadSweepConfig made it (a changed copy is refused), so the worker's
    // near-valid variations are made on the sweep file's text.
    valid: fc.tuple(sweepText, fc.nat({ max: 2 ** 32 - 1 }), fc.constantFrom({ chunkSize: 20 }, { chunkSize: 50 })),
    call: (text, seed, o) => api.sampleConfigs(api.loadSweepConfig(text as string), seed as number, o as never),
    reached: deep,
    runs: 10,
  },
  {
    name: 'setupSweep',
    valid: fc.tuple(sweepText, fc.constantFrom({ numProc: 1 }, { numProc: 2 })),
    call: (text, o) => api.setupSweep(api.loadSweepConfig(text as string), o as never),
    reached: deep,
    runs: 4,
  },
  {
    name: 'toYacsYaml',
    valid: fc.constant(null).map(() => [api.sampleConfigs(api.loadSweepConfig(SWEEP_TEXTS[2]!), 1, { chunkSize: 40 })[0]?.config]),
    call: (config) => api.toYacsYaml(config as never),
    // A config's top-level keys are paths without a dot (MODEL, OPTIM): any path is inside the argument.
    reached: (o) => o.kind === 'ok' || o.error.path !== '',
    runs: 20, // at 5, some seeds drew only hostile inputs

  },
  {
    name: 'RandomState',
    valid: fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 4 })).map((seed) => [seed]),
    call: (seed) => {
      const rs = new api.RandomState(seed as never);
      return [rs.randomSample(), rs.randint(0, 10), rs.normal(0, 1), rs.uniform(0, 1)];
    },
    reached: (o) => o.kind === 'ok',
  },
  { name: 'pythonRepr', valid: fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null)).map((v) => [v]), call: (v) => api.pythonRepr(v as never) },
  { name: 'pythonStr', valid: fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null)).map((v) => [v]), call: (v) => api.pythonStr(v as never) },
  {
    name: 'sampleKey',
    valid: fc.array(fc.tuple(fc.constantFrom('REGNET.DEPTH', 'OPTIM.BASE_LR'), fc.oneof(fc.double({ noNaN: true }), fc.bigInt({ min: -1000n, max: 1000n }))), { minLength: 1, maxLength: 3 }).map((pairs) => [pairs]),
    call: (params) => api.sampleKey(params as never),
    reached: (o) => o.kind === 'ok' || o.error.path !== '',
    minReach: 0.05,
  },
  ...(['errorEdf', 'normalizedErrorEdf'] as const).map((name) => ({
    name,
    valid: sweepRecords.map((records) => [records]),
    call: (records: unknown) => api[name](records as never),
    reached: deep,
  })),
  {
    name: 'metricValues',
    valid: fc.tuple(sweepRecords, fc.constantFrom('flops', 'params', 'acts', 'epoch_time')),
    call: (records, metric) => api.metricValues(records as never, metric as string),
    reached: deep,
  },
  {
    name: 'getFilters',
    valid: fc.tuple(sweepRecords, fc.constantFrom(['flops'], ['epoch_time'], ['flops', 'acts'])),
    call: (records, metrics) => api.getFilters(records as never, metrics as never),
    reached: deep,
    runs: 15,
  },
  {
    name: 'applyFilters',
    valid: sweepRecords.map((records) => [records, api.getFilters(records, ['flops'])]),
    // It returns the caller's own records that pass (their extra fields included): the count is checked.
    call: (records, filters) => api.applyFilters(records as never, filters as never).length,
    reached: deep,
  },
  ...(['edfChart', 'metricChart', 'trendChart'] as const).map((name) => ({
    name,
    valid: sweepRecords.map((records) => [[{ name: 'a', records }, { name: 'b', records }], 'flops']),
    call: (series: unknown, metric: unknown) => (name === 'edfChart' ? api.edfChart(series as never) : api[name](series as never, metric as string)),
    reached: deep,
  })),
  // ---- charts (another helper's) ----
  {
    name: 'scalingChart',
    valid: fc.tuple(fc.constant(api.compareStrategies(api.zooModel('RegNetX-200MF'), 2).map((r) => ({ name: r.name, factor: r.factor, complexity: r.complexity }))), fc.constantFrom({}, { metric: 'params' }, { title: 't', width: 300 })),
    call: (rows, o) => api.scalingChart(rows as never, o as never),
    reached: deep,
    known: [
      {
        finding: "scalingChart(rows, null) is a raw TypeError (issue 9, untyped errors; src/plot is the CLI helper's)",
        input: () => [[{ name: 'd', factor: 1, complexity: { flops: 1, params: 1, acts: 1 } }, { name: 'd', factor: 2, complexity: { flops: 2, params: 2, acts: 2 } }], null],
      },
    ],
  },
  {
    name: 'runtimeChart',
    valid: fc.tuple(fc.constant(zooNames.slice(0, 5).map((n, i) => ({ name: n, seconds: 0.01 * (i + 1), complexity: api.complexity(api.zooModel(n)) }))), fc.constantFrom({}, { title: 't', width: 300 })),
    call: (points, o) => api.runtimeChart(points as never, o as never),
    reached: deep,
    known: [
      {
        finding: "runtimeChart(points, null) is a raw TypeError (issue 9, untyped errors; src/plot is the CLI helper's)",
        input: () => [[1, 2, 3].map((i) => ({ name: `m${i}`, seconds: i, complexity: { flops: i, params: i, acts: i } })), null],
      },
    ],
  },
  // ---- fastscale/onnx ----
  {
    name: 'onnx.toOnnx',
    // Export writes every weight: its work is O(params), so the generated networks are kept small (a wide
    // ResNet-101 has 150 million weights to draw and encode; that takes seconds, correctly).
    valid: fc.tuple(smallSpec.filter((s) => api.complexity(s).params < 4e6), fc.constantFrom({}, { seed: 3 }, { foldBatchNorm: true }, { opset: 22, exposeActivations: true })),
    // Near-valid variations can make a large network (a million classes): exporting it is correct and
    // O(params), seconds of work on a loaded machine, so those are counted (bounded) but not exported.
    call: (s, o) => (api.complexity(s as ModelSpec).params > 8e6 ? api.complexity(s as ModelSpec) : onnx.toOnnx(s as ModelSpec, o as never)),
    reached: deep,
    runs: 25,
    known: [
      withSpec(CORE.revokedSpec, {}),
      withSpec(CORE.sparseStages, {}),
      { finding: 'toOnnx of an AnyNet of depth 1e6 builds the whole graph before its 2 GiB check (issue 9, aborts and hangs)', input: () => [{ ...tiny, stages: [{ ...tiny.stages[0], depth: 1_000_000 }] }] },
    ],
  },
  {
    name: 'onnx.measureLatency',
    valid: fc.tuple(fc.constant(tiny), fc.constantFrom({ runs: 1, warmup: 0 }, { runs: 1, warmup: 0, batchSize: 2, seed: 1 })),
    call: (s, o) => onnx.measureLatency(s as ModelSpec, o as never),
    pinned: [() => [tiny, { threads: 5000 }], () => [tiny, { threads: 2 ** 53 - 1 }], () => [tiny, { batchSize: 1e8 }], () => [{ ...tiny, resolution: { train: 2 ** 20, test: 2 ** 20 } }]],
    reached: deep,
    runs: 15,
    known: [withSpec(CORE.revokedSpec, {}), withSpec(CORE.sparseStages, {})],
  },
  {
    name: 'onnx.measureScaling',
    valid: fc.tuple(fc.constant(tiny), fc.constantFrom({ factors: [1], strategies: ['w'], runs: 1, warmup: 0 }, { factors: [1, 2], strategies: ['d'], runs: 1, warmup: 0 })),
    call: (s, o) => onnx.measureScaling(s as ModelSpec, o as never),
    counts: (rows) => (rows as { complexity: object }[]).flatMap((row) => Object.values(row.complexity)),
    reached: deep,
    runs: 10,
    known: [withSpec(CORE.revokedSpec, { factors: [1], strategies: ['w'] }), withSpec(CORE.sparseStages, { factors: [1], strategies: ['w'] })],
  },
  // ---- error classes: constructed with the strings the library passes them ----
  ...(['FastscaleError', 'SpecError', 'ScalingError', 'AnalysisError'] as const).map((name) => ({
    name,
    valid: fc.tuple(fc.string(), fc.string()),
    call: (path: unknown, reason: unknown) => new api[name](path as string, reason as string),
    hostile: false,
  })),
  // ---- latency ----
  {
    name: 'predictLatency',
    valid: fc.tuple(fc.oneof(spec, fc.constant(tinyVanilla as ModelSpec)), fc.constant(LATENCY_TABLE), fc.constantFrom({}, { threads: 1 }, { batchSize: 1, threads: 1, executionProvider: 'cpu' })),
    call: (s, t, o) => api.predictLatency(s as ModelSpec, t as api.LatencyTable, o as never),
    reached: deep,
    known: [withSpec(CORE.revokedSpec, LATENCY_TABLE, {}), withSpec(CORE.sparseStages, LATENCY_TABLE, {})],
  },
  {
    name: 'readLatencyTable',
    valid: fc.constant([LATENCY_TABLE]),
    call: (t) => api.readLatencyTable(t),
    reached: (o) => o.kind === 'ok' || o.error.path !== '',
  },
  {
    name: 'paretoFront',
    // The objectives are functions (not cloneable): the generated arguments are the rows and the goal of
    // the second objective.
    valid: fc.tuple(
      fc.array(fc.record({ flops: fc.double({ min: 0, max: 1e12, noNaN: true }), accuracy: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 50 }),
      fc.constantFrom('max', 'min'),
    ),
    // The front is made of the caller's own rows (by design, like Array.filter): checked as their indices.
    call: (rows, goal) => {
      const given = rows as { flops: number; accuracy: number }[];
      return api.paretoFront(given, [(row) => row.flops, { value: (row) => row.accuracy, goal: goal as 'max', name: 'accuracy' }]).map((row) => given.indexOf(row));
    },
    reached: deep,
  },
  {
    name: 'latencyChart',
    valid: fc.tuple(
      fc.array(fc.record({ name: fc.string({ maxLength: 20 }), predicted: fc.double({ min: 1e-3, max: 1e3, noNaN: true }), measured: fc.double({ min: 1e-3, max: 1e3, noNaN: true }) }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom({}, { unit: 'ms' }),
    ),
    call: (points, options) => api.latencyChart(points as api.LatencyPoint[], options as never),
    reached: deep,
  },
  {
    name: 'onnx.buildLatencyTable',
    valid: fc.tuple(fc.constant([tiny]), fc.constantFrom({ runs: 1, warmup: 0 }, { runs: 2, warmup: 0, threads: 1 })),
    call: (models, options) => onnx.buildLatencyTable(models as ModelSpec[], options as never),
    pinned: [() => [[tiny], { threads: 5000 }], () => [[tiny], { runs: 2 ** 53 - 1 }], () => [Array(10_000).fill(tiny), {}]],
    reached: deep,
    runs: 8,
  },
  { name: 'LatencyTableError', valid: fc.tuple(fc.string(), fc.string()), call: (path, reason) => new api.LatencyTableError(path as string, reason as string), hostile: false },
  { name: 'SweepError', valid: fc.tuple(fc.string(), fc.string()), call: (path, reason) => new api.SweepError(path as string, reason as string), hostile: false },
  { name: 'onnx.OnnxError', valid: fc.tuple(fc.string(), fc.string()), call: (path, reason) => new onnx.OnnxError(path as string, reason as string), hostile: false },
];

/** Exports that are data, not functions: checked to be primitives or deeply frozen. */
export const CONSTANTS = [
  'LIMITS',
  'STRATEGIES',
  'EFFICIENTNET_COEFFICIENTS',
  'MAX_YAML_LENGTH',
  'MAX_YAML_NODES',
  'MAX_YAML_ALIASES',
  'MAX_YAML_DEPTH',
  'MAX_STRATEGY_LENGTH',
  'MAX_SERIES_LENGTH',
  'MAX_STRATEGIES',
  'onnx.DEFAULT_OPSET',
  'onnx.MIN_OPSET',
  'onnx.MAX_OPSET',
  'onnx.LATENCY_LIMITS',
  'LATENCY_TABLE_FORMAT',
  'LATENCY_TABLE_VERSION',
];
