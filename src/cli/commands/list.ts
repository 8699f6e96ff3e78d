import { complexity } from '../../complexity/index.js';
import { FAMILIES as REGISTERED } from '../../families/index.js';
import type { Complexity, ModelFamily } from '../../spec/types.js';
import { zooModel, zooNames } from '../../zoo/index.js';
import { choiceOption, parseCommand, positionals, quantityOption } from '../args.js';
import { COMMON_HELP, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { formatFlops, formatMillions, table } from '../format.js';
import { printJson } from '../io.js';

const HELP = `Usage: fastscale list [--family regnet|anynet|efficientnet|vit|mobilenet|mnasnet] [--min-flops F] [--max-flops F] [--json]

List the built-in zoo models (pycls's model zoo, then the vision transformers and torchvision's models
by builder name) with their family and complexity (flops, params and activations at their training
resolution). Any command takes these names, in any case.

Options:
      --family F         only models of this spec family: regnet (RegNetX, RegNetY), anynet
                         (the ResNe(X)ts, which pycls's zoo configs define as AnyNets), efficientnet,
                         vit (vision transformers), mobilenet (torchvision's MobileNetV2 and V3) or mnasnet
      --min-flops F      only models of at least F flops: 4e9, 4G, 400MF, ...
      --max-flops F      only models of at most F flops
      --json             print [{ name, family, complexity }] as JSON
${COMMON_HELP}
`;

/** The spec families of zoo models, for `--family`: the registry's, in zoo order. */
const FAMILIES: readonly ModelFamily[] = REGISTERED.map((family) => family.name);

/** One zoo model as listed. */
interface Listed {
  readonly name: string;
  readonly family: ModelFamily;
  readonly complexity: Complexity;
}

/** `fastscale list`: the zoo models, their family and complexity. */
export const list: Command = {
  name: 'list',
  summary: 'list the built-in zoo models with their family, flops, params and activations',
  help: HELP,
  async run(args, io) {
    const { values, positionals: given } = parseCommand('list', args, {
      family: { type: 'string' },
      'min-flops': { type: 'string' },
      'max-flops': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(HELP);
      return;
    }
    positionals('list', given, []);
    const family = values.family === undefined ? undefined : choiceOption('--family', values.family, FAMILIES);
    const min = values['min-flops'] === undefined ? 0 : quantityOption('--min-flops', values['min-flops'], true);
    const max = values['max-flops'] === undefined ? Infinity : quantityOption('--max-flops', values['max-flops'], true);
    if (min > max) throw new UsageError(`--min-flops ${values['min-flops']} is above --max-flops ${values['max-flops']}: no model can match`);
    const models: Listed[] = zooNames()
      .map((name) => {
        const spec = zooModel(name);
        return { name, family: spec.family, complexity: complexity(spec) };
      })
      .filter((m) => (family === undefined || m.family === family) && m.complexity.flops >= min && m.complexity.flops <= max);
    if (values.json === true) {
      printJson(io, models);
      return;
    }
    if (models.length === 0) {
      io.stdout.write('no zoo model matches (fastscale list without options shows all)\n');
      return;
    }
    const cells = models.map((m) => [m.name, m.family, formatFlops(m.complexity.flops), formatMillions(m.complexity.params), formatMillions(m.complexity.acts)]);
    io.stdout.write(table(['model', 'family', 'flops', 'params', 'acts'], cells, ['l', 'l', 'r', 'r', 'r']));
  },
};
