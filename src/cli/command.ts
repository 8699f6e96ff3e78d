/** What a subcommand module exports. */
import type { Io } from './io.js';

/** A subcommand: its name, one-line summary, help text and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help, printed by `fastscale <name> --help`. */
  readonly help: string;
  /** Runs with the arguments after the subcommand name; throws UsageError or FastscaleError for bad input. */
  run(args: readonly string[], io: Io): Promise<void>;
}

/** The lines every subcommand's help ends with. */
export const COMMON_HELP = `  -h, --help             show this help
      --debug            show the stack trace of an error`;

/** How a model argument is described in every help text. */
export const MODEL_HELP = `  <model | config.yaml>  a zoo model name: pycls's (RegNetY-400MF, ResNet-50, EfficientNet-B0, ...)
                         or torchvision's (resnet18, mobilenet_v3_large, ...); fastscale list shows
                         them all. Or a pycls YAML config file`;
