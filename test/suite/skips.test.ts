/**
 * The suite's own rule: no test skips without saying why. A test file that can skip (`skipIf`, `runIf`,
 * `.skip`) must print the reason (`console.warn`) or carry it in the skipped title (`(skipped: ...)`), so a
 * run where Python, torch or an optional peer is missing shows what it did not check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = fileURLToPath(new URL('../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : testFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('skipped tests say why', () => {
  const files = testFiles(TEST).filter((file) => !file.endsWith('skips.test.ts'));

  it('finds the test files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((file) => [relative(TEST, file), file] as const))('%s', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const skips = /\.(skipIf|runIf)\(|\b(it|test|describe)\.skip\(|\.todo\(/.test(text);
    if (!skips) return;
    expect(/console\.(warn|log|info)\(/.test(text) || text.includes('(skipped: '), 'a skip without a printed reason').toBe(true);
  });
});
