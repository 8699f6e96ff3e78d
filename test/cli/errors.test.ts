import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FastscaleError, fromPyclsConfig, SpecError, zooModel } from '../../src/index.js';
import { cli, CONFIGS, R56_YAML, temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const X50_YAML = join(CONFIGS, 'archive/imagenet/anynet/X-50-32x4d_step_1gpu.yaml');

/** Runs the command line and checks the failure contract: exit 2, nothing on stdout, one line on stderr. */
async function fails(args: readonly string[]): Promise<string> {
  const { code, stdout, stderr } = await cli(args);
  expect(stdout, args.join(' ')).toBe('');
  expect(stderr, args.join(' ')).toMatch(/^fastscale: [^\n]+\n$/);
  expect(code, `${args.join(' ')}: ${stderr}`).toBe(2);
  return stderr.slice('fastscale: '.length, -1);
}

function libraryError(action: () => unknown): FastscaleError {
  try {
    action();
  } catch (error) {
    if (error instanceof FastscaleError) return error;
    throw error;
  }
  throw new Error('expected the library to throw');
}

describe('errors a person will hit: one line on stderr, exit code 2', () => {
  it('an unknown model names the closest zoo models and says it is not a file either', async () => {
    const message = await fails(['info', 'RegNetY-4GF']);
    const zooError = libraryError(() => zooModel('RegNetY-4GF'));
    expect(zooError).toBeInstanceOf(SpecError);
    const closest = zooError.reason.split('closest: ')[1]!.split(', ');
    expect(closest.length).toBeGreaterThan(0);
    for (const name of closest) expect(message).toContain(name);
    expect(message).toMatch(/neither a zoo model nor a config file/);
  });

  it('a config path that does not exist is named, as not a file and not a zoo model', async () => {
    const message = await fails(['scale', 'configs/missing.yaml', '--factor', '2']);
    expect(message).toContain('configs/missing.yaml');
    expect(message).toMatch(/no such file/);
    expect(message).toMatch(/zoo model/);
  });

  it('a directory is not a config', async () => {
    const dir = join(tmp.dir, 'a-directory');
    mkdirSync(dir);
    expect(await fails(['info', dir])).toBe(`cannot read ${dir}: is a directory`);
  });

  it('a config pycls would reject names the file and the config key', async () => {
    const text = readFileSync(X50_YAML, 'utf8').replace(/GROUP_WS: \[(\d+), (\d+), (\d+), (\d+)\]/, 'GROUP_WS: [$1, $2, 0, $4]');
    const file = join(tmp.dir, 'bad-group.yaml');
    writeFileSync(file, text);
    const expected = libraryError(() => fromPyclsConfig(text));
    expect(expected.path).toBe('ANYNET.GROUP_WS[2]');
    expect(await fails(['info', file])).toBe(`${file}: ${expected.message}`);
  });

  it('YAML that does not parse names the file', async () => {
    const file = join(tmp.dir, 'broken.yaml');
    writeFileSync(file, 'MODEL:\n  TYPE: [anynet\n');
    const message = await fails(['compare', file, '--factor', '2']);
    expect(message.startsWith(`${file}: invalid YAML`)).toBe(true);
  });

  it.each([
    [['scale', 'RegNetY-400MF', '--factor', '-1'], '--factor: -1 is not a number > 0'],
    [['scale', 'RegNetY-400MF', '--factor', '0'], '--factor: 0 is not a number > 0'],
    [['scale', 'RegNetY-400MF', '--factor', 'abc'], '--factor: "abc" is not a number'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--alpha', '2'], '--alpha: 2 is not a number in [0, 1]'],
    [['scale', 'RegNetY-400MF', '--target-flops', '4X'], '--target-flops: "4X" is not a number > 0 (write it as 4e9, 4000000000, 4G or 4GF)'],
    [['compare', 'RegNetY-400MF', '--factor', '2', '--policy', 'tf'], '--policy: "tf" is not one of pycls, efficientnet'],
    [['plot', 'RegNetY-400MF', '-o', '-', '--max-factor', '0.5'], '--max-factor: 0.5 is below 1'],
    [['measure', 'RegNetY-400MF', '--factors', '1,x'], '--factors: "x" is not a number'],
  ])('a bad number: %j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });

  it('a bad strategy gives the library reason under the flag', async () => {
    expect(await fails(['compare', 'RegNetY-400MF', '--factor', '2', '--strategies', 'd,x2'])).toMatch(/^--strategies: "x2" is not a pycls strategy/);
  });

  it('a budget no scaled network reaches states the reachable range', async () => {
    expect(await fails(['scale', R56_YAML, '--target-acts', '1'])).toMatch(/^--target-acts: acts 1 is outside what d1_w8_g8_r1 reaches from this network: about \d+ to \d+$/);
  });

  it.each([
    [['info'], 'info: missing <model | config.yaml>; see fastscale info --help'],
    [['scale', 'RegNetY-400MF'], 'scale needs one of --factor, --target-flops, --target-params or --target-acts'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--target-flops', '1G'], 'give only one of --factor, --target-flops, --target-params or --target-acts (got --factor and --target-flops)'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--alpha', '0.5', '--strategy', 'dwr'], 'give --strategy or --alpha, not both'],
    [['compare', 'RegNetY-400MF'], 'compare needs --factor S'],
    [['plot', 'RegNetY-400MF'], 'plot needs -o FILE (- for stdout)'],
    [['measure', 'RegNetY-400MF'], 'measure needs --factors LIST (for example 1,2,4,8)'],
    [['scale', 'RegNetY-400MF', '--factor'], '--factor needs a value'],
  ])('a missing option: %j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });

  it.each([
    [['scale', 'RegNetY-400MF', '--factr', '2'], 'unknown option --factr for scale; see fastscale scale --help'],
    [['info', 'RegNetY-400MF', '--json=yes'], '--json takes no value'],
    [['sclae', 'RegNetY-400MF'], 'unknown command "sclae" (did you mean scale?); see fastscale --help'],
    [['--frobnicate'], 'unknown option --frobnicate; see fastscale --help'],
    [[], 'missing command (info, scale, compare, plot, runtime, measure, sweep); see fastscale --help'],
    [['info', 'RegNetY-400MF', 'ResNet-50'], 'info: unexpected argument "ResNet-50"; see fastscale info --help'],
  ])('an unknown flag or command: %j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });

  it('a timings file that is not JSON, or lacks the column, is named', async () => {
    const file = join(tmp.dir, 'times.json');
    writeFileSync(file, '{ "RegNetX-200MF": ');
    expect(await fails(['runtime', file])).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON: `));
    writeFileSync(file, JSON.stringify({ 'RegNetX-200MF': { test_fw_time: 0.01 }, 'RegNetX-400MF': { train_fw_time: 0.02 } }));
    expect(await fails(['runtime', file])).toBe(`${file}: "RegNetX-400MF" has no column test_fw_time (it has train_fw_time)`);
  });

  it('--debug adds the stack trace, still with exit code 2 and nothing on stdout', async () => {
    const { code, stdout, stderr } = await cli(['info', 'RegNetY-4GF', '--debug']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^fastscale: "RegNetY-4GF" is neither/);
    expect(lines.slice(1).some((line) => /^\s+at /.test(line))).toBe(true);
  });
});
