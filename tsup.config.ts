import { defineConfig } from 'tsup';

const library = { index: 'src/index.ts', onnx: 'src/onnx/index.ts' };

// dist/ is emptied by the build script before the configs run (they build in parallel). No source maps:
// they would double the installed size (issue 10's 3 MB goal), and the ESM files mirror src/ one to one.
export default defineConfig([
  {
    // ESM, one file per source module (dist/esm mirrors src): a bundler that builds an application keeps
    // only the modules it uses (the package has no side effects), so YAML, the pycls zoo configs and ONNX
    // are left out of a bundle that only counts and scales. Both entries import the same modules, so
    // `fastscale/onnx` throws the very SpecError class that `fastscale` exports.
    entry: ['src/**/*.ts', '!src/cli/**'],
    outDir: 'dist/esm',
    format: ['esm'],
    bundle: false,
    target: 'node20',
  },
  {
    // CJS for require(): bundled, the code both entries share in one chunk (one SpecError class).
    entry: library,
    format: ['cjs'],
    splitting: true,
    target: 'node20',
    treeshake: true,
  },
  // Types: one self-contained declaration file per entry and format (index.d.ts, onnx.d.ts, .d.cts), each
  // built alone so that no shared chunk with a hashed name (strategy-VIF0lXja.d.ts) appears: go to
  // definition lands in a file named after what the user imported.
  ...Object.entries(library).map(([name, file]) => ({
    entry: { [name]: file },
    format: ['esm' as const, 'cjs' as const],
    dts: { only: true },
  })),
  {
    // The command line: ESM only, run by Node directly.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
