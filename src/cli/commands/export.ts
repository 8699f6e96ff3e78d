import { toPyclsConfig } from '../../io/pycls-config.js';
import { toOnnx } from '../../onnx/export.js';
import { scale as scaleSpec } from '../../scaling/scale.js';
import { toTorchvision } from '../../torch/index.js';
import { choiceOption, parseCommand, positionals, positiveOption } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { UsageError } from '../errors.js';
import { writeText } from '../io.js';
import { loadModel } from '../model.js';
import { policyOption, strategyOption } from '../strategy-options.js';

const FORMATS = ['torchvision', 'pycls', 'onnx'] as const;

const HELP = `Usage: fastscale export <model | config.yaml> --format torchvision|pycls|onnx [-o FILE]
         [--factor S [--alpha A | --strategy STRATEGY] [--policy pycls|efficientnet]]

Write a model (scaled first with --factor) in a form another tool builds or runs:
  torchvision  PyTorch source defining build(), with torchvision's classes where they express the
               model (a torchvision zoo model's state dict then loads torchvision's pretrained weights)
  pycls        a pycls YAML config (pycls families only), keeping a config file's training settings
  onnx         an ONNX model with seeded random weights (needs -o FILE)

Arguments:
${MODEL_HELP}

Options:
      --format F         torchvision, pycls or onnx
  -o, --output FILE      write to FILE (default: stdout for torchvision and pycls)
      --factor S         scale to S times the flops first (default strategy: fast compound, alpha 0.8)
      --alpha A          fast compound scaling with this alpha in [0, 1]
      --strategy S       a pycls strategy instead (d1_w8_g8_r1, dwr, d, ...)
      --policy P         rounding: pycls (default) or efficientnet
${COMMON_HELP}
`;

/** `fastscale export`: a model as PyTorch code, a pycls config or an ONNX file. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a (scaled) model as PyTorch/torchvision code, a pycls config or ONNX',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('export', args, {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      factor: { type: 'string' },
      alpha: { type: 'string' },
      strategy: { type: 'string' },
      policy: { type: 'string' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('export', given, ['<model | config.yaml>']);
    if (values.format === undefined) throw new UsageError('missing --format (torchvision, pycls or onnx)');
    const format = choiceOption('--format', values.format, FORMATS);
    if (values.factor === undefined && (values.alpha !== undefined || values.strategy !== undefined || values.policy !== undefined)) {
      throw new UsageError('--alpha, --strategy and --policy choose how --factor scales: give --factor too');
    }
    if (format === 'onnx' && (values.output === undefined || values.output === '-')) {
      throw new UsageError('--format onnx writes a binary file: give -o FILE.onnx');
    }
    const model = loadModel(io, argument!);
    const spec =
      values.factor === undefined
        ? model.spec
        : scaleSpec(model.spec, strategyOption(values.strategy, values.alpha).strategy, positiveOption('--factor', values.factor), {
            policy: policyOption(values.policy),
          });
    const content = format === 'torchvision' ? toTorchvision(spec) : format === 'pycls' ? toPyclsConfig(spec, { template: model.config }) : toOnnx(spec);
    writeText(io, values.output ?? '-', content);
  },
};
