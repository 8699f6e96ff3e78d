/**
 * `npm run lint:package`: publint (strict) on the package, and are-the-types-wrong on its packed tarball,
 * packed into a temporary directory (attw's own --pack would write, then delete, fastscale-<version>.tgz
 * in the repository root, taking a user's file of that name with it).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildPackage, packToTemporaryDirectory, ROOT } from './pack.js';

const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

execFileSync(bin('publint'), ['--strict'], { cwd: ROOT, stdio: 'inherit' });
buildPackage();
const packed = packToTemporaryDirectory();
try {
  execFileSync(bin('attw'), [packed.tarball, '--profile', 'node16'], { cwd: ROOT, stdio: 'inherit' });
} finally {
  packed.remove();
}
