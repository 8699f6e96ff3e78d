/**
 * The `fastscale` command: dispatch to a subcommand, and turn errors into one line on stderr with exit
 * code 2 (bad input) or 1 (a bug), with the stack only under `--debug`.
 */
import { version } from '../../package.json';
import { FastscaleError } from '../errors.js';
import { describe } from '../internal/describe.js';
import type { Command } from './command.js';
import { compare } from './commands/compare.js';
import { exportCommand } from './commands/export.js';
import { info } from './commands/info.js';
import { list } from './commands/list.js';
import { measure } from './commands/measure.js';
import { plot } from './commands/plot.js';
import { predict } from './commands/predict.js';
import { profile } from './commands/profile.js';
import { runtime } from './commands/runtime.js';
import { scale } from './commands/scale.js';
import { sweep } from './commands/sweep.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { plausible } from './suggest.js';

/** The subcommands, in the order help lists them. */
export const COMMANDS: readonly Command[] = [list, info, scale, compare, plot, runtime, measure, profile, predict, sweep, exportCommand];

/** Exit codes: success, an internal error, bad input. */
export const EXIT = { ok: 0, internal: 1, usage: 2 } as const;

function topHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: fastscale <command> [options]

Scale neural networks with fast compound scaling (Dollár, Singh, Girshick, CVPR 2021), count their exact
flops, parameters and activations (as pycls counts them), and export them for PyTorch, pycls or ONNX.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (fastscale <command> --help for a command's)
  -v, --version  print the version
      --debug    show the stack trace of an error

A model is a zoo name (RegNetY-400MF, mobilenet_v3_large; fastscale list shows them) or a pycls YAML\nconfig file.
`;
}

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code.
 *
 * @param commands - the subcommands (tests pass their own)
 */
export async function run(args: readonly string[], io: Io, commands: readonly Command[] = COMMANDS): Promise<number> {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const debug = args.slice(0, end).includes('--debug');
  try {
    // --debug may come anywhere before `--`, even before the command.
    const [first, ...rest] = args.filter((arg, i) => arg !== '--debug' || i > end);
    if (first === undefined) throw new UsageError(`missing command (${commands.map((c) => c.name).join(', ')}); see fastscale --help`);
    if (first === '-h' || first === '--help' || first === 'help') {
      const command = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(command?.help ?? topHelp(commands));
      return EXIT.ok;
    }
    if (first === '-v' || first === '--version') {
      io.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    const command = commands.find((c) => c.name === first);
    if (command === undefined) {
      if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; see fastscale --help`);
      const guesses = plausible(first, commands.map((c) => c.name));
      const guess = guesses.length === 0 ? '' : ` (did you mean ${guesses.join(' or ')}?)`;
      throw new UsageError(`unknown command ${describe(first)}${guess}; the commands are ${commands.map((c) => c.name).join(', ')}`);
    }
    await command.run(rest, io);
    return EXIT.ok;
  } catch (error) {
    return report(error, io, debug);
  }
}

/** One line on stderr (and the stack under --debug); the exit code the error deserves. */
function report(error: unknown, io: Io, debug: boolean): number {
  const stack = (): void => {
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  };
  if (error instanceof UsageError || error instanceof FastscaleError) {
    io.stderr.write(`fastscale: ${error.message}\n`);
    stack();
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`fastscale: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  stack();
  return EXIT.internal;
}
