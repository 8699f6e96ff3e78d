/** torchvision's ConvNeXt (`torchvision/models/convnext.py`), in forward order with its module names. */
import type { Net } from '../../network/net.js';
import { MLP_RATIO } from './schema.js';
import type { ConvNeXtSpec, ConvNeXtStage } from './types.js';

/** torchvision's ConvNeXt norms: `partial(LayerNorm2d, eps=1e-6)` and `partial(nn.LayerNorm, eps=1e-6)`. */
const EPS = 1e-6;

/**
 * `features.0`: stem (4x4 stride-4 conv with bias, LayerNorm2d); `features.(2i+1)`: stage i;
 * `features.(2i)` for i >= 1: downsampling (LayerNorm2d, 2x2 stride-2 conv with bias) into stage i;
 * `avgpool`; `classifier`: LayerNorm2d, flatten, linear.
 */
export function describeConvNeXt(net: Net, spec: ConvNeXtSpec): void {
  const { stages } = spec;
  net.enter('features');
  net.enter('', 0);
  net.conv('0', stages[0]!.width, 4, 4, 1, true, 0);
  net.norm('1', 'layer2d', false, EPS);
  net.exit();
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    if (i > 0) {
      net.enter('', 2 * i);
      net.norm('0', 'layer2d', false, EPS);
      net.conv('1', stage.width, 2, 2, 1, true, 0);
      net.exit();
    }
    net.enter('', 2 * i + 1);
    net.blocks(stage.depth, cnBlock, stage, null);
    net.exit();
  }
  net.exit();
  net.avgPool('avgpool');
  net.enter('classifier');
  net.norm('0', 'layer2d', false, EPS);
  net.flatten('1');
  net.linear('2', spec.numClasses, true);
  net.exit();
}

/**
 * `CNBlock`: 7x7 depthwise conv with bias; to channels-last; LayerNorm; linear to 4x the width; GELU;
 * linear back; to channels-first; times the block's own `layer_scale` parameter; plus the input.
 */
function cnBlock(net: Net, index: number, stage: ConvNeXtStage): void {
  const width = stage.width;
  net.enter('', index);
  net.fork();
  net.enter('block');
  net.conv('0', width, 7, 1, width, true);
  net.permute('1', 'channelsLast');
  net.norm('2', 'layer', false, EPS);
  net.linear('3', MLP_RATIO * width, true);
  net.act('4', 'gelu');
  net.linear('5', width, true);
  net.permute('6', 'channelsFirst');
  net.exit();
  net.scale('layer_scale');
  net.merge('', 'add');
  net.exit();
}
