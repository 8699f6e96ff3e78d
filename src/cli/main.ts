/** Entry point of the `fastscale` executable (built to dist/cli.js). */
import { endQuietlyOnBrokenPipe } from './io.js';
import { run } from './run.js';

// A reader that stops early (`fastscale info X --json | head -1`) closes the pipe: end quietly, exit 0.
endQuietlyOnBrokenPipe(
  process.stdout,
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fastscale: cannot write to stdout: ${error.message}\n`);
    process.exit(1);
  },
);
// Nowhere is left to report a failing stderr to.
endQuietlyOnBrokenPipe(
  process.stderr,
  (code) => process.exit(code),
  () => process.exit(1),
);

// exitCode rather than process.exit(): a large JSON written to a pipe must be flushed first.
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
