/**
 * PyTorch code for AnyNets through torchvision's own classes: `torchvision.models.ResNet` with its
 * `BasicBlock`/`Bottleneck` for ResNet-shaped specs, `torchvision.models.RegNet(BlockParams(...))` for
 * RegNet-shaped ones. Whichever names the spec uses (pycls's or torchvision's), the code builds the same
 * network, so its hook counts equal `complexity(spec)`; the module names are torchvision's.
 */
import { roundHalfEven } from '../../internal/python.js';
import type { AnyNetSpec, AnyNetStage } from './types.js';

/**
 * `build()` through torchvision's classes, or `null` where they cannot express the spec (a head conv,
 * another stem or block, squeeze-excite or SiLU on a ResNet, a ResNet of other than 4 stages, a
 * squeeze-excite that would be 0 channels wide).
 */
export function anyNetTorchvision(spec: AnyNetSpec): string | null {
  if (spec.headWidth !== 0) return null;
  if (spec.stem.type === 'simple_stem_in' && spec.blockType === 'res_bottleneck_block') return regNetCode(spec);
  const resNetBlock = spec.blockType === 'res_basic_block' || spec.blockType === 'res_bottleneck_block';
  if (spec.stem.type === 'res_stem_in' && resNetBlock && spec.seRatio === null && spec.activation === 'relu' && spec.stages.length === 4) {
    return resNetCode(spec);
  }
  return null;
}

const HEADER = '# Written by fastscale: builds the network of a fastscale spec with torchvision\'s classes.';

/** A Python float literal (`1.0`, `0.25`). */
function float(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function list(values: readonly (number | string)[]): string {
  return `[${values.join(', ')}]`;
}

/** torchvision's `RegNet` with explicit per-stage `BlockParams` (valid for any widths). */
function regNetCode(spec: AnyNetSpec): string | null {
  const { stages, seRatio } = spec;
  if (seRatio !== null) {
    // torchvision builds squeeze-excite whenever se_ratio is set, even 0 channels wide; pycls leaves it out.
    let inputWidth = spec.stem.width;
    for (const stage of stages) {
      if (roundHalfEven(inputWidth * seRatio) < 1 || roundHalfEven(stage.width * seRatio) < 1) return null;
      inputWidth = stage.width;
    }
  }
  const params = [
    `depths=${list(stages.map((s) => s.depth))}`,
    `widths=${list(stages.map((s) => s.width))}`,
    `group_widths=${list(stages.map((s) => s.groupWidth!))}`,
    `bottleneck_multipliers=${list(stages.map((s) => float(s.bottleneckMultiplier!)))}`,
    `strides=${list(stages.map((s) => s.stride))}`,
    `se_ratio=${seRatio === null ? 'None' : float(seRatio)}`,
  ];
  const activation = spec.activation === 'silu' ? ',\n        activation=nn.SiLU' : '';
  return `${HEADER}
import torch.nn as nn
from torchvision.models.regnet import BlockParams, RegNet


def build():
    return RegNet(
        BlockParams(
            ${params.join(',\n            ')},
        ),
        num_classes=${spec.numClasses},
        stem_width=${spec.stem.width}${activation},
    )
`;
}

/** What torchvision's `ResNet` constructor takes besides the block and the depths, where it expresses the spec. */
interface ResNetArguments {
  readonly groups: number;
  readonly widthPerGroup: number;
}

/**
 * The `groups` and `width_per_group` with which `ResNet(block, depths, ...)` builds exactly these stages
 * (stem 64, strides 1, 2, 2, 2, stage i of `64 * 2^i` planes times the block's expansion, bottleneck
 * `int(planes * width_per_group / 64) * groups`), or `null`.
 */
function resNetArguments(spec: AnyNetSpec): ResNetArguments | null {
  const basic = spec.blockType === 'res_basic_block';
  if (spec.stem.width !== 64) return null;
  const first = spec.stages[0]!;
  const groups = basic ? 1 : roundHalfEven(first.width * first.bottleneckMultiplier!) / first.groupWidth!;
  const widthPerGroup = basic ? 64 : first.groupWidth!;
  const matches = spec.stages.every((stage, i) => {
    const planes = 64 * 2 ** i;
    if (stage.stride !== (i === 0 ? 1 : 2) || stage.width !== planes * (basic ? 1 : 4)) return false;
    return basic || (roundHalfEven(stage.width * stage.bottleneckMultiplier!) === Math.trunc(planes * (widthPerGroup / 64)) * groups && bottleneckGroups(stage) === groups);
  });
  return matches ? { groups, widthPerGroup } : null;
}

function bottleneckGroups(stage: AnyNetStage): number {
  return roundHalfEven(stage.width * stage.bottleneckMultiplier!) / stage.groupWidth!;
}

/** torchvision's `ResNet`: its constructor where it expresses the stages, else its blocks with explicit widths. */
function resNetCode(spec: AnyNetSpec): string {
  const basic = spec.blockType === 'res_basic_block';
  const block = basic ? 'BasicBlock' : 'Bottleneck';
  const depths = list(spec.stages.map((s) => s.depth));
  const args = resNetArguments(spec);
  if (args !== null) {
    const extra = args.groups === 1 && args.widthPerGroup === 64 ? '' : `, groups=${args.groups}, width_per_group=${args.widthPerGroup}`;
    return `${HEADER}
from torchvision.models.resnet import ${block}, ResNet


def build():
    return ResNet(${block}, ${depths}, num_classes=${spec.numClasses}${extra})
`;
  }
  const stages = spec.stages.map((s) => {
    const bottleneck = basic ? s.width : roundHalfEven(s.width * s.bottleneckMultiplier!);
    return `(${s.depth}, ${s.width}, ${s.stride}, ${bottleneck}, ${basic ? 1 : bottleneckGroups(s)})`;
  });
  return `${HEADER}
import torch.nn as nn
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet, conv1x1


def residual_block(block, width_in, width, stride, bottleneck, groups):
    """torchvision's BasicBlock or Bottleneck with explicit widths (a Bottleneck's conv3 and bn3 rebuilt
    where its output is not 4 x its bottleneck width / groups), and its downsample shortcut."""
    downsample = None
    if stride != 1 or width_in != width:
        downsample = nn.Sequential(conv1x1(width_in, width, stride), nn.BatchNorm2d(width))
    if block is BasicBlock:
        return BasicBlock(width_in, width, stride, downsample)
    module = Bottleneck(width_in, bottleneck // groups, stride, downsample, groups)
    if module.conv3.out_channels != width:
        module.conv3 = conv1x1(bottleneck, width)
        module.bn3 = nn.BatchNorm2d(width)
    return module


class StagedResNet(ResNet):
    """torchvision's ResNet (its forward, module names and weight initialisation) with explicit stages
    (depth, width, stride, bottleneck width, groups), which its constructor cannot express."""

    def __init__(self, block, stem_width, stages, num_classes):
        nn.Module.__init__(self)
        self.conv1 = nn.Conv2d(3, stem_width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(stem_width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        width_in = stem_width
        for i, (depth, width, stride, bottleneck, groups) in enumerate(stages):
            blocks = []
            for j in range(depth):
                blocks.append(residual_block(block, width_in, width, stride if j == 0 else 1, bottleneck, groups))
                width_in = width
            setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(width_in, num_classes)
        # As ResNet's constructor initialises its modules.
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)


def build():
    return StagedResNet(
        ${block},
        stem_width=${spec.stem.width},
        stages=[
            ${stages.join(',\n            ')},
        ],
        num_classes=${spec.numClasses},
    )
`;
}
