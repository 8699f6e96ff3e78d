/** Entry point of the `fastscale` executable (built to dist/cli.js). */
import { run } from './run.js';

// exitCode rather than process.exit(): a large JSON written to a pipe must be flushed first.
process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
