import { defineConfig } from 'tsup';

// dist/ is emptied by the build script before both configs run (they build in parallel).
export default defineConfig([
  {
    // The library: ESM + CJS + types for both. Splitting puts the code both entries share in one chunk,
    // so that `fastscale/onnx` throws the very SpecError class that `fastscale` exports (CJS included).
    entry: { index: 'src/index.ts', onnx: 'src/onnx/index.ts' },
    format: ['esm', 'cjs'],
    splitting: true,
    dts: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
  },
  {
    // The command line: ESM only, run by Node directly.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
