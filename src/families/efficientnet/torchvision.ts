/**
 * A torchvision-named EfficientNet as PyTorch code through torchvision's own classes:
 * `EfficientNet(inverted_residual_setting=[MBConvConfig(...), FusedMBConvConfig(...)], ...)` with
 * width and depth multipliers of 1 and explicit channels.
 */
import { efficientNetChannels } from '../../scaling/rounding.js';
import type { EfficientNetSpec } from './types.js';

/**
 * `build()` through torchvision's classes, or `null` where they cannot express the spec: pycls naming,
 * an activation other than SiLU, a squeeze-excite ratio other than 1/4 (torchvision's `w_in // 4`), a
 * stride above 2, or an MBConv stage width that `MBConvConfig` would round (it passes every width
 * through `_make_divisible(w, 8)`).
 */
export function efficientNetTorchvision(spec: EfficientNetSpec): string | null {
  if (spec.implementation !== 'torchvision' || spec.activation !== 'silu') return null;
  let inputWidth = spec.stemWidth;
  const settings: string[] = [];
  for (const stage of spec.stages) {
    if (stage.stride > 2) return null;
    const fused = stage.fused === true;
    if (!fused && (spec.seRatio !== 0.25 || !keptByMBConvConfig(inputWidth) || !keptByMBConvConfig(stage.width))) return null;
    const args = [stage.expansionRatio, stage.kernel, stage.stride, inputWidth, stage.width, stage.depth].join(', ');
    settings.push(`            ${fused ? 'FusedMBConvConfig' : 'MBConvConfig'}(${args}),`);
    inputWidth = stage.width;
  }
  const eps = spec.batchNormEps ?? 1e-5;
  const imports = ['EfficientNet', 'FusedMBConvConfig', 'MBConvConfig'].filter((name) => name === 'EfficientNet' || settings.some((s) => s.includes(` ${name}(`)));
  return `# Written by fastscale: an EfficientNet through torchvision's own classes.
${eps === 1e-5 ? '' : 'from functools import partial\n\nimport torch.nn as nn\n'}from torchvision.models.efficientnet import ${imports.join(', ')}


def build():
    # dropout and stochastic_depth_prob only act in training (torchvision's builders use dropout 0.2 to
    # 0.5): set your recipe's.
    return EfficientNet(
        inverted_residual_setting=[
${settings.join('\n')}
        ],
        dropout=0.2,
        num_classes=${spec.numClasses},
        last_channel=${spec.headWidth},${eps === 1e-5 ? '' : `\n        norm_layer=partial(nn.BatchNorm2d, eps=${eps}),`}
    )
`;
}

/** Whether `MBConvConfig`'s `adjust_channels(w, 1.0)` leaves a width as it is. */
function keptByMBConvConfig(width: number): boolean {
  return efficientNetChannels(width, 1) === width;
}
