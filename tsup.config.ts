import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM + CJS + types for both.
    entry: { index: 'src/index.ts', onnx: 'src/onnx/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
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
