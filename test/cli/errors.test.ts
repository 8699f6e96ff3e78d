/** Errors a person will hit: one line on stderr, exit code 2, nothing on stdout; each message literal. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliIntoClosedPipe, CONFIGS, R56_YAML, temporaryDirectory } from './cli.js';

const tmp = temporaryDirectory();
afterAll(tmp.remove);

const X50_YAML = join(CONFIGS, 'archive/imagenet/anynet/X-50-32x4d_step_1gpu.yaml');

/** Runs the command line and checks the failure contract: exit 2, nothing on stdout, one line on stderr. */
async function fails(args: readonly string[], cwd?: string): Promise<string> {
  const { code, stdout, stderr } = await cli(args, cwd);
  expect(stdout, args.join(' ')).toBe('');
  expect(stderr, args.join(' ')).toMatch(/^fastscale: [^\n]+\n$/);
  expect(code, `${args.join(' ')}: ${stderr}`).toBe(2);
  return stderr.slice('fastscale: '.length, -1);
}

describe('a model argument that is not a model', () => {
  it('an unknown name suggests the zoo names it plausibly means', async () => {
    expect(await fails(['info', 'RegNetY-4GF'])).toBe('"RegNetY-4GF" is neither a zoo model nor a config file; did you mean RegNetY-4.0GF, RegNetY-6.4GF, RegNetY-12GF?');
  });

  it('a name like no zoo name points to fastscale list', async () => {
    expect(await fails(['info', 'hourglass'])).toBe('"hourglass" is neither a zoo model nor a config file; fastscale list shows the zoo models');
  });

  it('a very long name is cut short in the message and gets no suggestion', async () => {
    const message = await fails(['info', 'x'.repeat(100_000)]);
    expect(message).toBe(`"${'x'.repeat(57)}..." is neither a zoo model nor a config file; fastscale list shows the zoo models`);
  });

  it('an empty argument says that it is empty', async () => {
    expect(await fails(['info', ''])).toBe('the model argument is empty: give a zoo model name (fastscale list shows them) or a pycls YAML config file');
  });

  it('a config path that does not exist is named, as not a file and not a zoo model', async () => {
    expect(await fails(['scale', 'configs/missing.yaml', '--factor', '2'])).toBe('cannot read configs/missing.yaml: no such file (nor is it a zoo model name)');
  });

  it('a config pycls would reject names the file and the config key', async () => {
    const text = readFileSync(X50_YAML, 'utf8').replace(/GROUP_WS: \[(\d+), (\d+), (\d+), (\d+)\]/, 'GROUP_WS: [$1, $2, 0, $4]');
    const file = join(tmp.dir, 'bad-group.yaml');
    writeFileSync(file, text);
    expect(await fails(['info', file])).toMatch(new RegExp(`^${escape(file)}: ANYNET\\.GROUP_WS\\[2\\]: 0 `));
  });

  it('YAML that does not parse names the file', async () => {
    const file = join(tmp.dir, 'broken.yaml');
    writeFileSync(file, 'MODEL:\n  TYPE: [anynet\n');
    expect(await fails(['compare', file, '--factor', '2'])).toMatch(new RegExp(`^${escape(file)}: invalid YAML`));
  });
});

