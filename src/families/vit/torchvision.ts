/** Vision transformers through torchvision's own `VisionTransformer`, where it can build the spec. */
import type { VitSpec } from './types.js';

/**
 * Why torchvision's `VisionTransformer` cannot build a spec, or `null` when it can: it names its modules
 * as torchvision does (so the spec must have `implementation: 'torchvision'`), always reads out a class
 * token, and ends a conv stem with a 1x1, stride-1 conv (`conv_last`).
 */
export function torchvisionLimitation(spec: VitSpec): string | null {
  if (spec.implementation !== 'torchvision') return 'its modules are named as pycls names them';
  if (spec.classifier !== 'token') return 'torchvision always classifies from a class token';
  if (spec.stem.type === 'conv') {
    const last = spec.stem.convs[spec.stem.convs.length - 1]!;
    if (last.kernel !== 1 || last.stride !== 1) return "torchvision's conv stem ends with a 1x1 conv of stride 1";
  }
  return null;
}

/**
 * PyTorch source building the spec with `torchvision.models.VisionTransformer(image_size, patch_size,
 * num_layers, num_heads, hidden_dim, mlp_dim, num_classes=..., conv_stem_configs=[ConvStemConfig(...)])`,
 * or `null` where that class cannot express it (see {@link torchvisionLimitation}).
 */
export function vitTorchvision(spec: VitSpec): string | null {
  if (torchvisionLimitation(spec) !== null) return null;
  const args = [
    `image_size=${spec.resolution.train}`,
    `patch_size=${spec.patchSize}`,
    `num_layers=${spec.layers}`,
    `num_heads=${spec.heads}`,
    `hidden_dim=${spec.hiddenWidth}`,
    `mlp_dim=${spec.mlpWidth}`,
    `num_classes=${spec.numClasses}`,
  ];
  if (spec.stem.type === 'conv') {
    // Every conv but the last is a Conv2dNormActivation (conv, BatchNorm2d, ReLU); the class adds the last 1x1 conv itself.
    const configs = spec.stem.convs.slice(0, -1).map((c) => `            ConvStemConfig(out_channels=${c.width}, kernel_size=${c.kernel}, stride=${c.stride}),`);
    args.push(configs.length === 0 ? 'conv_stem_configs=[]' : `conv_stem_configs=[\n${configs.join('\n')}\n        ]`);
  }
  return `# Written by fastscale: builds the network of a fastscale spec with torchvision's own classes.
from torchvision.models.vision_transformer import ConvStemConfig, VisionTransformer


def build():
    return VisionTransformer(
${args.map((arg) => `        ${arg},`).join('\n')}
    )
`;
}
