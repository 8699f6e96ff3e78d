/** The model a command works on: a pycls model-zoo name or a pycls YAML config file. */
import { statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { SpecError } from '../errors.js';
import { closest } from '../internal/closest.js';
import { fromPyclsConfig } from '../io/pycls-config.js';
import type { ModelSpec } from '../spec/types.js';
import { isZooName, zooModel, zooNames } from '../zoo/index.js';
import { zooConfig } from '../zoo/config.js';
import { UsageError } from './errors.js';
import { type Io, readText } from './io.js';

/** A model and where it came from. */
export interface LoadedModel {
  /** The zoo name, or the config file's name without its extension. */
  readonly name: string;
  readonly spec: ModelSpec;
  /** The pycls YAML it was read from (a zoo model's own config): the template of scaled configs. */
  readonly config: string;
}

/**
 * Reads the model argument: a zoo name (`RegNetY-400MF`), else a config file. An argument that is
 * neither gets one message saying both, with the closest zoo names; a config pycls would reject names
 * the file and the config key (`ANYNET.GROUP_WS[2]`).
 */
export function loadModel(io: Io, argument: string): LoadedModel {
  if (isZooName(argument)) return { name: argument, spec: zooModel(argument), config: zooConfig(argument) };
  if (!exists(resolve(io.cwd, argument))) {
    const looksLikePath = /[\\/]|\.ya?ml$/i.test(argument);
    const suggestions = closest(argument, zooNames()).join(', ');
    throw new UsageError(
      looksLikePath
        ? `cannot read ${argument}: no such file (nor is it a zoo model name)`
        : `${JSON.stringify(argument)} is neither a zoo model nor a config file; closest zoo models: ${suggestions}`,
    );
  }
  const config = readText(io, argument);
  let spec: ModelSpec;
  try {
    spec = fromPyclsConfig(config);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new UsageError(`${argument}: ${error.message}`, { cause: error });
  }
  return { name: basename(argument, extname(argument)), spec, config };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
