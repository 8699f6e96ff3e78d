/**
 * What a model family provides. Everything generic (counting, the layer table, scaling, budgets, ONNX,
 * PyTorch code, pycls configs, the zoo, the CLI) looks a family up in the registry (src/families/index.ts)
 * and calls these; nothing outside a family's folder switches on `family`.
 */
import type { Net } from '../network/net.js';
import type { ScalingFactors } from '../scaling/factors.js';
import type { RoundingPolicy } from '../scaling/rounding.js';
import type { Resolution } from '../spec/common.js';

/** The fields every spec has. */
export interface BaseSpec {
  readonly family: string;
  readonly numClasses: number;
  readonly resolution: Resolution;
}

/**
 * One rounded dimension of a scaled network, as the plateau search needs it: the base value, which
 * multiplier scales it, and how the scaled value is rounded. Between the multiplier values where some
 * dimension's rounding steps, the scaled network is one and the same.
 */
export interface ScaledDimension {
  /** The multiplier that scales this value: depth, width, group width or resolution. */
  readonly multiplier: 'd' | 'w' | 'g' | 'r';
  /** The unscaled value. */
  readonly base: number;
  /**
   * `round`: `round(base * m / unit)` (Python's half to even, or half up: both step at k + 1/2);
   * `divisible`: `_make_divisible(base * m, unit)` / TensorFlow's `round_filters` (steps where
   * `base * m + unit / 2` crosses a multiple of `unit`, and where the 90% rule switches);
   * `ceil`: `ceil(base * m)`.
   */
  readonly rule: 'round' | 'divisible' | 'ceil';
  /** The rounding unit (1 for depths, 8 for widths, 4 for image sizes). */
  readonly unit: number;
}

/** How a family is scaled; `R` is the family of the scaled spec (a RegNet scales to an AnyNet). */
export interface FamilyScaling<S, R extends BaseSpec = BaseSpec> {
  /**
   * Applies multipliers with the family's rounding; returns the scaled spec as plain data (the caller
   * checks, freezes and counts it). Throws `SpecError` or `ScalingError` where the result would be invalid.
   */
  apply(spec: S, factors: ScalingFactors, policy: RoundingPolicy): R;
  /** Every dimension that `apply` rounds, for the plateau search of `scaleToTarget`. */
  dimensions(spec: S, policy: RoundingPolicy): ScaledDimension[];
  /**
   * Checks a spec that `apply` made, where the family can do it more cheaply than parsing it again (the
   * fields `apply` copies from the checked spec unchanged need no check); returns it. Absent: the scaled
   * spec's family parses it. Throws `SpecError` as parsing would.
   */
  checkScaled?(scaled: R): R;
}

/** A config key path and its value, as pycls's YAML writes a section. */
export type ConfigEntries = [key: string, value: unknown][];

/** pycls's config format of a family (`MODEL.TYPE`, its section and keys). */
export interface PyclsFormat<S> {
  /** `MODEL.TYPE`. */
  readonly type: string;
  /** The family's config section (`ANYNET`), and its keys. */
  readonly section: string;
  readonly keys: readonly string[];
  /** True where `MODEL.ACTIVATION_FUN` does not apply, so the spec has no `activation` (pycls's ViT: GELU and ReLU, fixed). */
  readonly ignoresActivation?: boolean;
  /** Reads the family's fields from a parsed config (absent keys take pycls's defaults); checked afterwards. */
  read(config: PyclsConfigView): Record<string, unknown>;
  /** The family's section entries, and any MODEL/TRAIN/TEST entries beyond the common ones. */
  write(spec: S): PyclsSections;
  /** The config key of a spec field path (`stages[2].groupWidth` -> `ANYNET.GROUP_WS[2]`), where there is one. */
  keyOf(path: string): string | undefined;
}

/** A parsed pycls config as a family reads it. */
export interface PyclsConfigView {
  /** A top-level section as a mapping; an absent section is empty. */
  section(name: string): Readonly<Record<string, unknown>>;
  /** A list key; absent is pycls's default `[]`. */
  list(section: string, key: string): readonly unknown[];
}

/** What a family writes into a pycls config. */
export interface PyclsSections {
  /** The family's own section, in key order. */
  readonly section: ConfigEntries;
  /** Extra MODEL keys (`DEPTH` for pycls's ResNet). */
  readonly model?: ConfigEntries;
  /** Extra TRAIN and TEST keys (the dataset that selects pycls's ResNet layout). */
  readonly train?: ConfigEntries;
  readonly test?: ConfigEntries;
}

/**
 * A model family: its spec type's checks, its one network description, its scaling rules, and its
 * formats. Registered by one line in src/families/index.ts.
 */
export interface Family<S extends BaseSpec, R extends BaseSpec = S> {
  /** The `family` tag of its specs. */
  readonly name: S['family'];
  /**
   * Reads caller data whose `family` is this family's into a new plain spec, checking every field and the
   * documented limits (see `LIMITS`). Throws `SpecError` naming the field.
   */
  parse(value: object): S;
  /** The network, in forward order with module names, on a {@link Net}. Input: 3 channels at `resolution.train`. */
  describe(net: Net, spec: S): void;
  /** How to scale it; absent where the family cannot be scaled. */
  readonly scaling?: FamilyScaling<S, R>;
  /** pycls's config format, where pycls builds the family. */
  readonly pycls?: PyclsFormat<S>;
  /**
   * PyTorch source for `build()` through torchvision's own classes, where they express the spec; `null`
   * where they do not (the generic module emitter is used then).
   */
  torchvision?(spec: S): string | null;
  /** The same network in AnyNet form, where it has one (AnyNet itself, RegNet, pycls's ResNet). */
  toAnyNet?(spec: S): BaseSpec;
  /** Named models of this family, by name: the zoo collects them. */
  readonly zoo?: Readonly<Record<string, S>>;
  /** The spec for people: labelled fields and a per-stage table (the CLI's `info` and `scale`). */
  summary(spec: S): SpecSummary;
}

/** A spec summarised for people. */
export interface SpecSummary {
  /** Labelled fields, in order (`['stem', 'simple_stem_in, width 32']`). */
  readonly fields: readonly (readonly [label: string, value: string])[];
  /** The per-stage table: its header (first column `stage`) and one row per stage. */
  readonly stageHeader: readonly string[];
  readonly stages: readonly (readonly string[])[];
  /** What the stage table shows, where that is not the spec's own stages (`generated AnyNet stages`). */
  readonly stageCaption?: string;
}
