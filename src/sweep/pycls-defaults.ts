/**
 * pycls's default config (`pycls/core/config.py`, the yacs tree every pycls config is merged into) and
 * the sweep config's defaults (`pycls/sweep/config.py`), with Python's types: ints are bigints.
 * yacs checks every merged value against the type of its default, and a dumped config lists every key.
 */
import type { PyConfigNode } from './python.js';

/** pycls's `_C` after `core/config.py` ran: every config key, with its default. */
export const PYCLS_DEFAULTS: PyConfigNode = deepFreezeTree({
  MODEL: {
    TYPE: '',
    DEPTH: 0n,
    NUM_CLASSES: 10n,
    LOSS_FUN: 'cross_entropy',
    ACTIVATION_FUN: 'relu',
    ACTIVATION_INPLACE: true,
    SCALING_TYPE: '',
    SCALING_FACTOR: 1.0,
  },
  RESNET: {
    TRANS_FUN: 'basic_transform',
    NUM_GROUPS: 1n,
    WIDTH_PER_GROUP: 64n,
    STRIDE_1X1: true,
  },
  ANYNET: {
    STEM_TYPE: 'simple_stem_in',
    STEM_W: 32n,
    BLOCK_TYPE: 'res_bottleneck_block',
    DEPTHS: [],
    WIDTHS: [],
    STRIDES: [],
    BOT_MULS: [],
    GROUP_WS: [],
    HEAD_W: 0n,
    SE_ON: false,
    SE_R: 0.25,
  },
  REGNET: {
    STEM_TYPE: 'simple_stem_in',
    STEM_W: 32n,
    BLOCK_TYPE: 'res_bottleneck_block',
    STRIDE: 2n,
    SE_ON: false,
    SE_R: 0.25,
    DEPTH: 10n,
    W0: 32n,
    WA: 5.0,
    WM: 2.5,
    GROUP_W: 16n,
    BOT_MUL: 1.0,
    HEAD_W: 0n,
  },
  EN: {
    STEM_W: 32n,
    DEPTHS: [],
    WIDTHS: [],
    EXP_RATIOS: [],
    SE_R: 0.25,
    STRIDES: [],
    KERNELS: [],
    HEAD_W: 1280n,
    DC_RATIO: 0.0,
    DROPOUT_RATIO: 0.0,
  },
  VIT: {
    PATCH_SIZE: 16n,
    STEM_TYPE: 'patchify',
    C_STEM_KERNELS: [],
    C_STEM_STRIDES: [],
    C_STEM_DIMS: [],
    NUM_LAYERS: 12n,
    NUM_HEADS: 12n,
    HIDDEN_DIM: 768n,
    MLP_DIM: 3072n,
    CLASSIFIER_TYPE: 'token',
  },
  BN: {
    EPS: 1e-05,
    MOM: 0.1,
    USE_PRECISE_STATS: true,
    NUM_SAMPLES_PRECISE: 8192n,
    ZERO_INIT_FINAL_GAMMA: false,
    USE_CUSTOM_WEIGHT_DECAY: false,
    CUSTOM_WEIGHT_DECAY: 0.0,
  },
  LN: {
    EPS: 1e-05,
    USE_CUSTOM_WEIGHT_DECAY: false,
    CUSTOM_WEIGHT_DECAY: 0.0,
  },
  OPTIM: {
    OPTIMIZER: 'sgd',
    BASE_LR: 0.1,
    MIN_LR: 0.0,
    LR_POLICY: 'cos',
    STEPS: [],
    LR_MULT: 0.1,
    MAX_EPOCH: 200n,
    MOMENTUM: 0.9,
    DAMPENING: 0.0,
    NESTEROV: true,
    BETA1: 0.9,
    BETA2: 0.999,
    WEIGHT_DECAY: 0.0005,
    BIAS_USE_CUSTOM_WEIGHT_DECAY: false,
    BIAS_CUSTOM_WEIGHT_DECAY: 0.0,
    WARMUP_FACTOR: 0.1,
    WARMUP_EPOCHS: 0n,
    EMA_ALPHA: 1e-05,
    EMA_UPDATE_PERIOD: 32n,
    MTA: false,
  },
  TRAIN: {
    DATASET: '',
    SPLIT: 'train',
    BATCH_SIZE: 128n,
    IM_SIZE: 224n,
    AUTO_RESUME: true,
    WEIGHTS: '',
    MIXED_PRECISION: false,
    LABEL_SMOOTHING: 0.0,
    MIXUP_ALPHA: 0.0,
    CUTMIX_ALPHA: 0.0,
    PCA_STD: 0.1,
    AUGMENT: '',
  },
  TEST: {
    DATASET: '',
    SPLIT: 'val',
    BATCH_SIZE: 200n,
    IM_SIZE: 256n,
    WEIGHTS: '',
  },
  DATA_LOADER: {
    NUM_WORKERS: 8n,
    PIN_MEMORY: true,
    MODE: 'pytorch',
  },
  CUDNN: {
    BENCHMARK: true,
  },
  PREC_TIME: {
    WARMUP_ITER: 3n,
    NUM_ITER: 30n,
  },
  LAUNCH: {
    MODE: 'local',
    MAX_RETRY: 3n,
    NAME: 'pycls_job',
    COMMENT: '',
    CPUS_PER_GPU: 10n,
    MEM_PER_GPU: 60n,
    PARTITION: 'devlab',
    GPU_TYPE: 'volta',
    TIME_LIMIT: 4200n,
    EMAIL: '',
  },
  FSDP: {
    ENABLED: false,
    RESHARD_AFTER_FW: true,
    LAYER_NORM_FP32: true,
  },
  DESC: '',
  VERBOSE: true,
  NUM_GPUS: 1n,
  MAX_GPUS_PER_NODE: 8n,
  OUT_DIR: '/tmp',
  CFG_DEST: 'config.yaml',
  RNG_SEED: 1n,
  LOG_DEST: 'stdout',
  LOG_PERIOD: 10n,
  DIST_BACKEND: 'nccl',
  HOST: 'localhost',
  PORT_RANGE: [10000n, 65000n],
  DOWNLOAD_CACHE: '/tmp/pycls-download-cache',
});

