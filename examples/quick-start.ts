// Scale RegNetY-400MF to about 4x its flops with fast compound scaling (alpha = 0.8, pycls's
// d1_w8_g8_r1) and compare the exact complexity of the two networks.
import { complexity, fastScale, zooModel } from 'fastscale';

const base = zooModel('RegNetY-400MF');
const scaled = fastScale(base, 4, 0.8);

console.table({ base: complexity(base), scaled: complexity(scaled) });
if (scaled.family === 'anynet') console.log('widths:', scaled.stages.map((stage) => stage.width).join(', '));
