/**
 * Every layer a description emits, parameter-free ones too (activations, permutes, flattens, pools,
 * residual sums), carries the name of a module of torchvision's own model of that class
 * (test/fixtures/torchvision-module-names.json, scripts/torchvision-module-names.py): the names the ONNX
 * graph and the written PyTorch modules use, and the activation each one applies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zooModel, type ZooName } from '../../src/index.js';
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

/** The layer's kind as {@link CLASSES} keys it. */
const kindOf = (layer: Layer): string => (layer.op === 'act' || layer.op === 'norm' ? `${layer.op} ${layer.kind}` : layer.op);

/** [name, kind] of every layer of the walk, in forward order. */
function layerKinds(name: ZooName): [string, string][] {
  const rows: [string, string][] = [];
  const sink: Sink = { layer: (layer) => void rows.push([layer.name, kindOf(layer)]) };
  walk(checkSpec(zooModel(name)), sink);
  return rows;
}

/**
 * For each model: every layer of a kind in {@link CLASSES} is a module of that class in torchvision's
 * model, and every residual sum (`merge`) is named after a module (its block, as `<block>.add`). `functional` lists the
 * [name, kind] rows torchvision computes without a module (a functional call in `forward`), each with
 * its reason at the call site.
 */
export function describeModuleNames(models: readonly ZooName[], functional: readonly (readonly [string, string])[] = []): void {
  describe("layers carry the names of torchvision's modules, of the matching class", () => {
    it.each(models)('%s', (name) => {
      const modules = new Map(FIXTURE.models[name]!.map(([module, className]) => [module, className]));
      const allowed = new Set(functional.map(([layer, kind]) => `${layer} ${kind}`));
      const wrong: string[] = [];
      for (const [layer, kind] of layerKinds(name)) {
        if (allowed.has(`${layer} ${kind}`)) continue;
        const className = modules.get(layer);
        if (kind === 'merge') {
          // A residual sum is named after its block (`features.3.add`, or the block itself).
          const block = layer.endsWith('.add') || layer.endsWith('.mul') ? layer.slice(0, -4) : layer;
          if (!modules.has(block)) wrong.push(`${layer} (${kind}): no block ${block}`);
        } else if (CLASSES[kind] === undefined && /^(act|norm) /.test(kind)) {
          wrong.push(`${layer} (${kind}): not a kind torchvision has`);
        } else if (CLASSES[kind] !== undefined && !CLASSES[kind]!.includes(className ?? '')) {
          wrong.push(`${layer} (${kind}): torchvision has ${className ?? 'no such module'}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
