/**
 * Every layer a description emits, parameter-free ones too (activations, permutes, flattens, pools,
 * residual sums), carries the name of a module of the reference's model of that class: torchvision's
 * (test/fixtures/torchvision-module-names.json, scripts/torchvision-module-names.py) or pycls's: the names
 * the ONNX graph and the written PyTorch modules use, and the activation each one applies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zooModel, type ModelSpec, type ZooName } from '../../src/index.js';
import { walk } from '../../src/network/count.js';
import type { Layer, Sink } from '../../src/network/net.js';
import { checkSpec } from '../../src/spec/check.js';

interface ModuleNames {
  readonly models: Readonly<Record<string, readonly [name: string, className: string][]>>;
}

const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/torchvision-module-names.json', import.meta.url), 'utf8')) as ModuleNames;

/** torchvision's class for each layer kind a description names after a module. */
const CLASSES: Readonly<Record<string, readonly string[]>> = {
  conv: ['Conv2d'],
  linear: ['Linear', 'NonDynamicallyQuantizableLinear'],
  maxpool: ['MaxPool2d'],
  avgpool: ['AdaptiveAvgPool2d'],
  flatten: ['Flatten'],
  permute: ['Permute'],
  attention: ['MultiheadAttention'],
  'norm batch': ['BatchNorm2d'],
  'norm layer': ['LayerNorm'],
  'norm layer2d': ['LayerNorm2d'],
  'act relu': ['ReLU'],
  'act relu6': ['ReLU6'],
  'act silu': ['SiLU'],
  'act hardswish': ['Hardswish'],
  'act hardsigmoid': ['Hardsigmoid'],
  'act sigmoid': ['Sigmoid'],
  'act gelu': ['GELU'],
};

/** Ops that stand for no module of their own (joins, token bookkeeping, parameters of a block). */
const SHAPE_ONLY = new Set(['fork', 'swap', 'tokens', 'token', 'scale', 'classToken', 'positionEmbedding']);

/** The layer's kind as {@link CLASSES} keys it. */
const kindOf = (layer: Layer): string => (layer.op === 'act' || layer.op === 'norm' ? `${layer.op} ${layer.kind}` : layer.op);

/** [name, kind] of every layer of the walk, in forward order. */
function layerKinds(spec: ModelSpec): [string, string][] {
  const rows: [string, string][] = [];
  const sink: Sink = { layer: (layer) => void rows.push([layer.name, kindOf(layer)]) };
  walk(checkSpec(spec), sink);
  return rows;
}

/**
 * The layers of `spec`'s walk that do not carry the name of a module of the matching class in `modules`
 * (a model's named_modules(), name to class name): every layer of a kind in {@link CLASSES} must, and every
 * residual sum (`merge`) must be named after its block (`<block>.add`, `<block>.mul` or the block itself).
 * `functional` lists the [name, kind] rows the reference computes without a module (a functional call in
 * `forward`).
 */
export function moduleNameMismatches(spec: ModelSpec, modules: ReadonlyMap<string, string>, functional: readonly (readonly [string, string])[] = []): string[] {
  const allowed = new Set(functional.map(([layer, kind]) => `${layer} ${kind}`));
  const wrong: string[] = [];
  for (const [layer, kind] of layerKinds(spec)) {
    if (allowed.has(`${layer} ${kind}`)) continue;
    const className = modules.get(layer);
    if (kind === 'merge') {
      const block = layer.endsWith('.add') || layer.endsWith('.mul') ? layer.slice(0, -4) : layer;
      if (!modules.has(block)) wrong.push(`${layer} (${kind}): no block ${block}`);
    } else if (CLASSES[kind] === undefined && !SHAPE_ONLY.has(kind)) {
      wrong.push(`${layer} (${kind}): not a kind the reference has`);
    } else if (CLASSES[kind] !== undefined && !CLASSES[kind]!.includes(className ?? '')) {
      wrong.push(`${layer} (${kind}): the reference has ${className ?? 'no such module'}`);
    }
  }
  return wrong;
}

/** {@link moduleNameMismatches} of each torchvision zoo model against torchvision's own modules: none. */
export function describeModuleNames(models: readonly ZooName[], functional: readonly (readonly [string, string])[] = []): void {
  describe("layers carry the names of torchvision's modules, of the matching class", () => {
    it.each(models)('%s', (name) => {
      const modules = new Map(FIXTURE.models[name]!.map(([module, className]) => [module, className]));
      expect(moduleNameMismatches(zooModel(name), modules, functional)).toEqual([]);
    });
  });
}
