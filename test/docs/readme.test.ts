import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markedOutputs, ROOT, runCommand } from '../../scripts/readme-outputs.js';

/** Every output the README and the guide show is what its command prints today (refresh: npm run docs:outputs). */
describe('README outputs', () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const outputs = markedOutputs(readme);

  it('shows the set-up command, the quick start and the CLI', () => {
    expect(outputs.map((o) => o.command)).toEqual(
      expect.arrayContaining(['npx fastscale scale RegNetY-400MF --factor 4', 'npx tsx examples/quick-start.ts']),
    );
    expect(readme).toContain('npm ci && npx fastscale scale RegNetY-400MF --factor 4');
  });

  it.each(['quick-start.ts', 'budget.ts'])('shows examples/%s as it is', (file) => {
    expect(readme).toContain(`\`\`\`ts\n${readFileSync(`${ROOT}examples/${file}`, 'utf8')}\`\`\``);
  });

  it.each(outputs.map((o) => [o.command, o.shown] as const))('%s', (command, shown) => {
    expect(runCommand(command)).toBe(shown);
  });
});

describe('docs/guide.md outputs', () => {
  const guide = readFileSync(`${ROOT}docs/guide.md`, 'utf8');
  const outputs = markedOutputs(guide);

  it('marks its outputs', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(7);
  });

  it.each(outputs.map((o) => [o.command, o.shown] as const))('%s', (command, shown) => {
    expect(runCommand(command)).toBe(shown);
  });
});

describe('the chart in the README and the guide', () => {
  it('is what the committed CLI draws with the command written next to it', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const command = 'npx fastscale plot RegNetY-400MF --max-factor 64 -o docs/regnety-400mf-acts.svg';
    expect(readme).toContain(command);
    const drawn = runCommand(command.replace('-o docs/regnety-400mf-acts.svg', '-o -'));
    expect(drawn).toBe(readFileSync(`${ROOT}docs/regnety-400mf-acts.svg`, 'utf8'));
  });

  it("the guide's vision transformer chart is what the CLI draws with the command written next to it", () => {
    const guide = readFileSync(`${ROOT}docs/guide.md`, 'utf8');
    const command = 'npx fastscale plot ViT-B/16 --max-factor 64 --strategies d,w,r,dwr,dWr,w1_g1 -o docs/vit-b16-acts.svg';
    expect(guide).toContain(command);
    const drawn = runCommand(command.replace('-o docs/vit-b16-acts.svg', '-o -'));
    expect(drawn).toBe(readFileSync(`${ROOT}docs/vit-b16-acts.svg`, 'utf8'));
  });
});

describe('the API reference (typedoc)', () => {
  const typedoc = JSON.parse(readFileSync(`${ROOT}typedoc.json`, 'utf8')) as { projectDocuments: string[]; useFirstParagraphOfCommentAsSummary?: boolean };

  it('renders every Markdown page the README and the guide link to as a page of its own (not a copied media file)', () => {
    const linked = new Set<string>();
    for (const [file, dir] of [['README.md', ''], ['docs/guide.md', 'docs/'], ['docs/runtime.md', 'docs/']] as const) {
      const text = readFileSync(`${ROOT}${file}`, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#:]+\.md)\)/g)) linked.add(`${dir}${target}`.replace(/^docs\/\.\.\//, ''));
    }
    const pages = [...linked].filter((path) => path.startsWith('docs/'));
    expect(pages).toContain('docs/guide.md');
    for (const page of pages) expect(typedoc.projectDocuments).toContain(page);
  });

  it("shows each export's summary in the index", () => {
    expect(typedoc.useFirstParagraphOfCommentAsSummary).toBe(true);
  });
});
