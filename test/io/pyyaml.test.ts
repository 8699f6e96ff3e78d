/**
 * Cross-check with PyYAML, the parser pycls itself uses, where the machine has it (python3 with the yaml
 * module): the configs we write load in Python to the values we meant, with the types pycls's config
 * (yacs) requires - a float where pycls's default is a float, an int where it is an int.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { familyOf } from '../../src/families/index.js';
import { fastScale, fromPyclsConfig, toPyclsConfig, zooConfig, zooModel, zooNames } from '../../src/index.js';
import { configPaths, readConfig } from '../fixtures.js';

const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const hasPyYaml = probe.status === 0;

/** Loads each YAML text with PyYAML's safe_load; returns values and their Python type names. */
function pyyaml(texts: string[]): { value: Record<string, Record<string, unknown>>; types: Record<string, Record<string, string>> }[] {
  const script = `
import json, sys, yaml
def types(node):
    if isinstance(node, dict):
        return {k: types(v) for k, v in node.items()}
    if isinstance(node, list):
        return [types(v) for v in node]
    return type(node).__name__
out = []
for text in json.load(sys.stdin):
    value = yaml.safe_load(text)
    out.append({"value": value, "types": types(value)})
print(json.dumps(out))
`;
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/** pycls config keys whose default is a float: yacs rejects an int in their place. */
const FLOAT_KEYS: Record<string, string[]> = {
  REGNET: ['WA', 'WM', 'BOT_MUL', 'SE_R'],
  ANYNET: ['SE_R'],
  EN: ['SE_R'],
};

describe.skipIf(!hasPyYaml)('configs as PyYAML loads them', () => {
  const specs = [
    ...configPaths().map((path) => fromPyclsConfig(readConfig(path))),
    // Zoo models of the families pycls builds (torchvision's MobileNets and MNASNets have no pycls config).
    ...zooNames()
      .map((name) => fastScale(zooModel(name), 4))
      .filter((spec) => familyOf(spec).pycls !== undefined),
  ];
  const written = specs.map((spec) => toPyclsConfig(spec));
  const loaded = pyyaml(written);

  it('loads every written config to the values we read back ourselves', () => {
    loaded.forEach(({ value }, i) => {
      // What PyYAML sees, re-read by us through JSON, is the same network.
      expect(fromPyclsConfig(JSON.stringify(value))).toEqual(specs[i]);
    });
  });

  it('writes floats where pycls’s defaults are floats and ints where they are ints', () => {
    loaded.forEach(({ types }) => {
      for (const [section, keys] of Object.entries(FLOAT_KEYS)) {
        for (const key of keys) if (types[section]?.[key] !== undefined) expect(types[section]![key]).toBe('float');
      }
      const model = types.ANYNET ?? types.REGNET ?? types.EN ?? types.RESNET ?? {};
      for (const key of ['STEM_W', 'HEAD_W', 'DEPTH', 'W0', 'GROUP_W', 'STRIDE', 'NUM_GROUPS', 'WIDTH_PER_GROUP']) {
        if (model[key] !== undefined) expect(model[key]).toBe('int');
      }
      expect(types.TRAIN!.IM_SIZE).toBe('int');
      expect(types.MODEL!.NUM_CLASSES).toBe('int');
    });
  });

  it('keeps the template’s training settings as PyYAML reads them, OUT_DIR included', () => {
    const template = zooConfig('RegNetY-400MF');
    const [original, scaled] = pyyaml([template, toPyclsConfig(fastScale(zooModel('RegNetY-400MF'), 4), { template })]);
    expect(scaled!.value.OUT_DIR).toBe('.');
    expect(scaled!.value.OPTIM).toEqual(original!.value.OPTIM);
    expect(scaled!.types.OPTIM).toEqual(original!.types.OPTIM);
  });
});
