/**
 * The command outputs shown in the README (and docs/guide.md), kept true: each block after a marker
 * `<!-- output: COMMAND -->` is what COMMAND prints. `npm run docs:outputs` rewrites the blocks;
 * test/docs/readme.test.ts fails when one is stale. `npx fastscale` runs the built CLI (dist/cli.js),
 * `npx tsx` the repository's tsx.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MARKER = /<!-- output: (.+?) -->\n```text\n([\s\S]*?)```/g;

/** Every marked block of a Markdown text: its command and the output it shows. */
export function markedOutputs(markdown: string): { command: string; shown: string }[] {
  return [...markdown.matchAll(MARKER)].map((m) => ({ command: m[1]!, shown: m[2]! }));
}

/** Runs a README command the way a reader would, from the repository root; returns its stdout. */
export function runCommand(command: string): string {
  const [tool, ...args] = command.split(/\s+/);
  if (tool !== 'npx') throw new Error(`unsupported README command: ${command}`);
  const [program, ...rest] = args;
  const entry = program === 'fastscale' ? 'dist/cli.js' : program === 'tsx' ? 'node_modules/tsx/dist/cli.mjs' : null;
  if (entry === null) throw new Error(`unsupported README command: ${command}`);
  return execFileSync(process.execPath, [entry, ...rest], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** The Markdown with every marked block replaced by its command's current output. */
export function withCurrentOutputs(markdown: string): string {
  return markdown.replace(MARKER, (_, command: string) => `<!-- output: ${command} -->\n\`\`\`text\n${runCommand(command)}\`\`\``);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    writeFileSync(`${ROOT}${file}`, withCurrentOutputs(readFileSync(`${ROOT}${file}`, 'utf8')));
    console.log(`updated ${file}`);
  }
}
