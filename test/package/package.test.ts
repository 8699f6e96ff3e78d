/**
 * The built package as users load it: `import` and `require` by name (Node resolves a package's own
 * name through its `exports` map), with types for both. `npm test` builds first (the pretest script).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { complexity, zooModel } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
}

describe('the built package', () => {
  const expected = complexity(zooModel('RegNetY-400MF'));

  it('loads with import', () => {
    const out = node(['--input-type=module', '-e', "import { complexity, zooModel } from 'fastscale'; console.log(JSON.stringify(complexity(zooModel('RegNetY-400MF'))));"]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('loads with require', () => {
    const out = node(['-e', "const { complexity, zooModel } = require('fastscale'); console.log(JSON.stringify(complexity(zooModel('RegNetY-400MF'))));"]);
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('loads fastscale/onnx both ways, sharing the error classes of fastscale', () => {
    const cjs = node(['-e', "const f = require('fastscale'); const o = require('fastscale/onnx'); try { o.toOnnx({}); } catch (e) { console.log(e instanceof f.SpecError); }"]);
    expect(cjs.trim()).toBe('true');
    const esm = node(['--input-type=module', '-e', "import * as f from 'fastscale'; import * as o from 'fastscale/onnx'; try { o.toOnnx({}); } catch (e) { console.log(e instanceof f.SpecError); }"]);
    expect(esm.trim()).toBe('true');
  });

  it('has every file its exports map and bin name, and is free of side effects', () => {
    expect(pkg.sideEffects).toBe(false);
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    collect(pkg.bin);
    expect(targets).toContain('./dist/index.d.ts');
    expect(targets).toContain('./dist/index.d.cts');
    for (const target of targets) expect(existsSync(`${root}${target}`), target).toBe(true);
  });

  it('keeps the core free of the CLI, plotting and ONNX dependencies', () => {
    // dist/esm/index.js and every module it imports, transitively.
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, relative] of code.matchAll(/from\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(resolvePath(dirname(file), relative!));
    };
    visit(`${root}dist/esm/index.js`);
    const imported = [...seen].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*["']([@a-z][\w@/.-]*)["']/g)].map((m) => m[1]!),
    );
    expect(new Set(imported)).toEqual(new Set(['yaml']));
    // ... and YAML only from the modules that read or write it, so that bundles that only count and scale leave it out.
    const withYaml = [...seen].filter((file) => /from\s*["']yaml["']/.test(readFileSync(file, 'utf8'))).map((file) => file.slice(`${root}dist/esm/`.length));
    expect(withYaml.every((file) => file.startsWith('io/') || file.startsWith('sweep/'))).toBe(true);
  });
});
