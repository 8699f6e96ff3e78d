/** The model a command works on: a zoo name (pycls's or torchvision's) or a pycls YAML config file. */
import { statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { SpecError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { fromPyclsConfig } from '../io/pycls-config.js';
import type { ModelSpec } from '../spec/types.js';
import { isZooName, zooModel, zooNames } from '../zoo/index.js';
import { hasPyclsConfig, zooConfig } from '../zoo/config.js';
import { UsageError } from './errors.js';
import { type Io, MAX_CONFIG_BYTES, readText } from './io.js';
import { plausible } from './suggest.js';

/** A model and where it came from. */
export interface LoadedModel {
  /** The zoo name, or the config file's name without its extension. */
  readonly name: string;
  readonly spec: ModelSpec;
  /** The pycls YAML it was read from (a pycls zoo model's own config): the template of scaled configs; none for torchvision's models. */
  readonly config: string | undefined;
}

/**
 * The zoo name `argument` stands for: itself, or the one zoo name equal to it but for case
 * (`regnety-400mf`); undefined when there is none or more than one.
 */
export function zooNameOf(argument: string): string | undefined {
  if (isZooName(argument)) return argument;
  const lower = argument.toLowerCase();
  const matches = zooNames().filter((name) => name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Reads the model argument: a zoo name (any case, when only one name matches), else a config file (a
 * file of that path wins over a name that matches only without case). An argument that is neither gets
 * one message saying both, with the zoo names it plausibly meant; a config pycls would reject names the
 * file and the config key (`ANYNET.GROUP_WS[2]`).
 */
export function loadModel(io: Io, argument: string): LoadedModel {
  if (argument === '') {
    throw new UsageError('the model argument is empty: give a zoo model name (fastscale list shows them) or a pycls YAML config file');
  }
  const zooName = isZooName(argument) || !exists(resolve(io.cwd, argument)) ? zooNameOf(argument) : undefined;
  if (zooName !== undefined) return { name: zooName, spec: zooModel(zooName), config: hasPyclsConfig(zooName) ? zooConfig(zooName) : undefined };
  if (!exists(resolve(io.cwd, argument))) {
    const looksLikePath = /[\\/]|\.ya?ml$/i.test(argument);
    if (looksLikePath) throw new UsageError(`cannot read ${argument}: no such file (nor is it a zoo model name)`);
    const suggestions = plausible(argument, zooNames());
    const hint = suggestions.length === 0 ? 'fastscale list shows the zoo models' : `did you mean ${suggestions.join(', ')}?`;
    throw new UsageError(`${describe(argument)} is neither a zoo model nor a config file; ${hint}`);
  }
  const config = readText(io, argument, MAX_CONFIG_BYTES, 'a pycls YAML config');
  let spec: ModelSpec;
  try {
    spec = fromPyclsConfig(config);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new UsageError(`${argument}: ${error.message}`, { cause: error });
  }
  return { name: basename(argument, extname(argument)), spec, config };
}

/** Whether something (a file, a directory, a device) is at `path`; lstat would refuse a link to a file. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
