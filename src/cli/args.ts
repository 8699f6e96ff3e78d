/**
 * Command-line parsing on `node:util` `parseArgs` (strict): unknown flags, missing values and stray
 * arguments become {@link UsageError}s worded for a person, and option values are checked with the flag
 * named in the message.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { parseQuantity } from './format.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every subcommand takes. */
const COMMON = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const satisfies Options;

type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T & typeof COMMON; strict: true; allowPositionals: true }>>;

/**
 * Parses a subcommand's arguments. `--factor -1` is read as the value -1 (parseArgs alone calls it
 * ambiguous), so that the number check can say what is wrong with it.
 */
export function parseCommand<const T extends Options>(command: string, args: readonly string[], options: T): Parsed<T> {
  const all = { ...options, ...COMMON };
  const normalized: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') {
      normalized.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && all[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      normalized.push(`${arg}=${next}`);
      i++;
    } else {
      normalized.push(arg);
    }
  }
  try {
    return parseArgs({ args: normalized, options: all as T & typeof COMMON, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error, command);
  }
}

/** parseArgs's errors, reworded: the flag, what is wrong, where to look. */
function usageErrorOf(error: unknown, command: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs quotes the option as '--factor', '-x' or '-o, --output <value>': name the long form.
  const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? '';
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? /-[\w-]+/.exec(quoted)?.[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(`unknown option ${flag} for ${command}; see fastscale ${command} --help`, { cause: error });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('argument missing')) return new UsageError(`${flag} needs a value`, { cause: error });
    if (message.includes('does not take an argument')) return new UsageError(`${flag} takes no value`, { cause: error });
    return new UsageError(`${command}: ${message.split('\n')[0]}`, { cause: error });
  }
  return error;
}

/** Exactly `names.length` positional arguments, or a UsageError naming the missing or extra ones. */
export function positionals(command: string, given: readonly string[], names: readonly string[]): string[] {
  if (given.length < names.length) {
    throw new UsageError(`${command}: missing ${names.slice(given.length).join(' and ')}; see fastscale ${command} --help`);
  }
  if (given.length > names.length) {
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(given[names.length])}; see fastscale ${command} --help`);
  }
  return [...given];
}

const DECIMAL = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^-(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal number (`4`, `1.5`, `2e3`, `-1`), or a UsageError naming the flag. */
export function numberOption(flag: string, text: string): number {
  if (!DECIMAL.test(text.trim())) throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a number`);
  return Number(text);
}

/** A finite number > 0. */
export function positiveOption(flag: string, text: string): number {
  const value = numberOption(flag, text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${flag}: ${text} is not a number > 0`);
  return value;
}

/** An integer >= `minimum`. */
export function integerOption(flag: string, text: string, minimum: number): number {
  const value = numberOption(flag, text);
  if (!Number.isSafeInteger(value) || value < minimum) throw new UsageError(`${flag}: ${text} is not an integer >= ${minimum}`);
  return value;
}

/** A budget with an optional K/M/G/T suffix (and F for flops): see {@link parseQuantity}. */
export function quantityOption(flag: string, text: string, flops: boolean): number {
  const value = parseQuantity(text, flops);
  if (value === undefined || !(value > 0)) {
    const examples = flops ? '4e9, 4000000000, 4G or 4GF' : '20e6, 20000000 or 20M';
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not a number > 0 (write it as ${examples})`);
  }
  return value;
}

/** A comma-separated list of non-empty items. */
export function listOption(flag: string, text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`${flag}: ${JSON.stringify(text)} has an empty item (write a,b,c)`);
  return items;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag}: ${JSON.stringify(text)} is not one of ${choices.join(', ')}`);
}
