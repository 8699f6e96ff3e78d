import { describe, expect, it } from 'vitest';
import { SweepError } from '../../src/index.js';
import { dumpYaml } from '../../src/sweep/pyyaml-dump.js';
import { loadYaml } from '../../src/sweep/pyyaml-load.js';
import type { PyConfigNode } from '../../src/sweep/python.js';
import { fromTag, PYTHON } from './python-values.js';

describe("PyYAML's safe_load (YAML 1.1 types)", () => {
  it.each(PYTHON.yamlLoad.map(([text, value], i) => [i, text, value] as const))('document %i', (_, text, value) => {
    expect(loadYaml(text)).toEqual(fromTag(value));
  });

  it('bad YAML and what a yacs config cannot hold are SweepErrors naming the key', () => {
    expect(() => loadYaml('A: [1, 2')).toThrow(SweepError);
    const attempt = (text: string): SweepError => {
      try {
        loadYaml(text);
      } catch (error) {
        return error as SweepError;
      }
      throw new Error('no error');
    };
    expect(attempt('A:\n  B: 2024-01-02\n').path).toBe('A.B');
    expect(attempt('A:\n  1: x\n').path).toBe('A');
    expect(attempt('A: !!binary aGk=\n').path).toBe('A');
    expect(attempt('A: !custom x\n').message).toMatch(/tag/);
  });
});

describe("PyYAML's safe_dump and dump(width=inf), character for character", () => {
  it.each(PYTHON.yamlDump.map(([value, safe, wide], i) => [i, value, safe, wide] as const))('document %i', (_, value, safe, wide) => {
    const tree = fromTag(value) as PyConfigNode;
    expect(dumpYaml(tree)).toBe(safe);
    expect(dumpYaml(tree, { width: Infinity })).toBe(wide);
  });

  it('round-trips every full config of the reference sweeps', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('../fixtures/pycls-sweeps/', import.meta.url);
    let count = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const data = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { kept?: { yaml: string }[]; configs?: { yaml: string }[] };
      for (const { yaml } of data.kept ?? data.configs ?? []) {
        expect(dumpYaml(loadYaml(yaml))).toBe(yaml);
        count++;
      }
    }
    expect(count).toBe(280);
  });
});
