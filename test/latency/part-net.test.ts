/**
 * The walk prediction cuts networks with (PartNet) against the layer-record walk the table builder uses
 * (networkParts): the same parts, codes that are equal exactly where keys are, and op-type features that
 * add up to the part's counts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zooModel, zooNames, type ModelSpec } from '../../src/index.js';
import { FEATURE_NAMES, FEATURES, NODES, OP_TYPE, OP_TYPES } from '../../src/latency/features.js';
import { replayKey } from '../../src/latency/key.js';
import { cutNetwork, walkParts } from '../../src/latency/part-net.js';
import { networkParts } from '../../src/latency/parts.js';
import type { Layer } from '../../src/network/net.js';
import { checkSpec } from '../../src/spec/check.js';
import { realisticSpec } from '../arbitraries.js';

/** A part as the prediction walk hands it, copied out of the walk's buffers. */
type Cut = { readonly kind: string; readonly label: string; readonly repeats: number; readonly codes: Int32Array; readonly hash: number; readonly features: Float64Array };

function cut(spec: ModelSpec): Cut[] {
  const parts: Cut[] = [];
  cutNetwork(spec, (kind, repeats, label, codes, hash, features) => parts.push({ kind, label, repeats, codes: codes.copy(), hash, features: features.slice() }));
  return parts;
}

/** The codes, hash and features of a key, replayed as the compiled table does. */
function replayed(key: string): Cut {
  let result: Cut | undefined;
  walkParts(
    (kind, repeats, label, codes, hash, features) => {
      expect(result).toBeUndefined(); // a key is one part
      result = { kind, label, repeats, codes: codes.copy(), hash, features: features.slice() };
    },
    (makeNet) => replayKey(key, null, 'key', makeNet),
  );
  return result!;
}

const FLOPS_COLUMNS = FEATURE_NAMES.flatMap((name, j) => (name.endsWith(' flops') ? [j] : []));

/** Runtime nodes of a part by the feature definitions: every layer but forks, swaps and batch norms (folded). */
function nodes(layers: readonly Layer[]): number {
  return layers.filter((l) => l.op !== 'fork' && l.op !== 'swap' && !(l.op === 'norm' && l.kind === 'batch')).length;
}

function checkAgainstLayerWalk(spec: ModelSpec): void {
  const checked = checkSpec(spec);
  const parts = networkParts(checked);
  const cuts = cut(checked);
  expect(cuts.map((c) => [c.kind, c.label, c.repeats])).toEqual(parts.map((p) => [p.kind, p.label, p.repeats]));
  parts.forEach((part, i) => {
    const own = cuts[i]!;
    const fromKey = replayed(part.key);
    expect(Array.from(own.codes)).toEqual(Array.from(fromKey.codes));
    expect(own.hash).toBe(fromKey.hash);
    expect(Array.from(own.features)).toEqual(Array.from(fromKey.features));
    expect(own.features).toHaveLength(FEATURES);
    // The flops columns hold every multiply-add of the part; the node column counts its runtime nodes.
    const net = replayKey(part.key, null, 'key');
    expect(FLOPS_COLUMNS.reduce((sum, j) => sum + own.features[j]!, 0)).toBe(net.flops);
    expect(own.features[NODES]).toBe(nodes(part.layers));
  });
}

describe('cutNetwork (the prediction walk)', () => {
  it('cuts every zoo model as networkParts does, with the codes and features of its keys', () => {
    for (const name of zooNames()) checkAgainstLayerWalk(zooModel(name));
  });

  it('cuts random valid specs as networkParts does', () => {
    fc.assert(
      fc.property(realisticSpec, (spec) => checkAgainstLayerWalk(spec)),
      { numRuns: 60 },
    );
  });

  it('gives parts equal codes exactly where their keys are equal, across the zoo', () => {
    const keyOf = new Map<string, string>();
    const codesOf = new Map<string, string>();
    for (const name of zooNames()) {
      const checked = checkSpec(zooModel(name));
      const parts = networkParts(checked);
      cut(checked).forEach((c, i) => {
        const codes = Array.from(c.codes).join(',');
        const key = parts[i]!.key;
        expect(keyOf.get(codes) ?? key, `${name} ${c.label}`).toBe(key);
        expect(codesOf.get(key) ?? codes, `${name} ${c.label}`).toBe(codes);
        keyOf.set(codes, key);
        codesOf.set(key, codes);
      });
    }
    expect(keyOf.size).toBeGreaterThan(100);
  });

  it('names each op type index after its op type', () => {
    expect(Object.entries(OP_TYPE).map(([name, t]) => [name, OP_TYPES[t].name])).toEqual([
      ['conv1x1', 'conv 1x1'],
      ['convKxK', 'conv kxk'],
      ['grouped', 'grouped conv'],
      ['depthwise', 'depthwise conv'],
      ['linear', 'linear'],
      ['attention', 'attention'],
      ['maxPool', 'max pool'],
      ['globalPool', 'global pool'],
      ['reluActivation', 'activation (relu family)'],
      ['smoothActivation', 'activation (sigmoid, silu, gelu)'],
      ['add', 'add'],
      ['multiply', 'multiply'],
      ['layerNorm', 'layer norm'],
      ['reshape', 'reshape or scale'],
    ]);
  });
});
