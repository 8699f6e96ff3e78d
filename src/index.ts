/**
 * fastscale: model specifications, exact complexity (pycls parity) and the scaling strategies of
 * "Fast and Accurate Model Scaling" (Dollár, Singh, Girshick, CVPR 2021).
 *
 * @packageDocumentation
 */
export { FastscaleError, SpecError, ScalingError, AnalysisError } from './errors.js';
export type {
  Activation,
  AnyNetSpec,
  AnyNetStage,
  BlockType,
  Complexity,
  EfficientNetSpec,
  EfficientNetStage,
  Metric,
  ModelFamily,
  ModelSpec,
  RegNetSpec,
  ResNetSpec,
  Resolution,
  Stem,
  StemType,
} from './spec/types.js';
export { validateSpec } from './spec/validate.js';
export { generateRegNet, type RegNetStages } from './spec/regnet.js';
export { adjustBlockCompatibility, type StageShape } from './spec/compatibility.js';
export { toAnyNet } from './spec/to-anynet.js';
export { complexity } from './complexity/index.js';
export { fromPyclsConfig, toPyclsConfig, type ToPyclsConfigOptions } from './io/pycls-config.js';
export { MAX_YAML_LENGTH, MAX_YAML_NODES, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './io/pyyaml.js';
export { zooNames, zooModel, zooConfig, isZooName, type ZooName } from './zoo/index.js';
export {
  STRATEGIES,
  MAX_STRATEGY_LENGTH,
  parseStrategy,
  formatStrategy,
  fastCompound,
  type ScalingStrategy,
  type StrategyName,
} from './scaling/strategy.js';
export { scalingFactors, complexityExponents, type ScalingFactors, type ComplexityExponents } from './scaling/factors.js';
export type { RoundingPolicy } from './scaling/rounding.js';
export {
  scale,
  fastScale,
  applyScalingFactors,
  efficientNetCompound,
  EFFICIENTNET_COEFFICIENTS,
  type EfficientNetCoefficients,
  type ScaleOptions,
  type EfficientNetVariant,
} from './scaling/scale.js';
export { pearson, fitLinear, MAX_SERIES_LENGTH, type LinearFit } from './analysis/stats.js';
export {
  correlateRuntime,
  type RuntimeSample,
  type MetricFit,
  type RuntimeCorrelation,
} from './analysis/runtime.js';
export { estimateActivationMemory, type ActivationMemoryOptions } from './analysis/memory.js';
export { sweep, type SweepOptions, type ScaledRow, type ComplexityRatios } from './analysis/sweep.js';
export { compareStrategies } from './analysis/compare.js';
export { MAX_STRATEGIES } from './analysis/strategies.js';
export { scaleToTarget, type ComplexityTarget, type TargetResult } from './analysis/target.js';
export {
  scalingChart,
  runtimeChart,
  type VegaLiteSpec,
  type ScalingChartOptions,
  type ScalingChartRow,
  type RuntimeChartOptions,
  type RuntimePoint,
} from './plot/index.js';
