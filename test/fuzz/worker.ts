/**
 * The fuzz suite's child process: runs the targets named on the command line on their pinned and generated
 * inputs and reports each case as a line `FUZZ {json}` on stdout. It runs with a memory cap; the parent
 * (fuzz.test.ts) kills it when a case takes too long, and reads a crash from its exit.
 *
 *   node --max-old-space-size=512 --import tsx test/fuzz/worker.ts <target>...
 *
 * FASTSCALE_SEED fixes the generated inputs.
 */
import fc from 'fast-check';
import { FastscaleError } from '../../src/index.js';
import { SEED } from '../seed.js';
import { describeInput, hostileArguments } from './hostile.js';
import { type Outcome, TARGETS, type Target } from './targets.js';

/** pinned: a regression input that must pass; known: a core finding's input; generated otherwise. */
export type CaseKind = 'pinned' | 'known' | 'generated';

/** One report line. */
export type Report =
  | { readonly type: 'start'; readonly target: string; readonly case: number; readonly kind: CaseKind; readonly input: string }
  | {
      readonly type: 'case';
      readonly target: string;
      readonly case: number;
      readonly kind: CaseKind;
      readonly violation: string | null;
      readonly reached: boolean;
    }
  | { readonly type: 'done'; readonly target: string };

function report(line: Report): void {
  process.stdout.write(`FUZZ ${JSON.stringify(line)}\n`);
}

/** A stable seed per target, so that adding a target does not change the others' inputs. */
function targetSeed(name: string): number {
  let hash = SEED;
  for (const c of name) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) | 0;
  return hash;
}

/**
 * What is wrong with the data of a result: a NaN or infinite number, a hole, or a getter (data the library
 * should have checked and copied, not handed back). Bounded walk, cycle-safe; typed arrays are bytes.
 */
function badData(value: unknown): string | null {
  const seen = new Set<unknown>();
  const stack: [unknown, string][] = [[value, '$']];
  for (let visited = 0; stack.length > 0 && visited < 200_000; visited++) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'number' && !Number.isFinite(node)) return `result holds a non-finite number: ${path} is ${node}`;
    if (typeof node !== 'object' || node === null || seen.has(node) || ArrayBuffer.isView(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < Math.min(node.length, 100_000); i++) if (!(i in node)) return `result holds a hole at ${path}[${i}]`;
    }
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(node))) {
      if (!('value' in descriptor)) return `result holds a getter at ${path}.${key} (caller data handed back, not copied)`;
      if (descriptor.enumerable === true) stack.push([descriptor.value, `${path}.${key}`]);
    }
  }
  return null;
}

/** Why a call's outcome breaks the contract, or null. */
function violation(target: Target, outcome: Outcome | { kind: 'untyped'; error: unknown }): string | null {
  if (outcome.kind === 'untyped') {
    const error = outcome.error;
    const name = error instanceof Error ? `${error.constructor.name}: ${error.message} (at ${(error.stack ?? "").split("\n").slice(1, 4).map((line) => line.trim()).join(" < ")})` : String(error);
    return `untyped error ${name.slice(0, 300)}`;
  }
  if (outcome.kind === 'typed') {
    const { path, reason, message } = outcome.error;
    if (reason.trim() === '' || /: ?$/.test(message)) return `typed error with an empty reason: ${JSON.stringify(message)}`;
    if (/NaN|Infinity/.test(path)) return `typed error whose path names a value: ${path}`;
    return null;
  }
  const bad = badData(outcome.result);
  if (bad !== null) return bad;
  if (target.counts !== undefined) {
    for (const count of target.counts(outcome.result)) {
      if (!(typeof count === 'number' && Number.isSafeInteger(count) && count >= 0)) return `result holds a count that is not a safe integer >= 0: ${describeInput(count)}`;
    }
  }
  return null;
}

async function runCase(target: Target, args: unknown[], index: number, kind: CaseKind): Promise<void> {
  report({ type: 'start', target: target.name, case: index, kind, input: describeInput(args) });
  let outcome: Outcome | { kind: 'untyped'; error: unknown };
  try {
    outcome = { kind: 'ok', result: await target.call(...args) };
  } catch (error) {
    outcome = error instanceof FastscaleError ? { kind: 'typed', error } : { kind: 'untyped', error };
  }
  let broken: string | null;
  try {
    broken = violation(target, outcome);
  } catch (error) {
    broken = `the result cannot be inspected (${error instanceof Error ? error.message : String(error)}): caller data handed back?`;
  }
  const reached = outcome.kind !== 'untyped' && (target.reached ?? (() => true))(outcome);
  report({ type: 'case', target: target.name, case: index, kind, violation: broken, reached });
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names) {
    const target = TARGETS.find((t) => t.name === name);
    if (target === undefined) throw new Error(`unknown fuzz target ${name}`);
    let index = 0;
    for (const pinned of target.pinned ?? []) await runCase(target, pinned(), index++, 'pinned');
    const inputs = target.hostile === false ? target.valid.map((args) => () => [...args]) : hostileArguments(target.valid);
    for (const make of fc.sample(inputs, { seed: targetSeed(name), numRuns: target.runs ?? 40 })) {
      let args: unknown[];
      try {
        args = make();
      } catch (error) {
        // A bug of this harness, not of the library: reported as such.
        report({ type: 'start', target: name, case: index, kind: 'generated', input: '(not built)' });
        report({ type: 'case', target: name, case: index++, kind: 'generated', violation: `fuzz harness: building the input failed: ${String(error)}`, reached: false });
        continue;
      }
      await runCase(target, args, index++, 'generated');
    }
    // Last: a known finding may take the process down.
    for (const known of target.known ?? []) await runCase(target, known.input(), index++, 'known');
    report({ type: 'done', target: name });
  }
}

await main();
