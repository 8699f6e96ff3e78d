// docs/guide.md, step 4: the pycls config of the 1.6 GF dWr model, training settings from the zoo
// config of the base; printed here are its model sections and image sizes.
import { parseDocument } from 'yaml';
import { scaleToTarget, toPyclsConfig, zooConfig, zooModel } from 'fastscale';

const base = zooModel('RegNetY-400MF');
const { spec } = scaleToTarget(base, { flops: 1.6e9 }, 'dWr');
const yaml = toPyclsConfig(spec, { template: zooConfig('RegNetY-400MF') });

const doc = parseDocument(yaml);
for (const section of ['OPTIM', 'NUM_GPUS', 'OUT_DIR']) doc.delete(section);
process.stdout.write(doc.toString({ flowCollectionPadding: false }));
