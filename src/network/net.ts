/**
 * The one description of a network, and the walk that interprets it.
 *
 * Each family describes its network once, as calls on a {@link Net} in forward order, with module names
 * (`net.enter('s', 1)`, `net.conv('a', 64, 1)`). The net always tracks the tensor's shape and counts
 * flops, params and acts as pycls does (the hot path: no names are built, no objects allocated, and a
 * stage of identical blocks is walked twice and multiplied). Given a {@link Sink}, it also hands every
 * layer, with its full module path, shapes and counts, to that sink: the per-layer table, the ONNX graph
 * and the PyTorch code are sinks. So every consumer reads the same description.
 */
import { SpecError } from '../errors.js';

/** Normalisation layers: batch norm, layer norm over the last axis, and layer norm over channels of an NCHW tensor. */
export type NormKind = 'batch' | 'layer' | 'layer2d';

/** Activation functions a description may use. */
export type ActivationKind = 'relu' | 'relu6' | 'silu' | 'hardswish' | 'hardsigmoid' | 'sigmoid' | 'gelu';

/** A tensor's shape as the walk sees it: `channels` x `size` x `size`, or a sequence of `tokens` of width `channels`. */
export interface Shape {
  readonly channels: number;
  /** Spatial side (1 after global pooling); unused for a token sequence. */
  readonly size: number;
  /** Sequence length of a transformer's token sequence; 0 for a spatial tensor. */
  readonly tokens: number;
}

/** Fields every layer record has. */
interface LayerBase {
  /** Full module path (`s1.b1.f.a`, `features.1.0.block.0.0`). */
  readonly name: string;
  readonly input: Shape;
  readonly output: Shape;
}

/** Counts a layer adds. */
interface Counted {
  readonly flops: number;
  readonly params: number;
  readonly acts: number;
}

/** A layer as a sink receives it. */
export type Layer =
  | (LayerBase & Counted & {
      readonly op: 'conv';
      readonly kernel: number;
      readonly stride: number;
      readonly padding: number;
      readonly groups: number;
      readonly bias: boolean;
    })
  | (LayerBase & Counted & { readonly op: 'linear'; readonly bias: boolean })
  | (LayerBase & Counted & { readonly op: 'norm'; readonly kind: NormKind; readonly endsResidual: boolean; readonly eps: number })
  | (LayerBase & Counted & { readonly op: 'maxpool'; readonly kernel: number; readonly stride: number; readonly padding: number })
  | (LayerBase & Counted & { readonly op: 'scale' })
  | (LayerBase & Counted & { readonly op: 'classToken' })
  | (LayerBase & Counted & { readonly op: 'positionEmbedding'; readonly sequenceFirst: boolean })
  | (LayerBase & Counted & { readonly op: 'attention'; readonly heads: number })
  | (LayerBase & { readonly op: 'act'; readonly kind: ActivationKind })
  | (LayerBase & { readonly op: 'avgpool' })
  | (LayerBase & { readonly op: 'flatten' })
  | (LayerBase & { readonly op: 'permute'; readonly layout: 'channelsLast' | 'channelsFirst' })
  | (LayerBase & { readonly op: 'tokens' })
  | (LayerBase & { readonly op: 'token'; readonly select: 'first' | 'mean' })
  | (LayerBase & { readonly op: 'fork' })
  | (LayerBase & { readonly op: 'swap' })
  | (LayerBase & { readonly op: 'merge'; readonly kind: 'add' | 'mul' });

/** The kinds of {@link Layer}. */
export type LayerOp = Layer['op'];

/**
 * A block boundary, as {@link Net.blocks} reports it to a sink: everything a sink receives between a
 * `begin` and its `end` belongs to that block (layers outside every block are the stem, the head, or
 * what lies between stages).
 */
export interface BlockEvent {
  readonly phase: 'begin' | 'end';
  /** Module path of the scope the stage's blocks are in (`s2`, `features.3`); `''` at the top. */
  readonly scope: string;
  /** The block's 0-based index in its stage. */
  readonly index: number;
  /**
   * How many blocks of the network this walk of the block stands for: 1, except under
   * {@link Sink.distinctBlocks}, where block 1 stands for blocks 1..count-1.
   */
  readonly repeats: number;
}

/** An interpreter of a description besides counting: receives every layer in forward order. */
export interface Sink {
  layer(layer: Layer): void;
  /** Told where each block of a stage begins and ends (optional: most sinks only want layers). */
  block?(event: BlockEvent): void;
  /**
   * When true, a stage hands only its blocks 0 and 1 to the sink, block 1 with `repeats` = count - 1
   * (blocks 1..count-1 are identical by the contract of {@link Net.blocks}): the walk is O(stages), for
   * sinks that only need each distinct block once (latency prediction). The net's counts stay exact.
   */
  readonly distinctBlocks?: boolean;
  /**
   * When false, layers are named by their own name only (`a`, not `s1.b1.f.a`): for sinks that never read
   * names, which then cost no string per layer. Block events keep their scope.
   */
  readonly names?: boolean;
}

