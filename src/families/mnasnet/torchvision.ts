/**
 * MNASNets as PyTorch code through torchvision's own classes: `MNASNet(alpha)` where the spec is one of
 * torchvision's builders' networks; otherwise `MNASNet` with its `layers` rebuilt from torchvision's
 * modules and `_stack` at the spec's widths and depths (and its classifier, where the head is not 1280
 * wide). `null` where `_stack` cannot build a stage (a kernel other than 3 and 5, a stride above 2): the
 * generic module writer then writes it, with the same module names. Written per stage, so O(stages).
 */
import { torchvisionInitialiser } from '../blocks/torch-init.js';
import { FIRST_STAGE } from './network.js';
import type { MnasNetSpec } from './types.js';
import { MNASNET_ALPHAS, mnasNetOf } from './zoo.js';

/** torchvision's MNASNet head width, at every alpha. */
const HEAD = 1280;

export function mnasNetTorchvision(spec: MnasNetSpec): string | null {
  const alpha = builderAlpha(spec);
  if (alpha !== undefined) {
    return `# Written by fastscale: torchvision's MNASNet builder's network.
from torchvision.models.mnasnet import MNASNet


def build():
    return MNASNet(${pythonFloat(alpha)}, num_classes=${spec.numClasses})
`;
  }
  if (spec.stages.some((stage) => (stage.kernel !== 3 && stage.kernel !== 5) || stage.stride > 2)) return null;
  const layers: string[] = [
    `nn.Conv2d(3, ${spec.stemWidth}, 3, padding=1, stride=2, bias=False)`,
    `nn.BatchNorm2d(${spec.stemWidth}, momentum=_BN_MOMENTUM)`,
    'nn.ReLU(inplace=True)',
    `nn.Conv2d(${spec.stemWidth}, ${spec.stemWidth}, 3, padding=1, stride=1, groups=${spec.stemWidth}, bias=False)`,
    `nn.BatchNorm2d(${spec.stemWidth}, momentum=_BN_MOMENTUM)`,
    'nn.ReLU(inplace=True)',
    `nn.Conv2d(${spec.stemWidth}, ${spec.separableWidth}, 1, padding=0, stride=1, bias=False)`,
    `nn.BatchNorm2d(${spec.separableWidth}, momentum=_BN_MOMENTUM)`,
  ];
  let input = spec.separableWidth;
  for (const stage of spec.stages) {
    layers.push(`_stack(${input}, ${stage.width}, ${stage.kernel}, ${stage.stride}, ${stage.expansionRatio}, ${stage.depth}, _BN_MOMENTUM)`);
    input = stage.width;
  }
  layers.push(
    `nn.Conv2d(${input}, ${spec.headWidth}, 1, padding=0, stride=1, bias=False)`,
    `nn.BatchNorm2d(${spec.headWidth}, momentum=_BN_MOMENTUM)`,
    'nn.ReLU(inplace=True)',
  );
  const classifier = spec.headWidth === HEAD ? '' : `    model.classifier[1] = nn.Linear(${spec.headWidth}, ${spec.numClasses})\n`;
  return `${PRELUDE}

def build():
    model = MNASNet(1.0, num_classes=${spec.numClasses})
    # torchvision's stem, stages (_stack: input, output, kernel, stride, expansion, repeats) and last conv,
    # at this spec's widths and depths; layers.${FIRST_STAGE} is the first stage.
    model.layers = nn.Sequential(
${layers.map((layer) => `        ${layer},`).join('\n')}
    )
${classifier}    initialise(model)
    return model
`;
}

const PRELUDE = `# Written by fastscale: torchvision's MNASNet with this spec's stages.
import torch.nn as nn
from torchvision.models.mnasnet import _BN_MOMENTUM, MNASNet, _stack


${torchvisionInitialiser('MNASNet', 'nn.init.kaiming_uniform_(m.weight, mode="fan_out", nonlinearity="sigmoid")')}`;

/** A float literal: `1.0`, `0.75` (JavaScript's shortest round-trip digits, which Python reads back the same). */
function pythonFloat(x: number): string {
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** The alpha of the torchvision builder whose network the spec is (whatever its classes), if any. */
function builderAlpha(spec: MnasNetSpec): number | undefined {
  const structure = (s: MnasNetSpec) => JSON.stringify([s.stemWidth, s.separableWidth, s.stages, s.headWidth]);
  const own = structure(spec);
  return Object.values(MNASNET_ALPHAS).find((alpha) => structure(mnasNetOf(alpha)) === own);
}
