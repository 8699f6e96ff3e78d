import { complexity } from '../../complexity/index.js';
import { parseCommand, positionals } from '../args.js';
import { COMMON_HELP, type Command, MODEL_HELP } from '../command.js';
import { printJson } from '../io.js';
import { loadModel } from '../model.js';
import { complexityText, layerText, specText } from '../spec-tables.js';
import { layers } from '../../network/layers.js';

const HELP = `Usage: fastscale info <model | config.yaml> [--layers] [--json]

Show a model's specification per stage and its complexity: flops (multiply-adds), parameters and
activations, in human units and as the exact integers pycls computes.

Arguments:
${MODEL_HELP}

Options:
      --layers           one row per module instead, in forward order, named by its module path
                         (pycls's or torchvision's); the rows add up to the complexity
      --json             print { name, spec, complexity } (with --layers: { name, layers }) as JSON
${COMMON_HELP}
`;

/** `fastscale info`: a model's stages and complexity. */
export const info: Command = {
  name: 'info',
  summary: "show a model's stages and its flops, params and activations",
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('info', args, { json: { type: 'boolean' }, layers: { type: 'boolean' } });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    const [argument] = positionals('info', given, ['<model | config.yaml>']);
    const model = loadModel(io, argument!);
    const cx = complexity(model.spec);
    if (values.layers === true) {
      const rows = layers(model.spec);
      if (values.json === true) printJson(io, { name: model.name, layers: rows });
      else io.stdout.write(`${model.name}\n\n${layerText(rows)}\ntotal at ${model.spec.resolution.train} px:\n${complexityText(cx)}`);
      return;
    }
    if (values.json === true) {
      printJson(io, { name: model.name, spec: model.spec, complexity: cx });
      return;
    }
    io.stdout.write(`${model.name}\n\n${specText(model.spec)}\ncomplexity at ${model.spec.resolution.train} px:\n${complexityText(cx)}`);
  },
};