/** A stage body: adds block `index` (0-based) of a stage; `a` and `b` are whatever the description passes. */
export type BlockBody<A, B> = (net: Net, index: number, a: A, b: B) => void;

/**
 * The walk over a description. Mutable on purpose: it is the hot loop of `complexity`.
 *
 * Conventions (pycls's, DOMAIN.md sections 1 and 5): flops are multiply-adds of convs and linears (+1 per
 * output element with a bias); acts are the output elements of convs, linears and max pools; params are
 * every parameter. A transformer's attention is counted as pycls's `MultiheadAttention.complexity`.
 */
export class Net {
  channels: number;
  size: number;
  tokens = 0;
  flops = 0;
  params = 0;
  acts = 0;
  /** Largest single output counted in `acts` (for memory estimates; not a pycls number). */
  largestOutput = 0;
  /** Blocks walked or multiplied so far: the work an interpreter that visits every block would do. */
  blockCount = 0;
  private readonly sink: Sink | null;
  /** Whether layers get their full module path (see {@link Sink.names}). */
  private readonly fullNames: boolean;
  /** The last shape handed out: layers that keep the shape share it instead of allocating their own. */
  private lastShape: Shape | null = null;
  /** The module path of each enclosing scope, outermost first (the current one is `scope`). */
  private readonly outer: string[] = [];
  /** The current module path, its parts joined with dots, kept by enter and exit (layers outnumber scopes). */
  private scope = '';
  /** Tensors kept by {@link fork}: channels, size and tokens of each, flat. */
  private readonly kept: number[] = [];

  constructor(channels: number, size: number, sink: Sink | null = null) {
    this.channels = channels;
    this.size = size;
    this.sink = sink;
    this.fullNames = sink?.names !== false;
  }

  /** Enters a module scope named `prefix` (or `prefix` + `index`, as in `s1`, `b2`, `features.3`). */
  enter(prefix: string, index?: number): void {
    if (this.sink !== null) {
      const part = index === undefined ? prefix : `${prefix}${index}`;
      this.scope = this.outer.push(this.scope) === 1 ? part : `${this.scope}.${part}`;
    }
  }

  /** Leaves the innermost scope. */
  exit(): void {
    if (this.sink !== null) {
      this.scope = this.outer.pop() ?? '';
    }
  }

  /**
   * `count` blocks of a stage, indexed from 0. Without a sink, blocks 1..count-1 are taken to be identical
   * (block 0 may differ: it takes the stage's input and stride), so block 1 is walked once and its counts
   * added `count - 2` more times: O(1) per stage. A sink is told where each block begins and ends
   * ({@link Sink.block}); one that wants {@link Sink.distinctBlocks} is handed blocks 0 and 1 only, as the
   * counting walk does.
   */
  blocks<A, B>(count: number, body: BlockBody<A, B>, a: A, b: B): void {
    this.blockCount += count;
    const sink = this.sink;
    if (sink === null && count <= 2) {
      for (let i = 0; i < count; i++) body(this, i, a, b);
      return;
    }
    if (sink !== null && sink.distinctBlocks !== true) {
      for (let i = 0; i < count; i++) this.reportedBlock(sink, body, i, 1, a, b);
      return;
    }
    if (count === 0) return;
    if (sink === null) body(this, 0, a, b);
    else this.reportedBlock(sink, body, 0, 1, a, b);
    if (count < 2) return;
    const flops = this.flops;
    const params = this.params;
    const acts = this.acts;
    if (sink === null) body(this, 1, a, b);
    else this.reportedBlock(sink, body, 1, count - 1, a, b);
    const repeats = count - 2;
    this.flops += (this.flops - flops) * repeats;
    this.params += (this.params - params) * repeats;
    this.acts += (this.acts - acts) * repeats;
  }

  /** One block walked with a sink, between its begin and end events. */
  private reportedBlock<A, B>(sink: Sink, body: BlockBody<A, B>, index: number, repeats: number, a: A, b: B): void {
    if (sink.block === undefined) {
      body(this, index, a, b);
      return;
    }
    const scope = this.scope;
    sink.block({ phase: 'begin', scope, index, repeats });
    body(this, index, a, b);
    sink.block({ phase: 'end', scope, index, repeats });
  }

