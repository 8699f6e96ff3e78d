import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markedOutputs, ROOT, runCommand } from '../../scripts/readme-outputs.js';

/** docs/sweeps.md shows what its commands print today (refresh: npm run docs:outputs). */
describe('docs/sweeps.md', () => {
  const guide = readFileSync(`${ROOT}docs/sweeps.md`, 'utf8');
  const outputs = markedOutputs(guide);

  it('shows examples/sweep.ts as it is, and its output', () => {
    expect(guide).toContain(`\`\`\`ts\n${readFileSync(`${ROOT}examples/sweep.ts`, 'utf8')}\`\`\``);
    expect(outputs.map((o) => o.command)).toContain('npx tsx examples/sweep.ts');
  });

  it.each(outputs.map((o) => [o.command, o.shown] as const))('%s', (command, shown) => {
    expect(runCommand(command)).toBe(shown);
  });
});
