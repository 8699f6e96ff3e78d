/**
 * EfficientNet summaries (src/families/efficientnet/summary.ts) against the constants of the reference
 * models: pycls's EN-B0 config (configs/dds_baselines/effnet/EN-B0_dds_8gpu.yaml) and torchvision 0.14's
 * `efficientnet_v2_s` (`_efficientnet_conf`: FusedMBConv and MBConv stages, BatchNorm eps 1e-3, 384 px).
 */
import { describe, expect, it } from 'vitest';
import { zooModel } from '../../../src/index.js';
import { efficientNetSummary } from '../../../src/families/efficientnet/summary.js';
import type { EfficientNetSpec } from '../../../src/families/efficientnet/types.js';

describe('efficientNetSummary', () => {
  it("EfficientNet-B0 (pycls): its fields, and each stage's depth, width, expansion, kernel and stride; no block column", () => {
    const summary = efficientNetSummary(zooModel('EfficientNet-B0') as EfficientNetSpec);
    expect(summary.fields).toEqual([
      ['family', 'efficientnet'],
      ['stem width', '32'],
      ['squeeze-excite', '0.25'],
      ['head width', '1280'],
      ['classes', '1000'],
      ['activation', 'silu'],
      ['resolution', 'train 224 px, test 256 px'],
    ]);
    expect(summary.stageHeader).toEqual(['stage', 'depth', 'width', 'expansion', 'kernel', 'stride']);
    // EN.DEPTHS, WIDTHS, EXP_RATIOS, KERNELS, STRIDES of the config, one row per stage.
    expect(summary.stages).toEqual([
      ['1', '1', '16', '1', '3', '1'],
      ['2', '2', '24', '6', '3', '2'],
      ['3', '2', '40', '6', '5', '2'],
      ['4', '3', '80', '6', '3', '2'],
      ['5', '3', '112', '6', '5', '1'],
      ['6', '4', '192', '6', '5', '2'],
      ['7', '1', '320', '6', '3', '1'],
    ]);
  });

  it('efficientnet_v2_s (torchvision): its modules and batch norm eps, and a block column saying fused or mbconv', () => {
    const summary = efficientNetSummary(zooModel('efficientnet_v2_s') as EfficientNetSpec);
    expect(summary.fields).toEqual([
      ['family', 'efficientnet'],
      ['stem width', '24'],
      ['squeeze-excite', '0.25'],
      ['head width', '1280'],
      ['classes', '1000'],
      ['activation', 'silu'],
      ['resolution', 'train 384 px, test 384 px'],
      ['modules', 'torchvision'],
      ['batch norm eps', '0.001'],
    ]);
    expect(summary.stageHeader).toEqual(['stage', 'depth', 'width', 'expansion', 'kernel', 'stride', 'block']);
    // FusedMBConvConfig(1, 3, 1, 24, 24, 2), (4, 3, 2, 24, 48, 4), (4, 3, 2, 48, 64, 4); MBConvConfig(4, 3, 2, 64, 128, 6),
    // (6, 3, 1, 128, 160, 9), (6, 3, 2, 160, 256, 15).
    expect(summary.stages).toEqual([
      ['1', '2', '24', '1', '3', '1', 'fused'],
      ['2', '4', '48', '4', '3', '2', 'fused'],
      ['3', '4', '64', '4', '3', '2', 'fused'],
      ['4', '6', '128', '4', '3', '2', 'mbconv'],
      ['5', '9', '160', '6', '3', '1', 'mbconv'],
      ['6', '15', '256', '6', '3', '2', 'mbconv'],
    ]);
  });
});