/** Keys pycls registers as deprecated: merging them is a no-op (yacs logs and skips them). */
export const PYCLS_DEPRECATED_KEYS: ReadonlySet<string> = new Set([
  'MEM',
  'MEM.RELU_INPLACE',
  'OPTIM.GAMMA',
  'PREC_TIME.BATCH_SIZE',
  'PREC_TIME.ENABLED',
  'PORT',
  'TRAIN.EVAL_PERIOD',
  'TRAIN.CHECKPOINT_PERIOD',
]);

/**
 * The sweep config's defaults (`sweep/config.py`). Three of pycls's depend on the machine
 * (`ROOT_DIR` on the user name, `NUM_PROC` on the core count, `LAUNCH.CONDA_ENV` on the environment):
 * only their types matter here, so they get fixed values of the same type.
 */
export const SWEEP_DEFAULTS: PyConfigNode = deepFreezeTree({
  ROOT_DIR: '/checkpoint/sweeps/',
  NAME: '',
  DESC: '',
  NUM_PROC: 1n,
  SWEEP_CFG_FILE: '',
  SETUP: {
    NUM_CONFIGS: 0n,
    NUM_SAMPLES: 1000000n,
    CHUNK_SIZE: 5000n,
    RNG_SEED: 0n,
    BASE_CFG: PYCLS_DEFAULTS,
    SAMPLERS: {},
    CONSTRAINTS: {
      CX: { FLOPS: [0n, 0n], PARAMS: [0n, 0n], ACTS: [0n, 0n] },
      REGNET: { NUM_STAGES: [4n, 4n] },
    },
  },
  LAUNCH: {
    MODE: 'train',
    CONDA_ENV: '',
    PARALLEL_JOBS: 128n,
    MAX_RETRY: 3n,
    COMMENT: '',
    NUM_GPUS: 1n,
    CPUS_PER_GPU: 10n,
    MEM_PER_GPU: 60n,
    PARTITION: 'learnfair',
    GPU_TYPE: 'volta',
    TIME_LIMIT: 4200n,
  },
  COLLECT: { CHECKPOINTS_KEEP: 'last' },
  ANALYZE: {
    METRICS: [],
    COMPLEXITY: ['flops', 'params', 'acts'],
    PLOT_METRIC_VALUES: true,
    PLOT_METRIC_TRENDS: true,
    PLOT_COMPLEXITY_VALUES: true,
    PLOT_COMPLEXITY_TRENDS: true,
    PLOT_CURVES_BEST: 0n,
    PLOT_CURVES_WORST: 0n,
    PLOT_MODELS_BEST: 0n,
    PLOT_MODELS_WORST: 0n,
    PRE_FILTERS: {},
    SPLIT_FILTERS: {},
    EXTRA_SWEEP_NAMES: [],
  },
});

/** Nodes of the sweep config that accept keys of any name (yacs `new_allowed=True`). */
export const SWEEP_OPEN_NODES: ReadonlySet<string> = new Set(['SETUP.SAMPLERS', 'ANALYZE.PRE_FILTERS', 'ANALYZE.SPLIT_FILTERS']);

/** The sweep config's deprecated keys. */
export const SWEEP_DEPRECATED_KEYS: ReadonlySet<string> = new Set(['LAUNCH.SCRIPT']);

/**
 * Templates of the five samplers (`sweep/config.py` SAMPLERS): a sampler in a sweep file is merged into
 * the template of its TYPE, so absent fields take these values and unknown fields are errors.
 */
export const SAMPLER_TEMPLATES: Readonly<Record<string, PyConfigNode>> = deepFreezeTree({
  value_sampler: { TYPE: 'value_sampler', VALUES: [] },
  float_sampler: { TYPE: 'float_sampler', RAND_TYPE: 'uniform', RANGE: [0.0, 0.0], QUANTIZE: 0.00001 },
  int_sampler: { TYPE: 'int_sampler', RAND_TYPE: 'uniform', RANGE: [0n, 0n], QUANTIZE: 1n },
  list_sampler: { TYPE: 'list_sampler', LENGTH: 0n, ITEM_SAMPLER: {} },
  regnet_sampler: {
    TYPE: 'regnet_sampler',
    DEPTH: [12n, 28n],
    W0: [8n, 256n],
    WA: [8.0, 256.0],
    WM: [2.0, 3.0],
    GROUP_W: [8n, 128n],
    BOT_MUL: [1.0, 1.0],
  },
});

function deepFreezeTree<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreezeTree(item);
  }
  return value;
}
