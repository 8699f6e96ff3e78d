import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import {
  complexity,
  fastCompound,
  fastScale,
  fromPyclsConfig,
  scale,
  scaleToTarget,
  toPyclsConfig,
  zooConfig,
  zooModel,
} from '../../src/index.js';
import { asJson, cli, R56_YAML, REGNETY_400MF_YAML, temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

function ratios(base: ReturnType<typeof complexity>, scaled: ReturnType<typeof complexity>): Record<string, number> {
  return { flops: scaled.flops / base.flops, params: scaled.params / base.params, acts: scaled.acts / base.acts };
}

describe('fastscale scale', () => {
  it('scales a zoo model by a factor with fast compound scaling (alpha 0.8) and writes a pycls config', async () => {
    const out = join(tmp.dir, 'regnety-4x.yaml');
    const { code, stdout, stderr } = await cli(['scale', 'RegNetY-400MF', '--factor', '4', '--json', '-o', out]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const base = zooModel('RegNetY-400MF');
    const scaled = fastScale(base, 4, 0.8);
    expect(JSON.parse(stdout)).toEqual(
      asJson({
        name: 'RegNetY-400MF',
        strategy: 'd1_w8_g8_r1',
        policy: 'pycls',
        factor: 4,
        target: null,
        base: { spec: base, complexity: complexity(base) },
        scaled: { spec: scaled, complexity: complexity(scaled) },
        ratios: ratios(complexity(base), complexity(scaled)),
      }),
    );
    const written = readFileSync(out, 'utf8');
    expect(fromPyclsConfig(written)).toEqual(scaled);
    // The zoo config's training settings are kept, so that pycls trains the scaled model as is.
    const template = parse(zooConfig('RegNetY-400MF'), { version: '1.1' }) as Record<string, unknown>;
    const result = parse(written, { version: '1.1' }) as Record<string, unknown>;
    expect(result.OPTIM).toEqual(template.OPTIM);
    expect(written).toBe(toPyclsConfig(scaled, { template: zooConfig('RegNetY-400MF') }));
  });

  it('scales a config file to a flops budget written with a GF suffix, with a strategy', async () => {
    const out = join(tmp.dir, 'r56-target.yaml');
    const { code, stdout } = await cli(['scale', R56_YAML, '--target-flops', '0.5GF', '--strategy', 'dwr', '--json', '-o', out]);
    expect(code).toBe(0);
    const text = readFileSync(R56_YAML, 'utf8');
    const base = fromPyclsConfig(text);
    const result = scaleToTarget(base, { flops: 0.5e9 }, 'dwr');
    const json = JSON.parse(stdout);
    expect(json.factor).toBe(result.factor);
    expect(json.target).toEqual({ metric: 'flops', value: 0.5e9, relativeError: result.relativeError });
    expect(json.scaled).toEqual(asJson({ spec: result.spec, complexity: result.complexity }));
    expect(json.strategy).toBe('dwr');
    expect(fromPyclsConfig(readFileSync(out, 'utf8'))).toEqual(result.spec);
    expect(scale(base, 'dwr', result.factor)).toEqual(result.spec);
  });

  it('prints base and scaled side by side with the found factor and error for a parameter budget', async () => {
    const { code, stdout } = await cli(['scale', REGNETY_400MF_YAML, '--target-params', '20M', '--alpha', '0.5', '--policy', 'efficientnet']);
    expect(code).toBe(0);
    const base = fromPyclsConfig(readFileSync(REGNETY_400MF_YAML, 'utf8'));
    const result = scaleToTarget(base, { params: 20e6 }, fastCompound(0.5), { policy: 'efficientnet' });
    expect(stdout).toContain('with d1_w2_g2_r1 (fast compound, alpha 0.5), policy efficientnet');
    expect(stdout).toContain(`factor ${Number(result.factor.toPrecision(6))}`);
    const percent = (result.relativeError * 100).toFixed(2);
    expect(stdout).toContain(`(${result.relativeError >= 0 ? '+' : ''}${percent}%)`);
    if (result.spec.family !== 'anynet') throw new Error('a scaled RegNet is an anynet');
    // The last stage's width, base -> scaled, as in the table.
    const widths = stdout.split('\n').filter((line) => /^\s*4\s/.test(line));
    expect(widths[0]).toContain(`-> ${result.spec.stages[3]!.width}`);
    const ratio = (result.complexity.params / complexity(base).params).toFixed(2);
    expect(stdout).toMatch(new RegExp(`params .* ${ratio}x`));
  });

  it('writes the scaled config alone to stdout with -o -', async () => {
    const { code, stdout } = await cli(['scale', 'ResNet-50', '--factor', '2', '--strategy', 'w', '-o', '-']);
    expect(code).toBe(0);
    const scaled = scale(zooModel('ResNet-50'), 'w', 2);
    expect(stdout).toBe(toPyclsConfig(scaled, { template: zooConfig('ResNet-50') }));
  });
});