  /** k x k convolution, `groups` groups (depthwise when groups = channels), padding (k - 1) / 2 unless given. */
  conv(name: string, out: number, kernel: number, stride = 1, groups = 1, bias = false, padding = (kernel - 1) >> 1): void {
    const inChannels = this.channels;
    const inSize = this.size;
    const size = Math.floor((inSize + 2 * padding - kernel) / stride) + 1;
    if (size < 1) this.tooSmall();
    const positions = size * size;
    const weights = kernel * kernel * (inChannels / groups) * out;
    const flops = weights * positions + (bias ? out * positions : 0);
    const params = weights + (bias ? out : 0);
    const acts = out * positions;
    this.flops += flops;
    this.params += params;
    this.acts += acts;
    if (acts > this.largestOutput) this.largestOutput = acts;
    this.channels = out;
    this.size = size;
    if (this.sink !== null) this.emitConv(name, inChannels, inSize, flops, params, acts, kernel, stride, padding, groups, bias);
  }

  // Kept out of `conv` so that the counting path stays small enough to be inlined.
  private emitConv(name: string, inChannels: number, inSize: number, flops: number, params: number, acts: number, kernel: number, stride: number, padding: number, groups: number, bias: boolean): void {
    const last = this.lastShape;
    const input = last !== null && last.channels === inChannels && last.size === inSize && last.tokens === 0 ? last : { channels: inChannels, size: inSize, tokens: 0 };
    this.emit({ op: 'conv', name: this.named(name), input, output: this.shape(), flops, params, acts, kernel, stride, padding, groups, bias });
  }

  /** Fully connected layer over every location (pixel or token) of the current tensor. */
  linear(name: string, out: number, bias = true): void {
    const input = this.sink === null ? null : this.shape();
    const locations = this.tokens > 0 ? this.tokens : this.size * this.size;
    const flops = (this.channels * out + (bias ? out : 0)) * locations;
    const params = this.channels * out + (bias ? out : 0);
    const acts = out * locations;
    this.flops += flops;
    this.params += params;
    this.output(acts);
    this.channels = out;
    if (input !== null) this.emit({ op: 'linear', name: this.named(name), input, output: this.shape(), flops, params, acts, bias });
  }

  /**
   * Normalisation with a scale and a shift per channel. `endsResidual` marks the last norm of a residual
   * branch (pycls's `final_bn`, torchvision's `zero_init_residual` target); `eps` is the module's epsilon.
   */
  norm(name: string, kind: NormKind = 'batch', endsResidual = false, eps = 1e-5): void {
    this.params += 2 * this.channels;
    if (this.sink !== null) this.emitNorm(name, kind, endsResidual, eps);
  }

  private emitNorm(name: string, kind: NormKind, endsResidual: boolean, eps: number): void {
    const shape = this.shape();
    this.emit({ op: 'norm', name: this.named(name), input: shape, output: shape, flops: 0, params: 2 * this.channels, acts: 0, kind, endsResidual, eps });
  }

