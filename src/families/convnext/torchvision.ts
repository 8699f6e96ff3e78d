/** A ConvNeXt as PyTorch code through torchvision's own `ConvNeXt` class (every spec is expressible). */
import type { ConvNeXtSpec } from './types.js';

/** `build()` returning `torchvision.models.ConvNeXt` with one `CNBlockConfig` per stage. */
export function convNeXtTorchvision(spec: ConvNeXtSpec): string {
  const { stages } = spec;
  const settings = stages.map((stage, i) => {
    const next = i + 1 < stages.length ? String(stages[i + 1]!.width) : 'None';
    return `            CNBlockConfig(${stage.width}, ${next}, ${stage.depth}),`;
  });
  return `# Written by fastscale: a ConvNeXt through torchvision's own classes.
from torchvision.models.convnext import CNBlockConfig, ConvNeXt


def build():
    # stochastic_depth_prob only acts in training (torchvision's builders use 0.1 to 0.5): set your recipe's.
    return ConvNeXt(
        block_setting=[
${settings.join('\n')}
        ],
        num_classes=${spec.numClasses},
    )
`;
}
