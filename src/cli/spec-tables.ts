/** Specs and their complexity as text tables: per stage, and base next to scaled. */
import { familyOf } from '../families/index.js';
import type { LayerRow } from '../network/layers.js';
import { toAnyNet } from '../spec/to-anynet.js';
import type { Complexity, Metric, ModelSpec } from '../spec/types.js';
import { type Align, fields, formatExact, formatMetric, formatRatio, table } from './format.js';

const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

/** Right-aligned columns for a stage table (the first, `stage`, too). */
function numeric(header: readonly string[]): Align[] {
  return header.map(() => 'r');
}

/**
 * A spec as text: its family's fields, then its stages (for a RegNet the parameters and the AnyNet stages
 * they generate; for a ResNet its fields and its AnyNet stages where it has that form).
 */
export function specText(spec: ModelSpec): string {
  const summary = familyOf(spec).summary(spec);
  const text = fields(summary.fields.map(([label, value]) => [label, value]));
  if (summary.stages.length === 0) return text;
  const caption = summary.stageCaption === undefined ? '' : `${summary.stageCaption}:\n`;
  return `${text}\n${caption}${table([...summary.stageHeader], summary.stages.map((row) => [...row]), numeric(summary.stageHeader))}`;
}

/** Complexity in human units next to the exact integers. */
export function complexityText(cx: Complexity): string {
  return table(
    ['metric', 'value', 'exact'],
    METRICS.map((metric) => [metric, formatMetric(metric, cx[metric]), formatExact(cx[metric])]),
    ['l', 'r', 'r'],
  );
}

/** `a -> b` where the values differ, else `a`. */
function change(base: number | string, scaled: number | string): string {
  return base === scaled ? String(base) : `${base} -> ${scaled}`;
}

/** Pairs the cells of two equally shaped stage tables. */
function pairCells(base: string[][], scaled: string[][]): string[][] {
  return scaled.map((row, i) => row.map((cell, c) => (c === 0 ? cell : change(base[i]?.[c] ?? '', cell))));
}

/**
 * Base and scaled network per stage (`48 -> 80` where a value changed), the other fields that changed,
 * and their resolution. A RegNet or ResNet base is shown in its AnyNet form, the form the scaled network
 * takes.
 */
export function stageChangeText(base: ModelSpec, scaled: ModelSpec): string {
  const resolution = `resolution: train ${change(base.resolution.train, scaled.resolution.train)} px, test ${change(base.resolution.test, scaled.resolution.test)} px\n`;
  const baseForm = base.family === scaled.family ? base : toAnyNet(base);
  const before = familyOf(baseForm).summary(baseForm);
  const after = familyOf(scaled).summary(scaled);
  const changed = after.fields.filter(([label, value]) => {
    const old = before.fields.find(([l]) => l === label)?.[1];
    return old !== undefined && old !== value && label !== 'resolution';
  });
  const changes = changed.length === 0 ? '' : fields(changed.map(([label, value]) => [label, change(before.fields.find(([l]) => l === label)![1], value)]));
  const stages = table([...after.stageHeader], pairCells(before.stages.map((r) => [...r]), after.stages.map((r) => [...r])), numeric(after.stageHeader));
  return stages + changes + resolution;
}

/** Base and scaled complexity in human units, their ratio, and the exact integers. */
export function complexityChangeText(base: Complexity, scaled: Complexity): string {
  return table(
    ['metric', 'base', 'scaled', 'ratio', 'base (exact)', 'scaled (exact)'],
    METRICS.map((m) => [m, formatMetric(m, base[m]), formatMetric(m, scaled[m]), formatRatio(scaled[m] / base[m]), formatExact(base[m]), formatExact(scaled[m])]),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** The per-layer table: module path, class, output shape and exact counts. */
export function layerText(rows: readonly LayerRow[]): string {
  return table(
    ['module', 'class', 'output', 'flops', 'params', 'acts'],
    rows.map((row) => [row.name, row.module, row.output.join('x'), formatExact(row.flops), formatExact(row.params), formatExact(row.acts)]),
    ['l', 'l', 'r', 'r', 'r', 'r'],
  );
}