  /** An activation function: nothing counted. */
  act(name: string, kind: ActivationKind): void {
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'act', name: this.named(name), input: shape, output: shape, kind });
    }
  }

  /** k x k max pool; its output counts as activations. */
  maxPool(name: string, kernel: number, stride: number, padding = (kernel - 1) >> 1): void {
    const input = this.sink === null ? null : this.shape();
    const size = Math.floor((this.size + 2 * padding - kernel) / stride) + 1;
    if (size < 1) this.tooSmall();
    const acts = this.channels * size * size;
    this.output(acts);
    this.size = size;
    if (input !== null) {
      this.emit({ op: 'maxpool', name: this.named(name), input, output: this.shape(), flops: 0, params: 0, acts, kernel, stride, padding });
    }
  }

  /** Global average pool: spatial side 1, nothing counted. */
  avgPool(name: string): void {
    const input = this.sink === null ? null : this.shape();
    this.size = 1;
    if (input !== null) this.emit({ op: 'avgpool', name: this.named(name), input, output: this.shape() });
  }

  /** [N, C, 1, 1] to [N, C]: nothing counted. */
  flatten(name: string): void {
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'flatten', name: this.named(name), input: shape, output: shape });
    }
  }

  /** NCHW to NHWC (`channelsLast`) or back: nothing counted; linears and layer norms then act per pixel. */
  permute(name: string, layout: 'channelsLast' | 'channelsFirst'): void {
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'permute', name: this.named(name), input: shape, output: shape, layout });
    }
  }

  /** A learned per-channel factor (ConvNeXt's layer scale): one parameter per channel. */
  scale(name: string): void {
    const params = this.channels;
    this.params += params;
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'scale', name: this.named(name), input: shape, output: shape, flops: 0, params, acts: 0 });
    }
  }

  /** Keeps the current tensor for a later {@link merge} (a residual or a gate): pushes it. */
  fork(): void {
    this.kept.push(this.channels, this.size, this.tokens);
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'fork', name: this.named(''), input: shape, output: shape });
    }
  }

  /** Exchanges the current tensor with the one kept by {@link fork}: the other branch is walked next. */
  swap(): void {
    const input = this.sink === null ? null : this.shape();
    const kept = this.kept;
    const top = kept.length - 3;
    const channels = kept[top]!;
    const size = kept[top + 1]!;
    const tokens = kept[top + 2]!;
    kept[top] = this.channels;
    kept[top + 1] = this.size;
    kept[top + 2] = this.tokens;
    this.channels = channels;
    this.size = size;
    this.tokens = tokens;
    if (input !== null) this.emit({ op: 'swap', name: this.named(''), input, output: this.shape() });
  }

  /**
   * Joins the current tensor with the one kept by {@link fork}: their sum (a residual), or their product
   * (a gate, broadcast from the current [N, C, 1, 1] tensor over the kept one). The result has the kept
   * tensor's shape.
   */
  merge(name: string, kind: 'add' | 'mul'): void {
    const input = this.sink === null ? null : this.shape();
    const kept = this.kept;
    this.tokens = kept.pop()!;
    this.size = kept.pop()!;
    this.channels = kept.pop()!;
    if (input !== null) this.emit({ op: 'merge', name: this.named(name), input, output: this.shape(), kind });
  }

  /** [N, C, h, w] to a sequence of h * w tokens of width C. */
  toTokens(name: string): void {
    const input = this.sink === null ? null : this.shape();
    this.tokens = this.size * this.size;
    this.size = 1;
    if (input !== null) this.emit({ op: 'tokens', name: this.named(name), input, output: this.shape() });
  }

  /** Prepends a learned class token to the sequence: one token longer, C parameters. */
  classToken(name: string): void {
    const input = this.sink === null ? null : this.shape();
    const params = this.channels;
    this.params += params;
    this.tokens += 1;
    if (input !== null) this.emit({ op: 'classToken', name: this.named(name), input, output: this.shape(), flops: 0, params, acts: 0 });
  }

  /**
   * Adds a learned position embedding: tokens x C parameters, stored as [1, tokens, C], or as [tokens, 1, C]
   * with `sequenceFirst` (pycls's ViT, whose encoder runs sequence-first).
   */
  positionEmbedding(name: string, sequenceFirst = false): void {
    const params = this.tokens * this.channels;
    this.params += params;
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'positionEmbedding', name: this.named(name), input: shape, output: shape, flops: 0, params, acts: 0, sequenceFirst });
    }
  }

  /**
   * Multi-head self-attention over the token sequence, counted as pycls's `MultiheadAttention.complexity`:
   * the qkv projection, q k^T, attention x v and the output projection.
   */
  attention(name: string, heads: number): void {
    const hidden = this.channels;
    const length = this.tokens;
    const headWidth = Math.floor(hidden / heads);
    const projection = hidden * hidden * 3 + hidden * 3;
    const output = hidden * hidden + hidden;
    const flops = length * projection + 2 * heads * length * headWidth * length + length * output;
    const params = projection + output;
    const acts = hidden * 3 * length + heads * length * length + heads * length * headWidth + hidden * length;
    this.flops += flops;
    this.params += params;
    // The largest single output is the qkv projection or the attention map of all heads.
    this.output(acts, Math.max(hidden * 3 * length, heads * length * length));
    if (this.sink !== null) {
      const shape = this.shape();
      this.emit({ op: 'attention', name: this.named(name), input: shape, output: shape, flops, params, acts, heads });
    }
  }

  /** The classifier's input from a token sequence: the first (class) token, or the mean of all tokens. */
  selectToken(name: string, select: 'first' | 'mean'): void {
    const input = this.sink === null ? null : this.shape();
    this.tokens = 0;
    this.size = 1;
    if (input !== null) this.emit({ op: 'token', name: this.named(name), input, output: this.shape(), select });
  }

  /** The shape now (the same object while the shape stays the same: shapes are never changed). */
  shape(): Shape {
    const last = this.lastShape;
    if (last !== null && last.channels === this.channels && last.size === this.size && last.tokens === this.tokens) return last;
    return (this.lastShape = { channels: this.channels, size: this.size, tokens: this.tokens });
  }

  private output(acts: number, largest = acts): void {
    this.acts += acts;
    if (largest > this.largestOutput) this.largestOutput = largest;
  }

  private named(name: string): string {
    if (this.scope === '' || !this.fullNames) return name;
    return name === '' ? this.scope : `${this.scope}.${name}`;
  }

  private emit(layer: Layer): void {
    this.sink!.layer(layer);
  }

  private tooSmall(): never {
    throw new SpecError('resolution.train', 'is too small for this network: a layer would have an output of no pixels');
  }
}
