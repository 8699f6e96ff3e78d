import type { Bench } from 'tinybench';
import { complexity, fastScale, scaleToTarget, sweep, zooModel } from '../src/index.js';
import { walkComplexity } from '../src/network/count.js';

/** Complexity, scaling and analysis benchmarks (the goals are in the README's performance section). */
export function registerCore(bench: Bench): void {
  const regNetY4 = zooModel('RegNetY-4.0GF');
  const effNetB0 = zooModel('EfficientNet-B0');
  const regNetY400M = zooModel('RegNetY-400MF');
  // The middle models of the torchvision families added with ConvNeXt and EfficientNetV2.
  const convNeXtSmall = zooModel('convnext_small');
  const effNetV2M = zooModel('efficientnet_v2_m');
  const vitB16 = zooModel('vit_b_16');
  const tvRegNetY8 = zooModel('regnet_y_8gf');
  // Unfrozen: validated, generated (torchvision's float32 widths) and walked on every call.
  const freshTvRegNetY8 = structuredClone(tvRegNetY8);
  const tvResNet50 = structuredClone(zooModel('resnet50'));
  // A spec the library has never seen (not frozen): validated on every call.
  const freshRegNetY4 = structuredClone(regNetY4);
  const mobileNetV3 = zooModel('mobilenet_v3_large');
  const freshMobileNetV3 = structuredClone(mobileNetV3);
  const factors = Array.from({ length: 32 }, (_, i) => 2 ** (i / 4)); // 1x .. ~256x
  bench
    .add('complexity(RegNetY-4.0GF)', () => {
      complexity(regNetY4);
    })
    .add('complexity(RegNetY-4.0GF), unfrozen copy', () => {
      complexity(freshRegNetY4);
    })
    .add('walk of RegNetY-4.0GF (the count complexity() caches per spec)', () => {
      walkComplexity(regNetY4);
    })
    .add('complexity(regnet_y_8gf)', () => {
      complexity(tvRegNetY8);
    })
    .add('walk of regnet_y_8gf', () => {
      walkComplexity(tvRegNetY8);
    })
    .add('complexity(regnet_y_8gf), unfrozen copy', () => {
      complexity(freshTvRegNetY8);
    })
    .add('complexity(resnet50), unfrozen copy', () => {
      complexity(tvResNet50);
    })
    .add('complexity(EfficientNet-B0)', () => {
      complexity(effNetB0);
    })
    .add('complexity(convnext_small)', () => {
      complexity(convNeXtSmall);
    })
    .add('walk of convnext_small', () => {
      walkComplexity(convNeXtSmall);
    })
    .add('complexity(efficientnet_v2_m)', () => {
      complexity(effNetV2M);
    })
    .add('walk of efficientnet_v2_m', () => {
      walkComplexity(effNetV2M);
    })
    .add('complexity(vit_b_16)', () => {
      complexity(vitB16);
    })
    // complexity() remembers the counts of a spec it made; this is the count itself (two blocks walked).
    .add('count of vit_b_16, uncached (walkComplexity)', () => {
      walkComplexity(vitB16);
    })
    .add('fastScale(vit_b_16, 4) + complexity', () => {
      complexity(fastScale(vitB16, 4));
    })
    .add('complexity(mobilenet_v3_large)', () => {
      complexity(mobileNetV3);
    })
    .add('complexity(mobilenet_v3_large), unfrozen copy', () => {
      complexity(freshMobileNetV3);
    })
    .add('walk of mobilenet_v3_large (the count complexity() caches per spec)', () => {
      walkComplexity(mobileNetV3);
    })
    .add('fastScale(RegNetY-4.0GF, 4) + complexity', () => {
      complexity(fastScale(regNetY4, 4));
    })
    .add('scaleToTarget(RegNetY-400MF -> 4 GF, dWr)', () => {
      scaleToTarget(regNetY400M, { flops: 4e9 }, 'dWr');
    })
    .add('scaleToTarget(RegNetY-4.0GF -> 16 GF, dWr)', () => {
      scaleToTarget(regNetY4, { flops: 16e9 }, 'dWr');
    })
    .add('sweep(RegNetY-4.0GF, 8 strategies x 32 factors)', () => {
      sweep(regNetY4, { factors });
    });
}
