/**
 * The one description of a network, and the walk that interprets it.
 *
 * Each family describes its network once, as calls on a {@link Net} in forward order, with module names
 * (`net.enter('s', 1)`, `net.conv('a', 64, 1)`). The net always tracks the tensor's shape and counts
 * flops, params and acts as pycls does (the hot path: no names are built, no objects allocated, and a
 * stage of identical blocks is walked twice and multiplied). A {@link ListingNet} counts alike and also
 * hands every layer, with its full module path, shapes and counts, and the block boundaries to a
 * {@link Sink}: the per-layer table, the ONNX graph, the PyTorch code and latency prediction are sinks. So
 * every consumer reads the same description.
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
 * The counting walk over a description: it tracks the tensor's shape and counts flops, params and acts.
 * Mutable on purpose: it is the hot loop of `complexity`, so each op only counts (no names, no objects,
 * small enough for V8 to inline into the description); {@link ListingNet} adds the layer records.
 *
 * Conventions (pycls's, DOMAIN.md sections 1 and 5): flops are multiply-adds of convs and linears (+1 per
 * output element with a bias); acts are the output elements of convs, linears and max pools; params are
 * every parameter. A transformer's attention is counted as pycls's `MultiheadAttention.complexity`.
 */
export class Net {
  declare channels: number;
  declare size: number;
  /** Sequence length of a token sequence; 0 for a spatial tensor. */
  declare tokens: number;
  declare flops: number;
  declare params: number;
  declare acts: number;
  /** Largest single output counted in `acts` (for memory estimates; not a pycls number). */
  declare largestOutput: number;
  /** Blocks walked or multiplied so far: the work an interpreter that visits every block would do. */
  declare blockCount: number;
  /** Tensors kept by {@link fork}: channels, size and tokens of each, flat; the first `keptLength` are in use. */
  private declare readonly kept: number[];
  private declare keptLength: number;

  // The fields are declared only (`declare`) and first assigned here, numbers from the start, so V8 keeps
  // them as unboxed number fields: a field that starts out undefined holds boxed numbers, reallocated on
  // every update.
  constructor(channels: number, size: number) {
    // `| 0` (exact: widths and sizes are checked integers below 2^31) keeps these small-integer fields:
    // a width computed in floating point arrives boxed, and one boxed store would make every field access
    // go through a heap number.
    this.channels = channels | 0;
    this.size = size | 0;
    this.tokens = 0;
    this.flops = 0;
    this.params = 0;
    this.acts = 0;
    this.largestOutput = 0;
    this.blockCount = 0;
    // Room for a residual and a gate inside it without growing (it grows when nesting is deeper).
    this.kept = [0, 0, 0, 0, 0, 0];
    this.keptLength = 0;
  }

  /** Enters a module scope named `prefix` (or `prefix` + `index`, as in `s1`, `b2`, `features.3`). */
  enter(_prefix: string, _index?: number): void {}

  /** Leaves the innermost scope. */
  exit(): void {}

  /**
   * `count` blocks of a stage, indexed from 0. Blocks 1..count-1 are identical by contract (block 0 may
   * differ: it takes the stage's input and stride), so block 1 is walked once and its counts added
   * `count - 2` more times: O(1) per stage.
   */
  blocks<A, B>(count: number, body: BlockBody<A, B>, a: A, b: B): void {
    this.blockCount += count;
    const walked = count < 2 ? count : 2;
    let flops = 0;
    let params = 0;
    let acts = 0;
    // One call site for both blocks, so that V8 inlines the body once.
    for (let i = 0; i < walked; i++) {
      if (i === 1) {
        flops = this.flops;
        params = this.params;
        acts = this.acts;
      }
      body(this, i, a, b);
    }
    if (count > 2) {
      const repeats = count - 2;
      this.flops += (this.flops - flops) * repeats;
      this.params += (this.params - params) * repeats;
      this.acts += (this.acts - acts) * repeats;
    }
  }

  /**
   * k x k convolution, `stride` (default 1), `groups` groups (default 1; depthwise when groups = channels),
   * with a bias or not (default not), padding (k - 1) / 2 unless given.
   */
  conv(_name: string, out: number, kernel: number, stride?: number, groups?: number, bias?: boolean, padding?: number): void {
    this.countConv(out, kernel, stride === undefined ? 1 : stride, groups === undefined ? 1 : groups, bias === true ? out : 0, padding === undefined ? (kernel - 1) >> 1 : padding);
  }

  private countConv(out: number, kernel: number, stride: number, groups: number, biases: number, padding: number): void {
    const size = Math.floor((this.size + 2 * padding - kernel) / stride) + 1;
    if (size < 1) tooSmall();
    const positions = size * size;
    const params = kernel * kernel * (this.channels / groups) * out + biases;
    const acts = out * positions;
    // Weights and bias each act once per output position.
    this.flops += params * positions;
    this.params += params;
    this.acts += acts;
    if (acts > this.largestOutput) this.largestOutput = acts;
    this.channels = out | 0;
    this.size = size | 0;
  }

