/** Specs and their complexity as text tables: per stage, and base next to scaled. */
import { SpecError } from '../errors.js';
import { toAnyNet } from '../spec/to-anynet.js';
import type { AnyNetSpec, Complexity, EfficientNetSpec, Metric, ModelSpec } from '../spec/types.js';
import { type Align, fields, formatExact, formatMetric, formatRatio, table } from './format.js';

const METRICS: readonly Metric[] = ['flops', 'params', 'acts'];

const ANYNET_HEADER = ['stage', 'depth', 'width', 'stride', 'bot mul', 'group width'];
const EFFICIENTNET_HEADER = ['stage', 'depth', 'width', 'expansion', 'kernel', 'stride'];
const NUMERIC: readonly Align[] = ['r', 'r', 'r', 'r', 'r', 'r'];

function anyNetCells(spec: AnyNetSpec): string[][] {
  return spec.stages.map((s, i) => [i + 1, s.depth, s.width, s.stride, s.bottleneckMultiplier, s.groupWidth].map(String));
}

function efficientNetCells(spec: EfficientNetSpec): string[][] {
  return spec.stages.map((s, i) => [i + 1, s.depth, s.width, s.expansionRatio, s.kernel, s.stride].map(String));
}

function seText(ratio: number | null): string {
  return ratio === null ? 'none' : String(ratio);
}

function commonFields(spec: ModelSpec): [string, string][] {
  return [
    ['classes', String(spec.numClasses)],
    ['activation', spec.activation],
    ['resolution', `train ${spec.resolution.train} px, test ${spec.resolution.test} px`],
  ];
}

/** The AnyNet-level fields (stem, block, squeeze-excite, head) of an AnyNet or RegNet. */
function blockFields(spec: AnyNetSpec | Extract<ModelSpec, { family: 'regnet' }>): [string, string][] {
  return [
    ['stem', `${spec.stem.type}, width ${spec.stem.width}`],
    ['block', spec.blockType],
    ['squeeze-excite', seText(spec.seRatio)],
    ['head width', spec.headWidth === 0 ? '0 (no head conv)' : String(spec.headWidth)],
  ];
}

/**
 * A spec as text: its fields, then its stages (for a RegNet the parameters and the AnyNet stages they
 * generate; for a ResNet its fields and its AnyNet stages where it has that form).
 */
export function specText(spec: ModelSpec): string {
  switch (spec.family) {
    case 'anynet':
      return fields([['family', 'anynet'], ...blockFields(spec), ...commonFields(spec)]) + '\n' + table(ANYNET_HEADER, anyNetCells(spec), NUMERIC);
    case 'regnet':
      return (
        fields([
          ['family', 'regnet'],
          ['wa, w0, wm', `${spec.wa}, ${spec.w0}, ${spec.wm}`],
          ['depth', String(spec.depth)],
          ['group width', String(spec.groupWidth)],
          ['bottleneck mul', String(spec.bottleneckMultiplier)],
          ['stride', String(spec.stride)],
          ...blockFields(spec),
          ...commonFields(spec),
        ]) +
        '\ngenerated AnyNet stages:\n' +
        table(ANYNET_HEADER, anyNetCells(toAnyNet(spec)), NUMERIC)
      );
    case 'resnet': {
      const text = fields([
        ['family', 'resnet'],
        ['dataset', spec.dataset],
        ['depth', String(spec.depth)],
        ['transformation', spec.transformation],
        ['groups', String(spec.groups)],
        ['width per group', String(spec.widthPerGroup)],
        ['stride on 1x1', String(spec.strideOn1x1)],
        ...commonFields(spec),
      ]);
      let anyNet: AnyNetSpec;
      try {
        anyNet = toAnyNet(spec);
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        return `${text}\nno AnyNet form: ${error.message}\n`;
      }
      return `${text}\nAnyNet stages (${anyNet.blockType}, stem ${anyNet.stem.type}):\n${table(ANYNET_HEADER, anyNetCells(anyNet), NUMERIC)}`;
    }
    case 'efficientnet':
      return (
        fields([
          ['family', 'efficientnet'],
          ['stem width', String(spec.stemWidth)],
          ['squeeze-excite', String(spec.seRatio)],
          ['head width', String(spec.headWidth)],
          ...commonFields(spec),
        ]) +
        '\n' +
        table(EFFICIENTNET_HEADER, efficientNetCells(spec), NUMERIC)
      );
  }
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
 * Base and scaled network per stage (`48 -> 80` where a value changed) and their resolution. A RegNet or
 * ResNet base is shown in its AnyNet form, the form the scaled network takes.
 */
export function stageChangeText(base: ModelSpec, scaled: ModelSpec): string {
  const resolution = `resolution: train ${change(base.resolution.train, scaled.resolution.train)} px, test ${change(base.resolution.test, scaled.resolution.test)} px\n`;
  if (base.family === 'efficientnet' && scaled.family === 'efficientnet') {
    return (
      table(EFFICIENTNET_HEADER, pairCells(efficientNetCells(base), efficientNetCells(scaled)), NUMERIC) +
      fields([
        ['stem width', change(base.stemWidth, scaled.stemWidth)],
        ['head width', change(base.headWidth, scaled.headWidth)],
      ]) +
      resolution
    );
  }
  if (scaled.family !== 'anynet') throw new Error(`a scaled ${base.family} is an anynet, not ${scaled.family}`);
  return table(ANYNET_HEADER, pairCells(anyNetCells(toAnyNet(base)), anyNetCells(scaled)), NUMERIC) + resolution;
}

/** Base and scaled complexity in human units, their ratio, and the exact integers. */
export function complexityChangeText(base: Complexity, scaled: Complexity): string {
  return table(
    ['metric', 'base', 'scaled', 'ratio', 'base (exact)', 'scaled (exact)'],
    METRICS.map((m) => [m, formatMetric(m, base[m]), formatMetric(m, scaled[m]), formatRatio(scaled[m] / base[m]), formatExact(base[m]), formatExact(scaled[m])]),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
}
