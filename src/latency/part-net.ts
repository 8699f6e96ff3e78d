/**
 * The walk latency prediction cuts a network with: a {@link Net} that, at each call of the description,
 * appends the call's codes (the numbers of its cost-key token) and adds its op-type features (what the
 * fitted fallback prices) to the current part, and cuts parts at block boundaries. It builds no layer
 * records, shapes or names: prediction is this walk plus a lookup per part, so its cost is the cost of
 * a prediction. A table's keys are replayed on the same walk, so a network's part and the table entry
 * of the same key have equal codes by construction.
 */
import type { ModelSpec } from '../families/index.js';
import { familyOf } from '../families/index.js';
import { type ActivationKind, type BlockBody, Net, type NormKind } from '../network/net.js';
import { addFeatures, FEATURES, OP_TYPE } from './features.js';
import { Codes, OP } from './key.js';
import { PartBoundaries, type PartKind } from './parts.js';

/**
 * Receives each part as it is cut: `codes` (the numbers of its key) and their `hash`, and its op-type
 * `features` (see `FEATURE_NAMES`). The codes and features are buffers reused for the next part, valid
 * during the call only.
 */
export type PartVisitor = (kind: PartKind, repeats: number, label: string, codes: Codes, hash: number, features: Float64Array) => void;

/** Code of an activation kind (a switch: cheaper than a keyed lookup on the hot path). */
function activationCode(kind: ActivationKind): number {
  switch (kind) {
    case 'relu':
      return 0;
    case 'relu6':
      return 1;
    case 'silu':
      return 2;
    case 'hardswish':
      return 3;
    case 'hardsigmoid':
      return 4;
    case 'sigmoid':
      return 5;
    case 'gelu':
      return 6;
  }
}

/**
 * A counting walk that also keys and prices each part (see the module comment). Its running totals are
 * not the network's: each op's own flops and activations are read by zeroing them before the op.
 *
 * Codes of a layer: its op code ({@link OP}), then the attributes of its key token in the same order
 * (`c<out>,<kernel>,<stride>,<padding>,<groups><b>` is 1, out, kernel, stride, padding, groups, bias);
 * a part's codes start with its input shape (0, channels, size, tokens). Equal codes, equal keys.
 */
export class PartNet extends Net {
  private readonly codes: Codes;
  private readonly features: Float64Array;
  private readonly cuts: PartBoundaries;
  /** Layers in the current part. */
  private layers = 0;
  /** The enclosing scopes (prefix and index, -1 for none), kept as parts: a scope's path is built only where a label needs it. */
  private readonly prefixes: string[] = [];
  private readonly indices: number[] = [];

  constructor(channels: number, size: number, codes: Codes, features: Float64Array, visit: PartVisitor) {
    super(channels, size);
    this.codes = codes;
    this.features = features;
    this.cuts = new PartBoundaries(
      () => this.layers > 0,
      (kind, repeats, label) => {
        visit(kind, repeats, label, codes, codes.hash(), features);
        this.layers = 0;
        codes.clear();
        features.fill(0);
      },
    );
  }

  /** Ends the walk: the part after the last block is the head (without blocks, the whole walk is the stem). */
  finish(): void {
    this.cuts.finish();
  }

  override enter(prefix: string, index?: number): void {
    this.prefixes.push(prefix);
    this.indices.push(index === undefined ? -1 : index);
  }

  override exit(): void {
    this.prefixes.pop();
    this.indices.pop();
  }

  /** Blocks 0 and 1 of a stage, block 1 standing for blocks 1..count-1 (see `Sink.distinctBlocks`). */
  override blocks<A, B>(count: number, body: BlockBody<A, B>, a: A, b: B): void {
    this.blockCount += count;
    if (count === 0) return;
    const scope = this.scope();
    this.block(body, scope, 0, 1, a, b);
    if (count > 1) this.block(body, scope, 1, count - 1, a, b);
  }

  private block<A, B>(body: BlockBody<A, B>, scope: string, index: number, repeats: number, a: A, b: B): void {
    this.cuts.begin(scope, repeats);
    body(this, index, a, b);
    this.cuts.end(scope, index, repeats);
  }

  /** The module path of the current scope (`s2`, `features.3`). */
  private scope(): string {
    let path = '';
    for (let i = 0; i < this.prefixes.length; i++) {
      const part = this.indices[i]! < 0 ? this.prefixes[i]! : `${this.prefixes[i]!}${this.indices[i]!}`;
      path = i === 0 ? part : `${path}.${part}`;
    }
    return path;
  }

  /** Starts a layer: appends the part's input shape if it is the part's first layer; returns the codes to append the layer's to. */
  private start(): Codes {
    if (this.layers++ === 0) this.codes.push(4, 0, this.channels, this.size, this.tokens);
    return this.codes;
  }

  /** Adds an op of type `type` that writes (or moves) the current tensor's elements. */
  private moved(type: number): void {
    addFeatures(this.features, type, 0, this.tokens > 0 ? this.tokens * this.channels : this.channels * this.size * this.size);
  }

