import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromPyclsConfig, STRATEGIES, sweep, zooModel } from '../../src/index.js';
import { cli, R56_YAML, temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

/** The factors the paper's plots use: 2^(k/4) from 1 to `max`. */
const quarterOctaves = (max: number): number[] => Array.from({ length: 4 * Math.log2(max) + 1 }, (_, k) => 2 ** (k / 4));

describe('fastscale plot', () => {
  it('writes a Vega-Lite spec whose data are the sweep of the 8 presets over 2^(k/4) up to the max factor', async () => {
    const { code, stdout, stderr } = await cli(['plot', 'RegNetY-400MF', '--max-factor', '16', '--format', 'vega-lite', '-o', '-']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const chart = JSON.parse(stdout);
    expect(chart.$schema).toMatch(/vega-lite\/v6/);
    const rows = sweep(zooModel('RegNetY-400MF'), { factors: quarterOctaves(16) });
    const values = chart.data.values as { strategy: string; factor: number; flops: number; acts: number }[];
    expect(new Set(values.map((v) => v.strategy))).toEqual(new Set(Object.keys(STRATEGIES)));
    expect(values).toEqual(rows.map((row) => ({ strategy: row.name, factor: row.factor, ...row.complexity })));
    expect(chart.encoding.y.field).toBe('acts');
  });

  it('renders an SVG with one line and one legend entry per strategy', async () => {
    const out = join(tmp.dir, 'r56.svg');
    const strategies = ['d', 'w', 'dwr', 'd1_w8_g8_r1'];
    const { code, stdout } = await cli(['plot', R56_YAML, '--max-factor', '8', '--metric', 'params', '--strategies', strategies.join(','), '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${out}`);
    const svg = readFileSync(out, 'utf8');
    expect(svg.trimStart()).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    // vega draws each series of a line mark as one path, labelled with its fields for screen readers.
    const lines = [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="line mark"/g)].map((m) => m[1]!);
    expect(lines).toHaveLength(strategies.length);
    for (const strategy of strategies) expect(lines.filter((label) => label.includes(`; strategy: ${strategy};`))).toHaveLength(1);
    const legend = svg.slice(svg.indexOf('role-legend-label'));
    for (const strategy of strategies) expect(legend).toContain(`>${strategy}</text>`);
    // The y axis is the metric asked for; its data are those of the sweep.
    expect(svg).toContain('>parameters</text>');
    const spec = fromPyclsConfig(readFileSync(R56_YAML, 'utf8'));
    const points = sweep(spec, { strategies, factors: quarterOctaves(8) });
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(points.length);
  });
});