  /** Fully connected layer over every location (pixel or token) of the current tensor; `bias` defaults to true. */
  linear(_name: string, out: number, bias = true): void {
    const locations = this.tokens > 0 ? this.tokens : this.size * this.size;
    const params = this.channels * out + (bias ? out : 0);
    const acts = out * locations;
    this.flops += params * locations;
    this.params += params;
    this.acts += acts;
    if (acts > this.largestOutput) this.largestOutput = acts;
    this.channels = out | 0;
  }

  /**
   * Normalisation with a scale and a shift per channel: `kind` (default `batch`), `endsResidual` marks the
   * last norm of a residual branch (pycls's `final_bn`, torchvision's `zero_init_residual` target; default
   * false), `eps` is the module's epsilon (default 1e-5).
   */
  norm(_name: string, _kind?: NormKind, _endsResidual?: boolean, _eps?: number): void {
    this.params += 2 * this.channels;
  }

  /** An activation function: nothing counted. */
  act(_name: string, _kind: ActivationKind): void {}

  /** k x k max pool; its output counts as activations. */
  maxPool(_name: string, kernel: number, stride: number, padding = (kernel - 1) >> 1): void {
    const size = Math.floor((this.size + 2 * padding - kernel) / stride) + 1;
    if (size < 1) tooSmall();
    const acts = this.channels * size * size;
    this.acts += acts;
    if (acts > this.largestOutput) this.largestOutput = acts;
    this.size = size | 0;
  }

  /** Global average pool: spatial side 1, nothing counted. */
  avgPool(_name: string): void {
    this.size = 1;
  }

  /** [N, C, 1, 1] to [N, C]: nothing counted. */
  flatten(_name: string): void {}

  /** NCHW to NHWC (`channelsLast`) or back: nothing counted; linears and layer norms then act per pixel. */
  permute(_name: string, _layout: 'channelsLast' | 'channelsFirst'): void {}

  /** A learned per-channel factor (ConvNeXt's layer scale): one parameter per channel. */
  scale(_name: string): void {
    this.params += this.channels;
  }

  /** Keeps the current tensor for a later {@link merge} (a residual or a gate): pushes it. */
  fork(): void {
    const kept = this.kept;
    const top = this.keptLength;
    kept[top] = this.channels;
    kept[top + 1] = this.size;
    kept[top + 2] = this.tokens;
    this.keptLength = top + 3;
  }

  /** Exchanges the current tensor with the one kept by {@link fork}: the other branch is walked next. */
  swap(): void {
    const kept = this.kept;
    const top = this.keptLength - 3;
    const channels = kept[top]!;
    const size = kept[top + 1]!;
    const tokens = kept[top + 2]!;
    kept[top] = this.channels;
    kept[top + 1] = this.size;
    kept[top + 2] = this.tokens;
    this.channels = channels;
    this.size = size;
    this.tokens = tokens;
  }

  /**
   * Joins the current tensor with the one kept by {@link fork}: their sum (a residual), or their product
   * (a gate, broadcast from the current [N, C, 1, 1] tensor over the kept one). The result has the kept
   * tensor's shape.
   */
  merge(_name: string, _kind: 'add' | 'mul'): void {
    const kept = this.kept;
    const top = this.keptLength - 3;
    this.channels = kept[top]!;
    this.size = kept[top + 1]!;
    this.tokens = kept[top + 2]!;
    this.keptLength = top;
  }

  /** [N, C, h, w] to a sequence of h * w tokens of width C. */
  toTokens(_name: string): void {
    this.tokens = this.size * this.size;
    this.size = 1;
  }

  /** Prepends a learned class token to the sequence: one token longer, C parameters. */
  classToken(_name: string): void {
    this.params += this.channels;
    this.tokens += 1;
  }

  /**
   * Adds a learned position embedding: tokens x C parameters, stored as [1, tokens, C], or as [tokens, 1, C]
   * with `sequenceFirst` (pycls's ViT, whose encoder runs sequence-first).
   */
  positionEmbedding(_name: string, _sequenceFirst?: boolean): void {
    this.params += this.tokens * this.channels;
  }

  /**
   * Multi-head self-attention over the token sequence, counted as pycls's `MultiheadAttention.complexity`:
   * the qkv projection, q k^T, attention x v and the output projection.
   */
  attention(_name: string, heads: number): void {
    const hidden = this.channels;
    const length = this.tokens;
    const headWidth = Math.floor(hidden / heads);
    const projection = hidden * hidden * 3 + hidden * 3;
    const output = hidden * hidden + hidden;
    this.flops += length * projection + 2 * heads * length * headWidth * length + length * output;
    this.params += projection + output;
    this.acts += hidden * 3 * length + heads * length * length + heads * length * headWidth + hidden * length;
    // The largest single output is the qkv projection or the attention map of all heads.
    const largest = Math.max(hidden * 3 * length, heads * length * length);
    if (largest > this.largestOutput) this.largestOutput = largest;
  }

