/**
 * pycls's RegNet model zoo (MODEL_ZOO.md): one row per model, as its config sets it; and torchvision's
 * RegNets (`torchvision.models.regnet`), one row per builder, as its `BlockParams.from_init_params` call
 * sets it.
 */
import type { RegNetSpec } from './types.js';

/** A pycls zoo RegNet: `REGNET.DEPTH`, `W0`, `WA`, `WM`, `GROUP_W`; Y models add squeeze-excite 0.25. */
function regNet(y: boolean, depth: number, w0: number, wa: number, wm: number, groupWidth: number): RegNetSpec {
  return {
    family: 'regnet',
    wa,
    w0,
    wm,
    depth,
    groupWidth,
    bottleneckMultiplier: 1,
    stride: 2,
    seRatio: y ? 0.25 : null,
    stem: { type: 'simple_stem_in', width: 32 },
    blockType: 'res_bottleneck_block',
    headWidth: 0,
    numClasses: 1000,
    activation: 'relu',
    resolution: { train: 224, test: 256 },
  };
}

const x = (depth: number, w0: number, wa: number, wm: number, groupWidth: number): RegNetSpec => regNet(false, depth, w0, wa, wm, groupWidth);
const y = (depth: number, w0: number, wa: number, wm: number, groupWidth: number): RegNetSpec => regNet(true, depth, w0, wa, wm, groupWidth);

/**
 * A torchvision RegNet builder: `depth`, `w_0`, `w_a`, `w_m`, `group_width` (Y: `se_ratio=0.25`), generated
 * with torchvision's rounding, at the crop size of its default weights.
 */
function torchvision(y: boolean, depth: number, w0: number, wa: number, wm: number, groupWidth: number, crop = 224): RegNetSpec {
  return { ...regNet(y, depth, w0, wa, wm, groupWidth), resolution: { train: crop, test: crop }, implementation: 'torchvision' };
}

const tvX = (depth: number, w0: number, wa: number, wm: number, groupWidth: number): RegNetSpec => torchvision(false, depth, w0, wa, wm, groupWidth);
const tvY = (depth: number, w0: number, wa: number, wm: number, groupWidth: number, crop?: number): RegNetSpec =>
  torchvision(true, depth, w0, wa, wm, groupWidth, crop);

export const REGNET_ZOO = {
  'RegNetX-200MF': x(13, 24, 36.44, 2.49, 8),
  'RegNetX-400MF': x(22, 24, 24.48, 2.54, 16),
  'RegNetX-600MF': x(16, 48, 36.97, 2.24, 24),
  'RegNetX-800MF': x(16, 56, 35.73, 2.28, 16),
  'RegNetX-1.6GF': x(18, 80, 34.01, 2.25, 24),
  'RegNetX-3.2GF': x(25, 88, 26.31, 2.25, 48),
  'RegNetX-4.0GF': x(23, 96, 38.65, 2.43, 40),
  'RegNetX-6.4GF': x(17, 184, 60.83, 2.07, 56),
  'RegNetX-8.0GF': x(23, 80, 49.56, 2.88, 120),
  'RegNetX-12GF': x(19, 168, 73.36, 2.37, 112),
  'RegNetX-16GF': x(22, 216, 55.59, 2.1, 128),
  'RegNetX-32GF': x(23, 320, 69.86, 2.0, 168),
  'RegNetY-200MF': y(13, 24, 36.44, 2.49, 8),
  'RegNetY-400MF': y(16, 48, 27.89, 2.09, 8),
  'RegNetY-600MF': y(15, 48, 32.54, 2.32, 16),
  'RegNetY-800MF': y(14, 56, 38.84, 2.4, 16),
  'RegNetY-1.6GF': y(27, 48, 20.71, 2.65, 24),
  'RegNetY-3.2GF': y(21, 80, 42.63, 2.66, 24),
  'RegNetY-4.0GF': y(22, 96, 31.41, 2.24, 64),
  'RegNetY-6.4GF': y(25, 112, 33.22, 2.27, 72),
  'RegNetY-8.0GF': y(17, 192, 76.82, 2.19, 56),
  'RegNetY-12GF': y(19, 168, 73.36, 2.37, 112),
  'RegNetY-16GF': y(18, 200, 106.23, 2.48, 112),
  'RegNetY-32GF': y(20, 232, 115.89, 2.53, 232),
  regnet_y_400mf: tvY(16, 48, 27.89, 2.09, 8),
  regnet_y_800mf: tvY(14, 56, 38.84, 2.4, 16),
  regnet_y_1_6gf: tvY(27, 48, 20.71, 2.65, 24),
  regnet_y_3_2gf: tvY(21, 80, 42.63, 2.66, 24),
  regnet_y_8gf: tvY(17, 192, 76.82, 2.19, 56),
  regnet_y_16gf: tvY(18, 200, 106.23, 2.48, 112),
  regnet_y_32gf: tvY(20, 232, 115.89, 2.53, 232),
  // Its default weights (SWAG, end to end) are for 384 px crops.
  regnet_y_128gf: tvY(27, 456, 160.83, 2.52, 264, 384),
  regnet_x_400mf: tvX(22, 24, 24.48, 2.54, 16),
  regnet_x_800mf: tvX(16, 56, 35.73, 2.28, 16),
  regnet_x_1_6gf: tvX(18, 80, 34.01, 2.25, 24),
  regnet_x_3_2gf: tvX(25, 88, 26.31, 2.25, 48),
  regnet_x_8gf: tvX(23, 80, 49.56, 2.88, 120),
  regnet_x_16gf: tvX(22, 216, 55.59, 2.1, 128),
  regnet_x_32gf: tvX(23, 320, 69.86, 2.0, 168),
};
