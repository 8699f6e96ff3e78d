/** Readers of the reference data under test/fixtures (copied unchanged from pycls, see its README). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Complexity } from '../../src/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const PYCLS = join(FIXTURES, 'pycls');

/** pycls's exact complexity of each config, keyed by config path (`configs/...yaml`). */
export function pyclsComplexity(): Record<string, Complexity> {
  const all = JSON.parse(readFileSync(join(PYCLS, 'dev/model_complexity.json'), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith('configs/'))) as Record<string, Complexity>;
}

/** Every config path under configs/, relative to the pycls folder. */
export function configPaths(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.yaml') ? [relative(PYCLS, path)] : [];
    });
  return walk(join(PYCLS, 'configs')).sort();
}

export function readConfig(path: string): string {
  return readFileSync(join(PYCLS, path), 'utf8');
}

/** pycls's V100 timings of the zoo models (seconds per batch of 64). */
export function pyclsTimings(): Record<string, Record<'test_fw_time' | 'train_fw_time' | 'train_bw_time' | 'train_fw_bw_time', number>> {
  return JSON.parse(readFileSync(join(PYCLS, 'dev/model_timing.json'), 'utf8'));
}

export interface ScaledRecord {
  readonly config: string;
  readonly scale_type: string;
  readonly factor: number;
  readonly scaling_factors: [number, number, number, number];
  readonly base_model_type: string;
  readonly model_type: 'anynet' | 'effnet';
  readonly spec: Record<string, unknown>;
  readonly train_im_size: number;
  readonly test_im_size: number;
  readonly complexity: Complexity;
}

/** Results of pycls's own scale_model (see the fixture's `source`). */
export function pyclsScaled(): ScaledRecord[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'pycls-scaled.json'), 'utf8')).records;
}

/** One pycls ViT config of test/fixtures/pycls-vit.json: keys over pycls's defaults, and pycls's complexity (or rejection). */
export interface PyclsVitRecord {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly flops?: number;
  readonly params?: number;
  readonly acts?: number;
  readonly error?: string;
  readonly buildError?: string;
}

/** pycls's own ViT.complexity on 260 configs, and the configs it rejects (see the fixture's `about`). */
export function pyclsVit(): { records: PyclsVitRecord[]; rejected: PyclsVitRecord[] } {
  return JSON.parse(readFileSync(join(FIXTURES, 'pycls-vit.json'), 'utf8'));
}

/** A pycls config (YAML; JSON is YAML) of `SECTION.KEY` values, with `MODEL.TYPE` set to `type`. */
export function configOfKeys(type: string, keys: Readonly<Record<string, unknown>>): string {
  const sections: Record<string, Record<string, unknown>> = { MODEL: { TYPE: type } };
  for (const [key, value] of Object.entries(keys)) {
    const [section, name] = key.split('.') as [string, string];
    (sections[section] ??= {})[name] = value;
  }
  return JSON.stringify(sections);
}