  /** The classifier's input from a token sequence: the first (class) token, or the mean of all tokens. */
  selectToken(_name: string, _select: 'first' | 'mean'): void {
    this.tokens = 0;
    this.size = 1;
  }

  /** The shape now. */
  shape(): Shape {
    return { channels: this.channels, size: this.size, tokens: this.tokens };
  }
}

function tooSmall(): never {
  throw new SpecError('resolution.train', 'is too small for this network: a layer would have an output of no pixels');
}


/**
 * The walk that also hands every layer, with its module path, shapes and counts, to a {@link Sink}: the
 * per-layer table, the ONNX graph, the PyTorch code and latency prediction are sinks. Each op counts
 * through {@link Net}'s (so both walks count alike) and then emits its record. It visits every block
 * (O(blocks)), or, for a sink that takes {@link Sink.distinctBlocks}, blocks 0 and 1 of each stage.
 */
export class ListingNet extends Net {
  private readonly sink: Sink;
  /** Whether layers get their full module path (see {@link Sink.names}). */
  private readonly fullNames: boolean;
  /** The last shape handed out: layers that keep the shape share it instead of allocating their own. */
  private lastShape: Shape | null = null;
  /** The module path of each enclosing scope, outermost first (the current one is `scope`). */
  private readonly outer: string[] = [];
  /** The current module path, its parts joined with dots, kept by enter and exit (layers outnumber scopes). */
  private scope = '';
  /** The running totals set aside while one op counts (see {@link isolate}). */
  private readonly setAside = { flops: 0, params: 0, acts: 0 };
  /** What the last isolated op added. */
  private readonly added = { flops: 0, params: 0, acts: 0 };

  constructor(channels: number, size: number, sink: Sink) {
    super(channels, size);
    this.sink = sink;
    this.fullNames = sink.names !== false;
  }

  override enter(prefix: string, index?: number): void {
    const part = index === undefined ? prefix : `${prefix}${index}`;
    this.scope = this.outer.push(this.scope) === 1 ? part : `${this.scope}.${part}`;
  }

  override exit(): void {
    // Descriptions exit only scopes they entered.
    this.scope = this.outer.pop()!;
  }

  override blocks<A, B>(count: number, body: BlockBody<A, B>, a: A, b: B): void {
    this.blockCount += count;
    const sink = this.sink;
    if (sink.distinctBlocks !== true) {
      for (let i = 0; i < count; i++) this.reportedBlock(sink, body, i, 1, a, b);
      return;
    }
    if (count === 0) return;
    this.reportedBlock(sink, body, 0, 1, a, b);
    if (count < 2) return;
    const flops = this.flops;
    const params = this.params;
    const acts = this.acts;
    this.reportedBlock(sink, body, 1, count - 1, a, b);
    const repeats = count - 2;
    this.flops += (this.flops - flops) * repeats;
    this.params += (this.params - params) * repeats;
    this.acts += (this.acts - acts) * repeats;
  }

  /** One block, between its begin and end events. */
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

  override conv(name: string, out: number, kernel: number, stride = 1, groups = 1, bias = false, padding = (kernel - 1) >> 1): void {
    const inChannels = this.channels;
    const inSize = this.size;
    this.isolate();
    super.conv(name, out, kernel, stride, groups, bias, padding);
    const { flops, params, acts } = this.restore();
    const last = this.lastShape;
    const input = last !== null && last.channels === inChannels && last.size === inSize && last.tokens === 0 ? last : { channels: inChannels, size: inSize, tokens: 0 };
    this.emit({ op: 'conv', name: this.named(name), input, output: this.shape(), flops, params, acts, kernel, stride, padding, groups, bias });
  }

  override linear(name: string, out: number, bias = true): void {
    const input = this.shape();
    this.isolate();
    super.linear(name, out, bias);
    const { flops, params, acts } = this.restore();
    this.emit({ op: 'linear', name: this.named(name), input, output: this.shape(), flops, params, acts, bias });
  }

  override norm(name: string, kind: NormKind = 'batch', endsResidual = false, eps = 1e-5): void {
    super.norm(name, kind, endsResidual, eps);
    const shape = this.shape();
    this.emit({ op: 'norm', name: this.named(name), input: shape, output: shape, flops: 0, params: 2 * this.channels, acts: 0, kind, endsResidual, eps });
  }