  override conv(name: string, out: number, kernel: number, stride = 1, groups = 1, bias = false, padding = (kernel - 1) >> 1): void {
    this.start().push(7, OP.conv, out, kernel, stride, padding, groups, bias ? 1 : 0);
    const type = groups === 1 ? (kernel === 1 ? OP_TYPE.conv1x1 : OP_TYPE.convKxK) : groups === this.channels ? OP_TYPE.depthwise : OP_TYPE.grouped;
    this.flops = 0;
    this.acts = 0;
    super.conv(name, out, kernel, stride, groups, bias, padding);
    addFeatures(this.features, type, this.flops, this.acts);
  }

  override linear(name: string, out: number, bias = true): void {
    this.start().push(3, OP.linear, out, bias ? 1 : 0);
    this.flops = 0;
    this.acts = 0;
    super.linear(name, out, bias);
    addFeatures(this.features, OP_TYPE.linear, this.flops, this.acts);
  }

  override attention(name: string, heads: number): void {
    this.start().push(2, OP.attention, heads);
    this.flops = 0;
    this.acts = 0;
    super.attention(name, heads);
    addFeatures(this.features, OP_TYPE.attention, this.flops, this.acts);
  }

  /** Batch norms count nothing: the exported model folds each into the conv before it. */
  override norm(name: string, kind: NormKind = 'batch', endsResidual = false, eps = 1e-5): void {
    this.start().push(2, OP.norm, kind === 'batch' ? 0 : kind === 'layer' ? 1 : 2);
    super.norm(name, kind, endsResidual, eps);
    if (kind !== 'batch') this.moved(OP_TYPE.layerNorm);
  }

  override act(_name: string, kind: ActivationKind): void {
    this.start().push(2, OP.act, activationCode(kind));
    this.moved(kind === 'sigmoid' || kind === 'silu' || kind === 'gelu' ? OP_TYPE.smoothActivation : OP_TYPE.reluActivation);
  }

  /** Pools are priced by the elements they read. */
  override maxPool(name: string, kernel: number, stride: number, padding = (kernel - 1) >> 1): void {
    this.start().push(4, OP.maxpool, kernel, stride, padding);
    this.moved(OP_TYPE.maxPool);
    super.maxPool(name, kernel, stride, padding);
  }

  override avgPool(name: string): void {
    this.start().push(1, OP.avgpool);
    this.moved(OP_TYPE.globalPool);
    super.avgPool(name);
  }

  override flatten(_name: string): void {
    this.start().push(1, OP.flatten);
    this.moved(OP_TYPE.reshape);
  }

  override permute(_name: string, layout: 'channelsLast' | 'channelsFirst'): void {
    this.start().push(2, OP.permute, layout === 'channelsLast' ? 0 : 1);
    this.moved(OP_TYPE.reshape);
  }

  override scale(name: string): void {
    this.start().push(1, OP.scale);
    super.scale(name);
    this.moved(OP_TYPE.reshape);
  }

  /** Forks and swaps are bookkeeping, not runtime nodes: keyed, not priced. */
  override fork(): void {
    this.start().push(1, OP.fork);
    super.fork();
  }

  override swap(): void {
    this.start().push(1, OP.swap);
    super.swap();
  }

  override merge(name: string, kind: 'add' | 'mul'): void {
    this.start().push(2, OP.merge, kind === 'add' ? 0 : 1);
    super.merge(name, kind);
    this.moved(kind === 'add' ? OP_TYPE.add : OP_TYPE.multiply);
  }

  override toTokens(name: string): void {
    this.start().push(1, OP.tokens);
    super.toTokens(name);
    this.moved(OP_TYPE.reshape);
  }

  override classToken(name: string): void {
    this.start().push(1, OP.classToken);
    super.classToken(name);
    this.moved(OP_TYPE.reshape);
  }

  override positionEmbedding(name: string, sequenceFirst = false): void {
    this.start().push(1, OP.positionEmbedding);
    super.positionEmbedding(name, sequenceFirst);
    this.moved(OP_TYPE.reshape);
  }

  override selectToken(name: string, select: 'first' | 'mean'): void {
    this.start().push(2, OP.token, select === 'first' ? 0 : 1);
    super.selectToken(name, select);
    this.moved(OP_TYPE.reshape);
  }
}

/** Buffers of finished walks, reused (a walk inside a visitor takes its own). */
const spare: { codes: Codes; features: Float64Array }[] = [];

/**
 * Runs `walk`, which makes one {@link PartNet} with the function it is given (of `channels` x `size`
 * input) and describes a network on it, handing each part to `visit`, in forward order.
 */
export function walkParts(visit: PartVisitor, walk: (makeNet: (channels: number, size: number) => PartNet) => void): void {
  const buffers = spare.pop() ?? { codes: new Codes(), features: new Float64Array(FEATURES) };
  buffers.codes.clear();
  buffers.features.fill(0);
  try {
    let net = undefined as PartNet | undefined;
    walk((channels, size) => (net = new PartNet(channels, size, buffers.codes, buffers.features, visit)));
    net?.finish();
  } finally {
    spare.push(buffers);
  }
}

/** Walks a checked spec's network (3 input channels at the training size), handing each part to `visit`, in forward order. O(stages). */
export function cutNetwork(spec: ModelSpec, visit: PartVisitor): void {
  walkParts(visit, (makeNet) => familyOf(spec).describe(makeNet(3, spec.resolution.train), spec));
}
