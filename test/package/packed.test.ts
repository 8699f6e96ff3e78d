/**
 * The package as npm packs it: the files a user installs, their names, the dependencies they pull in,
 * and the packing itself, which must leave a user's own tarball in the repository root alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Packed, packToTemporaryDirectory, ROOT } from '../../scripts/pack.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const usersTarball = join(ROOT, `fastscale-${pkg.version}.tgz`);
const hadUsersTarball = existsSync(usersTarball);

let packed: Packed;
let files: string[];
let packedJson: Record<string, unknown>;

beforeAll(() => {
  if (!hadUsersTarball) writeFileSync(usersTarball, 'a file the user keeps');
  packed = packToTemporaryDirectory();
  files = execFileSync('tar', ['-tzf', packed.tarball], { encoding: 'utf8' }).trim().split('\n');
  packedJson = JSON.parse(execFileSync('tar', ['-xzOf', packed.tarball, 'package/package.json'], { encoding: 'utf8' }));
});

afterAll(() => {
  packed?.remove();
  if (!hadUsersTarball) rmSync(usersTarball, { force: true });
});

describe('the packed package', () => {
  it('is packed outside the repository, leaving a fastscale-<version>.tgz there as it was', () => {
    expect(packed.tarball.startsWith(ROOT)).toBe(false);
    if (!hadUsersTarball) expect(readFileSync(usersTarball, 'utf8')).toBe('a file the user keeps');
    else expect(existsSync(usersTarball)).toBe(true);
  });

  it('has one declaration file per entry and module format, named after the entry', () => {
    const declarations = files.filter((file) => /\.d\.c?ts$/.test(file)).sort();
    expect(declarations).toEqual(['package/dist/index.d.cts', 'package/dist/index.d.ts', 'package/dist/onnx.d.cts', 'package/dist/onnx.d.ts']);
  });

  it('depends on yaml alone; charts and ONNX Runtime are optional peers', () => {
    expect(packedJson.dependencies).toEqual({ yaml: pkg.dependencies.yaml });
    const peers = Object.keys(packedJson.peerDependencies as object).sort();
    expect(peers).toEqual(['@resvg/resvg-js', 'onnxruntime-node', 'vega', 'vega-lite']);
    for (const peer of peers) expect((packedJson.peerDependenciesMeta as Record<string, unknown>)[peer]).toEqual({ optional: true });
  });
});

describe('the declaration files, as a strict TypeScript consumer compiles against them', () => {
  it.each(['node16', 'bundler'])('type-check a program using both entries (moduleResolution %s)', (resolution) => {
    const project = join(packed.dir, `consumer-${resolution}`);
    const installed = join(project, 'node_modules', 'fastscale');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', packed.tarball, '-C', installed, '--strip-components=1']);
    symlinkSync(join(ROOT, 'node_modules', 'yaml'), join(project, 'node_modules', 'yaml'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { complexity, fastScale, FastscaleError, zooModel, type ModelSpec } from 'fastscale';
import { OnnxError, toOnnx, type OnnxOptions } from 'fastscale/onnx';
const spec: ModelSpec = fastScale(zooModel('RegNetY-400MF'), 4);
const options: OnnxOptions = { seed: 1 };
const bytes: Uint8Array = toOnnx(spec, options);
const flops: number = complexity(spec).flops;
const error: FastscaleError = new OnnxError('options.seed', 'bad');
export { bytes, flops, error };
`,
    );
    const module = resolution === 'node16' ? 'node16' : 'esnext';
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--skipLibCheck', 'false', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', 'consumer.ts'];
    const result = spawnSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('the install configuration', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

  it('reviews every install script of the lockfile in allowScripts (npm warns about the others)', () => {
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    expect([...withScripts].sort()).toEqual(Object.keys(pkg.allowScripts).sort());
    // onnxruntime-node's would download GPU binaries; its CPU runtime ships in the package.
    expect(pkg.allowScripts['onnxruntime-node']).toBe(false);
  });

  it('has no .npmrc key npm does not know (npm 11 warns on every command)', () => {
    const npmrc = join(ROOT, '.npmrc');
    expect(existsSync(npmrc) ? readFileSync(npmrc, 'utf8') : '').not.toMatch(/onnxruntime-node-install/);
  });
});
