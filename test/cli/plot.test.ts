/**
 * `fastscale plot`: its data against pycls's scale_model (test/fixtures/pycls-scaled.json), the chart
 * formats (by option and by file extension), the rendered SVG and PNG, and the message when the optional
 * renderers are not installed.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyclsComplexity, pyclsScaled } from '../helpers/fixtures.js';
import { cli, R56_YAML, ROOT, temporaryDirectory, zooConfigPath } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const REGNETY_400MF = zooConfigPath('RegNetY-400MF');
const PYCLS_NAMES: Record<string, string> = { d: 'd', w: 'w', r: 'r', dw: 'dw', dr: 'dr', wr: 'wr', dwr: 'dwr', dWr: 'd1_w8_g8_r1' };

interface Point {
  strategy: string;
  factor: number;
  flops: number;
  params: number;
  acts: number;
}

describe('fastscale plot data', () => {
  it("charts the 8 presets at 2^(k/4) up to the max factor: pycls's networks at x1, x2, x4, x16", async () => {
    const { code, stdout, stderr } = await cli(['plot', 'RegNetY-400MF', '--max-factor', '16', '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const data = JSON.parse(stdout) as { model: string; metric: string; policy: string; rows: Point[] };
    expect(data).toMatchObject({ model: 'RegNetY-400MF', metric: 'acts', policy: 'pycls' });
    expect(data.rows).toHaveLength(8 * 17);
    const base = pyclsComplexity()[REGNETY_400MF]!;
    for (const [name, scaleType] of Object.entries(PYCLS_NAMES)) {
      const series = data.rows.filter((row) => row.strategy === name);
      expect(series.map((row) => row.factor)).toEqual(Array.from({ length: 17 }, (_, k) => 2 ** (k / 4)));
      expect(series[0], name).toMatchObject(base);
      for (const factor of [2, 4, 16]) {
        const record = pyclsScaled().find((r) => r.config === REGNETY_400MF && r.scale_type === scaleType && r.factor === factor)!;
        expect(series.find((row) => row.factor === factor), `${name} x${factor}`).toEqual({ strategy: name, factor, ...record.complexity });
      }
    }
  });

  it('writes the same data as a file with --format json, and the Vega-Lite spec with --format vega-lite', async () => {
    const json = await cli(['plot', 'RegNetY-400MF', '--max-factor', '2', '--json']);
    const asFile = await cli(['plot', 'RegNetY-400MF', '--max-factor', '2', '--format', 'json', '-o', '-']);
    expect(asFile.stdout).toBe(json.stdout);
    const spec = JSON.parse((await cli(['plot', 'RegNetY-400MF', '--max-factor', '2', '--format', 'vega-lite', '-o', '-'])).stdout);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(spec.data.values).toEqual(JSON.parse(json.stdout).rows);
    expect(spec.encoding.y).toMatchObject({ field: 'acts', title: 'activations (tensor elements)' });
    expect(spec.encoding.x).toMatchObject({ field: 'flops', title: 'flops (multiply-adds)' });
  });
});

describe('fastscale plot formats by file extension', () => {
  it.each([
    ['chart.vl.json', /^\{\n {2}"\$schema": "https:\/\/vega\.github\.io\/schema\/vega-lite\/v6\.json"/],
    ['chart.json', /^\{\n {2}"model": "RegNetY-400MF"/],
    ['chart.svg', /^<svg /],
    ['chart', /^<svg /],
  ])('-o %s', async (file, start) => {
    const out = join(tmp.dir, file);
    const { code, stdout } = await cli(['plot', 'RegNetY-400MF', '--max-factor', '2', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
    expect(readFileSync(out, 'utf8')).toMatch(start);
  });

  it('-o chart.png draws a PNG at twice the size of the SVG', async () => {
    const png = join(tmp.dir, 'acts.png');
    const svg = join(tmp.dir, 'acts.svg');
    expect((await cli(['plot', 'RegNetY-400MF', '--max-factor', '4', '-o', png])).stdout).toContain('(png: ');
    await cli(['plot', 'RegNetY-400MF', '--max-factor', '4', '-o', svg]);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR, the first chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
    expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(readFileSync(svg, 'utf8'))!;
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2 * Number(width), 2 * Number(height)]);
  });

  it.each([
    [['-o', 'acts.pdf'], '-o acts.pdf: .pdf is not a chart format; use .svg, .png, .vl.json or .json, or give --format'],
    [['-o', 'acts.png', '--format', 'svg'], '-o acts.png names a png file but --format is svg: change one'],
    [['-o', '-', '--json'], '-o - and --json both write to stdout: give one'],
    [['-o', 'x.svg', '--format', 'gif'], '--format: "gif" is not one of svg, png, vega-lite, json'],
  ])('refuses %j', async (args, message) => {
    const { code, stdout, stderr } = await cli(['plot', 'RegNetY-400MF', ...args], tmp.dir);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `fastscale: ${message}\n` });
  });
});

describe('fastscale plot SVG', () => {
  it('draws one line and one legend entry per strategy, a point per factor, and titled axes', async () => {
    const out = join(tmp.dir, 'r56.svg');
    const strategies = ['d', 'w', 'dwr', 'd1_w8_g8_r1'];
    const { code, stdout } = await cli(['plot', R56_YAML, '--max-factor', '8', '--metric', 'params', '--strategies', strategies.join(','), '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe(`wrote ${out} (svg: 4 strategies x 13 factors, 1 to 8)\n`);
    const svg = readFileSync(out, 'utf8');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // vega draws each series of a line mark as one path, labelled with its fields for screen readers.
    const lines = [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="line mark"/g)].map((m) => m[1]!);
    expect(lines).toHaveLength(4);
    for (const strategy of strategies) expect(lines.filter((label) => label.includes(`; strategy: ${strategy};`))).toHaveLength(1);
    const legend = svg.slice(svg.indexOf('role-legend-label'));
    for (const strategy of strategies) expect(legend).toContain(`>${strategy}</text>`);
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(4 * 13);
    expect(svg).toContain('>parameters (weights)</text>');
    expect(svg).toContain('>flops (multiply-adds)</text>');
    expect(svg).toContain('>R-56_nds_1gpu: params vs flops</text>');
  });
});

describe('fastscale plot without the optional renderers', () => {
  // The built CLI in a folder of its own, with yaml (its one dependency) but not vega, vega-lite or resvg.
  const bare = join(tmp.dir, 'bare');
  const bareCli = join(bare, 'dist', 'cli.js');
  beforeAll(() => {
    mkdirSync(join(bare, 'node_modules'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(bare, 'dist'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ type: 'module' }));
    symlinkSync(join(ROOT, 'node_modules', 'yaml'), join(bare, 'node_modules', 'yaml'), 'dir');
  });

  it('says which packages SVG and PNG need and the command that installs them', async () => {
    const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      cli(['plot', 'RegNetY-400MF', '--max-factor', '2', ...args], tmp.dir, bareCli);
    expect(await run(['-o', 'a.svg'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fastscale: SVG charts need vega-lite and vega (optional peer dependencies of fastscale): run npm install vega-lite vega, or write --format vega-lite or json\n',
    });
    expect((await run(['-o', 'a.png'])).stderr).toBe(
      'fastscale: PNG charts need vega-lite, vega and @resvg/resvg-js (optional peer dependencies of fastscale): run npm install vega-lite vega @resvg/resvg-js, or write --format vega-lite or json\n',
    );
    // What needs no renderer still works.
    const data = await run(['-o', 'a.vl.json']);
    expect(data.code).toBe(0);
  });
});
