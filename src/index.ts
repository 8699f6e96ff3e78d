/**
 * fastscale: model specifications, exact complexity (pycls parity) and the scaling strategies of
 * "Fast and Accurate Model Scaling" (Dollár, Singh, Girshick, CVPR 2021).
 *
 * @packageDocumentation
 */
export { FastscaleError, SpecError, ScalingError, AnalysisError, LatencyTableError } from './errors.js';
export type {
  Activation,
  AnyNetSpec,
  AnyNetStage,
  BlockType,
  Complexity,
  ConvNeXtSpec,
  ConvNeXtStage,
  EfficientNetSpec,
  EfficientNetStage,
  Implementation,
  Metric,
  MnasNetSpec,
  MnasNetStage,
  MobileNetActivation,
  MobileNetSpec,
  MobileNetStage,
  MobileNetV2Spec,
  MobileNetV3Spec,
  ModelFamily,
  ModelSpec,
  RegNetSpec,
  ResNetSpec,
  Resolution,
  Stem,
  StemType,
  VitClassifier,
  VitConvStemLayer,
  VitSpec,
  VitStem,
} from './spec/types.js';
export type { ScaledSpec } from './families/index.js';
export { LIMITS } from './limits.js';
export { validateSpec } from './spec/validate.js';
export { generateRegNet, type RegNetStages } from './families/regnet/generate.js';
export { adjustBlockCompatibility, type StageShape } from './spec/compatibility.js';
export { toAnyNet } from './spec/to-anynet.js';
export { complexity } from './complexity/index.js';
export { layers, type LayerRow } from './network/layers.js';
export { fromPyclsConfig, toPyclsConfig, type ToPyclsConfigOptions } from './io/pycls-config.js';
export { MAX_YAML_LENGTH, MAX_YAML_NODES, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './io/pyyaml.js';
export { zooNames, zooModel, isZooName, type ZooName, type ZooSpec } from './zoo/index.js';
export { zooConfig } from './zoo/config.js';
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
export { vitComplexityExponents, type VitComplexityExponents } from './families/vit/exponents.js';
export type { RoundingPolicy } from './scaling/rounding.js';
export { scale, fastScale, applyScalingFactors, type ScaleOptions } from './scaling/scale.js';
export {
  efficientNetCompound,
  EFFICIENTNET_COEFFICIENTS,
  type EfficientNetCoefficients,
  type EfficientNetVariant,
} from './families/efficientnet/compound.js';
export { pearson, fitLinear, MAX_SERIES_LENGTH, type LinearFit } from './analysis/stats.js';
export {
  correlateRuntime,
  type RuntimeSample,
  type MetricFit,
  type RuntimeCorrelation,
} from './analysis/runtime.js';
export { estimateActivationMemory, type ActivationMemoryOptions } from './analysis/memory.js';
export { sweep, type SweepOptions, type ScaledRow, type ComplexityRatios } from './analysis/sweep.js';
export { compareStrategies, type TargetRow } from './analysis/compare.js';
export { MAX_STRATEGIES } from './analysis/strategies.js';
export {
  scaleToTarget,
  type ComplexityTarget,
  type LatencyTarget,
  type ScaleTarget,
  type TargetMetric,
  type TargetOptions,
  type TargetResult,
} from './analysis/target.js';
export { paretoFront, type Objective } from './analysis/pareto.js';
export {
  readLatencyTable,
  LATENCY_TABLE_FORMAT,
  LATENCY_TABLE_VERSION,
  type LatencyTable,
  type LatencyEntry,
  type LatencySettings,
  type MeasuredTime,
} from './latency/table.js';
export { predictLatency, type LatencyPrediction, type PredictedPart, type PredictLatencyOptions } from './latency/predict.js';
export type { PartKind } from './latency/parts.js';
export {
  scalingChart,
  runtimeChart,
  type VegaLiteSpec,
  type ScalingChartOptions,
  type ScalingChartRow,
  type RuntimeChartOptions,
  type RuntimePoint,
  latencyChart,
  type LatencyChartOptions,
  type LatencyPoint,
} from './plot/index.js';
export { toTorchvision } from './torch/index.js';
export { SweepError } from './sweep/errors.js';
export { RandomState, type RandomSeed } from './sweep/random-state.js';
export { loadSweepConfig, type SweepConfig, type SweepConstraints, type SweepSamplerEntry } from './sweep/config.js';
export type { PyValue, PyConfigNode } from './sweep/python.js';
export { pythonRepr, pythonStr } from './sweep/python.js';
export type { RandType } from './sweep/rand.js';
export {
  sampleKey,
  type Sampler,
  type ScalarSampler,
  type ValueSampler,
  type ListSampler,
  type RegNetSampler,
  type SampledParam,
} from './sweep/samplers.js';
export type { RegNetGeneration } from './sweep/regnet.js';
export { sampleConfigs, type SampledConfig, type SampleConfigsOptions } from './sweep/sample.js';
export { setupSweep, toYacsYaml, type SweepSetup, type SweepSetupConfig, type SetupSweepOptions } from './sweep/setup.js';
export {
  errorEdf,
  normalizedErrorEdf,
  getFilters,
  applyFilters,
  metricValues,
  type SweepRecord,
  type EdfPoint,
  type NormalizedEdfOptions,
  type MetricFilters,
  type GetFiltersOptions,
} from './sweep/analysis.js';
export { edfChart, metricChart, trendChart, type SweepSeries, type EdfChartOptions, type MetricChartOptions } from './sweep/charts.js';