  override act(name: string, kind: ActivationKind): void {
    const shape = this.shape();
    this.emit({ op: 'act', name: this.named(name), input: shape, output: shape, kind });
  }

  override maxPool(name: string, kernel: number, stride: number, padding = (kernel - 1) >> 1): void {
    const input = this.shape();
    this.isolate();
    super.maxPool(name, kernel, stride, padding);
    const { acts } = this.restore();
    this.emit({ op: 'maxpool', name: this.named(name), input, output: this.shape(), flops: 0, params: 0, acts, kernel, stride, padding });
  }

  override avgPool(name: string): void {
    const input = this.shape();
    super.avgPool(name);
    this.emit({ op: 'avgpool', name: this.named(name), input, output: this.shape() });
  }

  override flatten(name: string): void {
    const shape = this.shape();
    this.emit({ op: 'flatten', name: this.named(name), input: shape, output: shape });
  }

  override permute(name: string, layout: 'channelsLast' | 'channelsFirst'): void {
    const shape = this.shape();
    this.emit({ op: 'permute', name: this.named(name), input: shape, output: shape, layout });
  }

  override scale(name: string): void {
    const params = this.channels;
    super.scale(name);
    const shape = this.shape();
    this.emit({ op: 'scale', name: this.named(name), input: shape, output: shape, flops: 0, params, acts: 0 });
  }

  override fork(): void {
    super.fork();
    const shape = this.shape();
    this.emit({ op: 'fork', name: this.named(''), input: shape, output: shape });
  }

  override swap(): void {
    const input = this.shape();
    super.swap();
    this.emit({ op: 'swap', name: this.named(''), input, output: this.shape() });
  }

  override merge(name: string, kind: 'add' | 'mul'): void {
    const input = this.shape();
    super.merge(name, kind);
    this.emit({ op: 'merge', name: this.named(name), input, output: this.shape(), kind });
  }

  override toTokens(name: string): void {
    const input = this.shape();
    super.toTokens(name);
    this.emit({ op: 'tokens', name: this.named(name), input, output: this.shape() });
  }

  override classToken(name: string): void {
    const input = this.shape();
    const params = this.channels;
    super.classToken(name);
    this.emit({ op: 'classToken', name: this.named(name), input, output: this.shape(), flops: 0, params, acts: 0 });
  }

  override positionEmbedding(name: string, sequenceFirst = false): void {
    const params = this.tokens * this.channels;
    super.positionEmbedding(name, sequenceFirst);
    const shape = this.shape();
    this.emit({ op: 'positionEmbedding', name: this.named(name), input: shape, output: shape, flops: 0, params, acts: 0, sequenceFirst });
  }

  override attention(name: string, heads: number): void {
    this.isolate();
    super.attention(name, heads);
    const { flops, params, acts } = this.restore();
    const shape = this.shape();
    this.emit({ op: 'attention', name: this.named(name), input: shape, output: shape, flops, params, acts, heads });
  }

  override selectToken(name: string, select: 'first' | 'mean'): void {
    const input = this.shape();
    super.selectToken(name, select);
    this.emit({ op: 'token', name: this.named(name), input, output: this.shape(), select });
  }

  /** The shape now (the same object while the shape stays the same: shapes are never changed). */
  override shape(): Shape {
    const last = this.lastShape;
    if (last !== null && last.channels === this.channels && last.size === this.size && last.tokens === this.tokens) return last;
    return (this.lastShape = { channels: this.channels, size: this.size, tokens: this.tokens });
  }

  /**
   * Sets the running totals aside, so that the next op counts its own numbers exactly (even where a running
   * total has grown past the safe integers); {@link restore} adds them back.
   */
  private isolate(): void {
    const aside = this.setAside;
    aside.flops = this.flops;
    aside.params = this.params;
    aside.acts = this.acts;
    this.flops = 0;
    this.params = 0;
    this.acts = 0;
  }

  /** Adds the totals set aside by {@link isolate} back; returns what the op in between added. */
  private restore(): { readonly flops: number; readonly params: number; readonly acts: number } {
    const aside = this.setAside;
    const added = this.added;
    added.flops = this.flops;
    added.params = this.params;
    added.acts = this.acts;
    this.flops = aside.flops + added.flops;
    this.params = aside.params + added.params;
    this.acts = aside.acts + added.acts;
    return added;
  }

  private named(name: string): string {
    if (this.scope === '' || !this.fullNames) return name;
    return name === '' ? this.scope : `${this.scope}.${name}`;
  }

  private emit(layer: Layer): void {
    this.sink.layer(layer);
  }
}

/** A counting {@link Net}, or a {@link ListingNet} that hands layers to `sink` when there is one. */
export function walkingNet(channels: number, size: number, sink: Sink | null): Net {
  return sink === null ? new Net(channels, size) : new ListingNet(channels, size, sink);
}
