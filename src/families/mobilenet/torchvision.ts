/**
 * MobileNets as PyTorch code through torchvision's own classes: `MobileNetV2(inverted_residual_setting=...)`
 * (with its stem and head modules replaced where they are not 32 and 1280 wide), and
 * `MobileNetV3([InvertedResidualConfig(...), ...], last_channel)`. Where those classes cannot build the
 * spec (a stride above 2; in V2 a kernel other than 3 or an activation other than ReLU6; in V3 ReLU6, or a
 * width that `InvertedResidualConfig` would round to a multiple of 8), `null`: the generic module writer
 * then writes it, with the same module names. Written per stage, so O(stages).
 */
import { makeDivisible } from '../blocks/divisible.js';
import { torchvisionInitialiser } from '../blocks/torch-init.js';
import { expandedWidthOf } from './network.js';
import type { MobileNetSpec, MobileNetStage, MobileNetV2Spec, MobileNetV3Spec } from './types.js';

/** torchvision's MobileNetV2 stem and head widths (at `width_mult=1.0`). */
const V2_STEM = 32;
const V2_HEAD = 1280;

export function mobileNetTorchvision(spec: MobileNetSpec): string | null {
  if (spec.stages.some((stage) => stage.stride > 2)) return null;
  return spec.version === 'v2' ? mobileNetV2Code(spec) : mobileNetV3Code(spec);
}

/** A Python number literal (JavaScript's shortest round-trip form is valid Python and reads back the same double). */
const number = (x: number): string => String(x);

function mobileNetV2Code(spec: MobileNetV2Spec): string | null {
  if (spec.stages.some((stage) => stage.kernel !== 3 || stage.activation !== 'relu6')) return null;
  const rows: string[] = [];
  let input = spec.stemWidth;
  for (const stage of spec.stages) {
    if (stage.expansionRatio !== undefined) {
      rows.push(`[${number(stage.expansionRatio)}, ${stage.width}, ${stage.depth}, ${stage.stride}]`);
    } else {
      // An explicit expanded width as MobileNetV2's ratio: round(input * (expanded / input)) == expanded.
      const expanded = stage.expandedWidth!;
      rows.push(`[${number(expanded / input)}, ${stage.width}, 1, ${stage.stride}]`);
      if (stage.depth > 1) rows.push(`[${number(expanded / stage.width)}, ${stage.width}, ${stage.depth - 1}, 1]`);
    }
    input = stage.width;
  }
  const patches: string[] = [];
  const rebuilt: string[] = [];
  if (spec.stemWidth !== V2_STEM) {
    const first = spec.stages[0]!;
    const ratio = first.expansionRatio ?? first.expandedWidth! / spec.stemWidth;
    patches.push(
      `    # The stem is ${spec.stemWidth} wide, not ${V2_STEM}: its conv and the first block, rebuilt.`,
      `    model.features[0] = Conv2dNormActivation(3, ${spec.stemWidth}, stride=2, norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU6)`,
      `    model.features[1] = InvertedResidual(${spec.stemWidth}, ${first.width}, ${first.stride}, expand_ratio=${number(ratio)})`,
    );
    rebuilt.push('model.features[0]', 'model.features[1]');
  }
  if (spec.headWidth !== V2_HEAD) {
    patches.push(
      `    # The last conv is ${spec.headWidth} wide, not ${V2_HEAD}: it and the classifier, rebuilt.`,
      `    model.features[-1] = Conv2dNormActivation(${input}, ${spec.headWidth}, kernel_size=1, norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU6)`,
      `    model.classifier[1] = nn.Linear(${spec.headWidth}, ${spec.numClasses})`,
    );
    rebuilt.push('model.features[-1]', 'model.classifier[1]');
  }
  if (rebuilt.length > 0) patches.push(`    initialise(${rebuilt.join(', ')})`);
  return `# Written by fastscale: torchvision's MobileNetV2 with this spec's stages.
import torch.nn as nn
from torchvision.models.mobilenetv2 import InvertedResidual, MobileNetV2
from torchvision.ops.misc import Conv2dNormActivation

# t (expansion ratio), c (output channels), n (blocks), s (stride of the first block)
SETTING = [
${rows.map((row) => `    ${row},`).join('\n')}
]
${rebuilt.length === 0 ? '' : V2_INITIALISE}

def build():
    # round_nearest=1 keeps every width as written.
    model = MobileNetV2(num_classes=${spec.numClasses}, inverted_residual_setting=SETTING, round_nearest=1)
${patches.length === 0 ? '' : `${patches.join('\n')}\n`}    return model
`;
}

/** MobileNetV2's constructor initialises its modules so; modules rebuilt after it are initialised alike. */
const V2_INITIALISE = `\n\n${torchvisionInitialiser('MobileNetV2', 'nn.init.normal_(m.weight, 0, 0.01)')}`;

const V3_ACTIVATIONS: Readonly<Record<string, string>> = { relu: 'RE', hardswish: 'HS' };

function mobileNetV3Code(spec: MobileNetV3Spec): string | null {
  if (spec.stages.some((stage) => V3_ACTIVATIONS[stage.activation] === undefined)) return null;
  const rows: string[] = [];
  let input = spec.stemWidth;
  for (const stage of spec.stages) {
    const first = config(stage, input, stage.stride);
    if (first === null) return null;
    rows.push(first);
    if (stage.depth > 1) {
      const rest = config(stage, stage.width, 1);
      if (rest === null) return null;
      rows.push(stage.depth === 2 ? rest : `*[${rest}] * ${stage.depth - 1}`);
    }
    input = stage.width;
  }
  return `# Written by fastscale: torchvision's MobileNetV3 with this spec's blocks.
from torchvision.models.mobilenetv3 import InvertedResidualConfig, MobileNetV3

# input, kernel, expanded, output channels, squeeze-excite, activation ("RE" ReLU, "HS" hardswish), stride,
# dilation, width multiplier
SETTING = [
${rows.map((row) => `    ${row},`).join('\n')}
]


def build():
    return MobileNetV3(SETTING, last_channel=${spec.lastChannel}, num_classes=${spec.numClasses})
`;
}

/** One block's `InvertedResidualConfig`, or `null` where its width rounding (to multiples of 8) would change a width. */
function config(stage: MobileNetStage, input: number, stride: number): string | null {
  const expanded = expandedWidthOf(stage, input);
  if ([input, expanded, stage.width].some((width) => makeDivisible(width, 8) !== width)) return null;
  const se = stage.squeezeExcite ? 'True' : 'False';
  return `InvertedResidualConfig(${input}, ${stage.kernel}, ${expanded}, ${stage.width}, ${se}, "${V3_ACTIVATIONS[stage.activation]!}", ${stride}, 1, 1.0)`;
}
