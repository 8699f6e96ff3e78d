import { describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../src/index.js';
import { parseCommand, positionals } from '../../src/cli/args.js';
import type { Command } from '../../src/cli/command.js';
import { UsageError } from '../../src/cli/errors.js';
import type { Io } from '../../src/cli/io.js';
import { PROGRESS_DELAY_MS, progress } from '../../src/cli/progress.js';
import { COMMANDS, run } from '../../src/cli/run.js';

/** An Io that records what is written. */
function recorder(isTTY = false): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd: process.cwd(),
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { isTTY, write: (text: string) => (io.err += text) },
  };
  return io;
}

const failing = (error: unknown): Command => ({
  name: 'boom',
  summary: 'fails',
  help: 'Usage: fastscale boom\n',
  run: async () => {
    throw error;
  },
});

describe('run: exit codes and error lines', () => {
  it('an unexpected error exits 1 with a short message; --debug adds the stack', async () => {
    const io = recorder();
    expect(await run(['boom'], io, [failing(new TypeError('x is undefined'))])).toBe(1);
    expect(io.err).toBe('fastscale: internal error: x is undefined (run with --debug for the stack trace)\n');
    expect(io.out).toBe('');
    const debug = recorder();
    expect(await run(['--debug', 'boom'], debug, [failing(new TypeError('x is undefined'))])).toBe(1);
    expect(debug.err.split('\n')[0]).toBe('fastscale: internal error: x is undefined');
    expect(debug.err).toMatch(/TypeError: x is undefined\n\s+at /);
  });

  it('library errors (bad input) exit 2 with their message', async () => {
    const io = recorder();
    expect(await run(['boom'], io, [failing(new SpecError('stages[2].width', '0 is not a positive integer'))])).toBe(2);
    expect(io.err).toBe('fastscale: stages[2].width: 0 is not a positive integer\n');
  });

  it('an unknown command suggests only the commands it plausibly means', async () => {
    const io = recorder();
    expect(await run(['scael'], io)).toBe(2);
    expect(io.err).toBe('fastscale: unknown command "scael" (did you mean scale?); the commands are list, info, scale, compare, plot, runtime, measure, profile, predict, sweep, export\n');
    const none = recorder();
    expect(await run(['convert'], none)).toBe(2);
    expect(none.err).toBe('fastscale: unknown command "convert"; the commands are list, info, scale, compare, plot, runtime, measure, profile, predict, sweep, export\n');
  });

  it('help <command> prints that command help', async () => {
    const io = recorder();
    expect(await run(['help', 'scale'], io)).toBe(0);
    expect(io.out).toBe(COMMANDS.find((c) => c.name === 'scale')!.help);
  });
});

describe('parseCommand', () => {
  const options = { factor: { type: 'string' }, json: { type: 'boolean' }, output: { type: 'string', short: 'o' } } as const;

  it('reads a negative number as the value of a string option', () => {
    const { values, positionals: given } = parseCommand('scale', ['m', '--factor', '-1', '-o', 'x.yaml', '--json'], options);
    expect(values).toMatchObject({ factor: '-1', output: 'x.yaml', json: true });
    expect(given).toEqual(['m']);
  });

  it('leaves arguments after -- alone', () => {
    const { positionals: given } = parseCommand('info', ['--', '--factor', '-1'], options);
    expect(given).toEqual(['--factor', '-1']);
  });

  it('rewords parseArgs errors as UsageErrors', () => {
    expect(() => parseCommand('scale', ['--nope'], options)).toThrow(new UsageError('unknown option --nope for scale; see fastscale scale --help'));
    expect(() => parseCommand('scale', ['--factor'], options)).toThrow(new UsageError('--factor needs a value'));
    expect(() => parseCommand('scale', ['-o'], options)).toThrow(new UsageError('--output needs a value'));
    expect(() => parseCommand('scale', ['-x'], options)).toThrow(new UsageError('unknown option -x for scale; see fastscale scale --help'));
  });

  it('checks the number of positional arguments', () => {
    expect(positionals('info', ['a'], ['<model>'])).toEqual(['a']);
    expect(() => positionals('info', [], ['<model>'])).toThrow('info: missing <model>');
    expect(() => positionals('info', ['a', 'b'], ['<model>'])).toThrow('info: unexpected argument "b"');
  });
});

describe('progress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const io = recorder(false);
    let now = 0;
    const status = progress(io.stderr, 'plot', () => now);
    now = 10_000;
    status.update(1, 8, 'w');
    status.done();
    expect(io.err).toBe('');
  });

  it('on a terminal, shows a \\r-rewritten line once the work has taken a moment, and clears it', () => {
    const io = recorder(true);
    let now = 0;
    const status = progress(io.stderr, 'plot', () => now);
    status.update(1, 8, 'd');
    expect(io.err).toBe('');
    now = PROGRESS_DELAY_MS;
    status.update(2, 8, 'w');
    status.update(3, 8);
    expect(io.err).toBe('\rplot: 2/8 w\x1b[K\rplot: 3/8\x1b[K');
    status.done();
    expect(io.err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('shows an early update once the delay is over if the work is still going, and nothing after done', async () => {
    vi.useFakeTimers();
    try {
      const io = recorder(true);
      const status = progress(io.stderr, 'plot', () => 0);
      status.update(8, 8, 'rendering');
      expect(io.err).toBe('');
      await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
      expect(io.err).toBe('\rplot: 8/8 rendering\x1b[K');
      status.done();
      const quick = recorder(true);
      const finished = progress(quick.stderr, 'plot', () => 0);
      finished.update(1, 2);
      finished.done();
      await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
      expect(quick.err).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});