describe('files that are not regular files, or too large, are refused before they are read', () => {
  it('a directory', async () => {
    const dir = join(tmp.dir, 'a-directory');
    mkdirSync(dir);
    expect(await fails(['info', dir])).toBe(`cannot read ${dir}: it is a directory, not a file (expected a pycls YAML config)`);
  });

  it('a device such as /dev/zero (which would never end)', async () => {
    expect(await fails(['info', '/dev/zero'])).toBe('cannot read /dev/zero: it is a device, not a file (expected a pycls YAML config)');
  });

  it('a named pipe (which would wait for a writer forever)', async () => {
    const fifo = join(tmp.dir, 'some-fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await fails(['info', fifo])).toBe(`cannot read ${fifo}: it is a named pipe (FIFO), not a file (expected a pycls YAML config)`);
  });

  it('a config over 1 MiB', async () => {
    const file = join(tmp.dir, 'huge.yaml');
    writeFileSync(file, `# ${'x'.repeat(1024 * 1024)}\nMODEL:\n  TYPE: anynet\n`);
    expect(await fails(['info', file])).toBe(`cannot read ${file}: larger than 1 MiB, the limit for a pycls YAML config`);
  });

  it('a timings file that is a directory', async () => {
    expect(await fails(['runtime', tmp.dir])).toBe(`cannot read ${tmp.dir}: it is a directory, not a file (expected a timings JSON file)`);
  });

  it('an empty timings path', async () => {
    expect(await fails(['runtime', ''])).toBe('the path of a timings JSON file is empty');
  });
});

describe('a closed stdout', () => {
  it.each([
    ['info', 'RegNetY-400MF', '--json'],
    ['plot', 'RegNetY-400MF', '--json'],
    ['list'],
  ])('%s ... into a pipe nobody reads ends quietly with exit 0', async (...args) => {
    const { code, signal, stderr } = await cliIntoClosedPipe(args);
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  });
});

describe('bad options', () => {
  it.each([
    [['scale', 'RegNetY-400MF', '--factor', '-1'], '--factor: -1 is not a number > 0'],
    [['scale', 'RegNetY-400MF', '--factor', '0'], '--factor: 0 is not a number > 0'],
    [['scale', 'RegNetY-400MF', '--factor', 'abc'], '--factor: "abc" is not a number'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--alpha', '2'], '--alpha: 2 is not a number in [0, 1]'],
    [['scale', 'RegNetY-400MF', '--target-flops', '4X'], '--target-flops: "4X" is not a number > 0 (write it as 4e9, 4000000000, 4G or 4GF)'],
    [['compare', 'RegNetY-400MF', '--factor', '2', '--policy', 'tf'], '--policy: "tf" is not one of pycls, efficientnet'],
    [['plot', 'RegNetY-400MF', '-o', '-', '--max-factor', '0.5'], '--max-factor: 0.5 is below 1'],
    [['plot', 'RegNetY-400MF', '-o', '-', '--max-factor', '1e300'], '--max-factor: 1e300 is above 1048576 (2^20), the largest plotted'],
    [['measure', 'RegNetY-400MF', '--factors', '1,x'], '--factors: "x" is not a number'],
    [['list', '--family', 'bogus'], '--family: "bogus" is not one of regnet, anynet, resnet, efficientnet, vit, convnext, mobilenet, mnasnet'],
    [['list', '--min-flops', '8G', '--max-flops', '4G'], '--min-flops 8G is above --max-flops 4G: no model can match'],
  ])('%j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });

  it('a bad strategy gives the library reason under the flag', async () => {
    expect(await fails(['compare', 'RegNetY-400MF', '--factor', '2', '--strategies', 'd,x2'])).toMatch(/^--strategies: "x2" is not a pycls strategy/);
  });

  it('a budget no scaled network reaches is named with the flag', async () => {
    expect(await fails(['scale', R56_YAML, '--target-acts', '1'])).toMatch(/^--target-acts: acts 1 is outside what d1_w8_g8_r1 reaches/);
  });
});

describe('missing options and arguments', () => {
  it.each([
    [['info'], 'info: missing <model | config.yaml>; see fastscale info --help'],
    [['scale', 'RegNetY-400MF'], 'scale needs one of --factor, --target-flops, --target-params, --target-acts or --target-latency'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--target-flops', '1G'], 'give only one of --factor, --target-flops, --target-params, --target-acts or --target-latency (got --factor and --target-flops)'],
    [['scale', 'RegNetY-400MF', '--factor', '2', '--alpha', '0.5', '--strategy', 'dwr'], 'give --strategy or --alpha, not both'],
    [['compare', 'RegNetY-400MF'], 'compare needs one of --factor, --target-flops, --target-params, --target-acts or --target-latency'],
    [['plot', 'RegNetY-400MF'], 'plot needs -o FILE (- for stdout) or --json'],
    [['measure', 'RegNetY-400MF'], 'measure needs --factors LIST (for example 1,2,4,8)'],
    [['scale', 'RegNetY-400MF', '--factor'], '--factor needs a value'],
    [['list', 'RegNetY-400MF'], 'list: unexpected argument "RegNetY-400MF"; see fastscale list --help'],
  ])('%j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });
});

describe('unknown flags and commands', () => {
  const commands = 'the commands are list, info, scale, compare, plot, runtime, measure, profile, predict, sweep, export';
  it.each([
    [['scale', 'RegNetY-400MF', '--factr', '2'], 'unknown option --factr for scale; see fastscale scale --help'],
    [['info', 'RegNetY-400MF', '--json=yes'], '--json takes no value'],
    [['sclae', 'RegNetY-400MF'], `unknown command "sclae" (did you mean scale?); ${commands}`],
    [['lst'], `unknown command "lst" (did you mean list?); ${commands}`],
    // Nothing is plausibly meant: no suggestion (before, both suggested plot).
    [['exprt', 'RegNetY-400MF'], `unknown command "exprt" (did you mean export?); ${commands}`],
    [['convert'], `unknown command "convert"; ${commands}`],
    [['--frobnicate'], 'unknown option --frobnicate; see fastscale --help'],
    [[], 'missing command (list, info, scale, compare, plot, runtime, measure, profile, predict, sweep, export); see fastscale --help'],
    [['info', 'RegNetY-400MF', 'ResNet-50'], 'info: unexpected argument "ResNet-50"; see fastscale info --help'],
  ])('%j', async (args, message) => {
    expect(await fails(args)).toBe(message);
  });
});

describe('timings files', () => {
  it('that are not JSON, or lack the column, are named', async () => {
    const file = join(tmp.dir, 'times.json');
    writeFileSync(file, '{ "RegNetX-200MF": ');
    expect(await fails(['runtime', file])).toMatch(new RegExp(`^${escape(file)}: invalid JSON: `));
    writeFileSync(file, JSON.stringify({ 'RegNetX-200MF': { test_fw_time: 0.01 }, 'RegNetX-400MF': { train_fw_time: 0.02 } }));
    expect(await fails(['runtime', file])).toBe(`${file}: "RegNetX-400MF" has no column test_fw_time (it has train_fw_time)`);
  });
});

it('--debug adds the stack trace, still with exit code 2 and nothing on stdout', async () => {
  const { code, stdout, stderr } = await cli(['info', 'RegNetY-4GF', '--debug']);
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^fastscale: "RegNetY-4GF" is neither/);
  expect(lines.slice(1).some((line) => /^\s+at /.test(line))).toBe(true);
});

/** A string as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
