// Scale torchvision's MobileNetV3-Large to about 2x its flops with fast compound scaling, count both
// networks exactly, and write the scaled one as PyTorch code that builds it with torchvision's classes.
import { complexity, fastScale, toTorchvision, zooModel } from 'fastscale';

const base = zooModel('mobilenet_v3_large');
const scaled = fastScale(base, 2);

console.table({ base: complexity(base), scaled: complexity(scaled) });
console.log(`resolution: ${base.resolution.train} -> ${scaled.resolution.train} px\n`);
console.log(toTorchvision(scaled)); // save as mobilenet_v3_large_x2.py
