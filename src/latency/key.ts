/**
 * Cost keys: a part of a network (its stem, a block, its head) written as the layers that decide its
 * cost, without names: `32x112/(;c64,1,2,0,1;nb;|;c64,1,1,0,1;nb;arelu;...;)+;arelu`. The input shape
 * comes first (`channels x side`, or `channels t tokens`), then one token per layer: its op and the
 * attributes that change its work (widths, kernel, stride, padding, groups, bias, norm, activation,
 * joins). Shapes after the input follow from these, so two parts with the same key do the same work,
 * and a key can be replayed on a {@link Net} to rebuild the part: for its counts, or for an ONNX model
 * of it alone.
 */
import { LatencyTableError } from '../errors.js';
import { describe } from '../internal/describe.js';
import { LIMITS } from '../limits.js';
import { type ActivationKind, type Layer, type LayerOp, type Net, type Shape, type Sink, walkingNet } from '../network/net.js';

const NORMS = { batch: 'nb', layer: 'nl', layer2d: 'n2' } as const;
const NORM_KINDS: Readonly<Record<string, keyof typeof NORMS>> = { nb: 'batch', nl: 'layer', n2: 'layer2d' };
const ACTIVATIONS: readonly ActivationKind[] = ['relu', 'relu6', 'silu', 'hardswish', 'hardsigmoid', 'sigmoid', 'gelu'];

/** Longest key a table may hold, in characters, and most layers in one part. */
export const MAX_KEY_LENGTH = 200_000;
export const MAX_KEY_LAYERS = 10_000;

/** The token of one layer (see the module comment). */
export function layerToken(layer: Layer): string {
  switch (layer.op) {
    case 'conv':
      return `c${layer.output.channels},${layer.kernel},${layer.stride},${layer.padding},${layer.groups}${layer.bias ? 'b' : ''}`;
    case 'linear':
      return `l${layer.output.channels}${layer.bias ? 'b' : ''}`;
    case 'norm':
      return NORMS[layer.kind];
    case 'act':
      return `a${layer.kind}`;
    case 'maxpool':
      return `m${layer.kernel},${layer.stride},${layer.padding}`;
    case 'avgpool':
      return 'g';
    case 'flatten':
      return 'f';
    case 'permute':
      return layer.layout === 'channelsLast' ? 'pL' : 'pF';
    case 'scale':
      return 'x';
    case 'fork':
      return '(';
    case 'swap':
      return '|';
    case 'merge':
      return layer.kind === 'add' ? ')+' : ')*';
    case 'tokens':
      return 't';
    case 'token':
      return layer.select === 'first' ? 'Tf' : 'Tm';
    case 'classToken':
      return 'C';
    case 'positionEmbedding':
      return 'P';
    case 'attention':
      return `A${layer.heads}`;
  }
}

/** FNV-1a's offset basis and prime (32 bits). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * A growable buffer of codes: the numbers equivalent to a part's key (see `PartNet`). Parts
 * with equal codes have equal keys; prediction compares codes, not strings, so that looking a part up
 * builds no string.
 */
export class Codes {
  values = new Int32Array(256);
  length = 0;
  /** The hash of the codes so far (see {@link hash}), kept as they are pushed: a part's codes are hashed once, in one pass. */
  private running = FNV_OFFSET;

  /** Empties the buffer. */
  clear(): void {
    this.length = 0;
    this.running = FNV_OFFSET;
  }

  /** Appends the first `count` of up to 7 numbers. */
  push(count: number, a: number, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0): void {
    if (this.length + count > this.values.length) {
      const grown = new Int32Array(2 * (this.length + count));
      grown.set(this.values);
      this.values = grown;
    }
    const v = this.values;
    const at = this.length;
    v[at] = a;
    let hash = Math.imul(this.running ^ a, FNV_PRIME);
    if (count > 1) {
      v[at + 1] = b;
      hash = Math.imul(hash ^ b, FNV_PRIME);
      if (count > 2) {
        v[at + 2] = c;
        hash = Math.imul(hash ^ c, FNV_PRIME);
        if (count > 3) {
          v[at + 3] = d;
          hash = Math.imul(hash ^ d, FNV_PRIME);
          if (count > 4) {
            v[at + 4] = e;
            v[at + 5] = f;
            v[at + 6] = g;
            hash = Math.imul(Math.imul(Math.imul(hash ^ e, FNV_PRIME) ^ f, FNV_PRIME) ^ g, FNV_PRIME);
          }
        }
      }
    }
    this.running = hash;
    this.length = at + count;
  }

  /**
   * An FNV-1a style hash of the codes (of each code as a whole, not of its bytes), cut to 30 bits: a
   * small integer, which V8 keeps unboxed as a Map key.
   */
  hash(): number {
    return this.running & 0x3fffffff;
  }

  /** Whether the codes equal `other`. */
  equals(other: Int32Array): boolean {
    if (other.length !== this.length) return false;
    const v = this.values;
    for (let i = 0; i < other.length; i++) if (v[i] !== other[i]) return false;
    return true;
  }

  /** A copy of the codes. */
  copy(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * The op code of each layer op, the first code of its layer in a part's codes (src/latency/part-net.ts).
 */
export const OP = {
  conv: 1,
  linear: 2,
  norm: 3,
  act: 4,
  maxpool: 5,
  avgpool: 6,
  flatten: 7,
  permute: 8,
  scale: 9,
  fork: 10,
  swap: 11,
  merge: 12,
  tokens: 13,
  token: 14,
  classToken: 15,
  positionEmbedding: 16,
  attention: 17,
} as const satisfies Record<LayerOp, number>;

/** The input part of a key: `channels x side` for an image tensor, `channels t tokens` for a token sequence. */
export function shapeToken(shape: Shape): string {
  return shape.tokens > 0 ? `${shape.channels}t${shape.tokens}` : `${shape.channels}x${shape.size}`;
}

/** The cost key of a part made of `layers` (at least one), in forward order. */
export function partKey(layers: readonly Layer[]): string {
  let key = `${shapeToken(layers[0]!.input)}/`;
  for (let i = 0; i < layers.length; i++) key += i === 0 ? layerToken(layers[i]!) : `;${layerToken(layers[i]!)}`;
  return key;
}

/**
 * Rebuilds the part a key describes on a new {@link Net} (handing its layers to `sink`, if given; or on
 * the net `makeNet` makes), checking every token:
 * widths, kernels and strides within {@link LIMITS}, groups that divide both widths, outputs of at least
 * one pixel, joins of tensors of matching shapes, and residual branches that open before they close and
 * all close. Layers are named by their index (`0`, `1`, ...). Throws {@link LatencyTableError} at `path`
 * naming the bad token.
 */
export function replayKey(key: unknown, sink: Sink | null, path: string, makeNet: NetMaker = (channels, size) => walkingNet(channels, size, sink)): Net {
  if (typeof key !== 'string') throw new LatencyTableError(path, `${describe(key)} is not a cost key (a string)`);
  if (key.length > MAX_KEY_LENGTH) throw new LatencyTableError(path, `is ${key.length} characters long, more than the limit of ${MAX_KEY_LENGTH}`);
  const slash = key.indexOf('/');
  if (slash < 0) throw new LatencyTableError(path, `${describe(key)} is not a cost key (input shape, '/', layers)`);
  const tokens = key.slice(slash + 1).split(';');
  if (tokens.length > MAX_KEY_LAYERS) throw new LatencyTableError(path, `has ${tokens.length} layers, more than the limit of ${MAX_KEY_LAYERS}`);
  const net = startNet(key.slice(0, slash), makeNet, path);
  const replay = new Replay(net, path);
  for (let i = 0; i < tokens.length; i++) replay.token(tokens[i]!, i);
  if (replay.open > 0) throw new LatencyTableError(path, `leaves ${replay.open} residual branch(es) open (a '(' without its ')+' or ')*')`);
  return net;
}

/** Makes the net a key is replayed on, of `channels` x `size` input. */
export type NetMaker = (channels: number, size: number) => Net;

function startNet(input: string, makeNet: NetMaker, path: string): Net {
  const match = /^(\d{1,8})([xt])(\d{1,8})$/.exec(input);
  if (match === null) throw new LatencyTableError(path, `input shape ${describe(input)} is not 'CxS' (channels x side) or 'CtT' (channels t tokens)`);
  const channels = Number(match[1]);
  const extent = Number(match[3]);
  if (channels < 1 || channels > LIMITS.maxWidth) throw new LatencyTableError(path, `input channels ${channels} are not in [1, ${LIMITS.maxWidth}]`);
  if (extent < 1 || extent > LIMITS.maxResolution) throw new LatencyTableError(path, `input ${match[2] === 'x' ? 'side' : 'tokens'} ${extent} are not in [1, ${LIMITS.maxResolution}]`);
  if (match[2] === 'x') return makeNet(channels, extent);
  const net = makeNet(channels, 1);
  net.tokens = extent;
  return net;
}

const CONV = /^c(\d{1,8}),(\d{1,3}),(\d{1,4}),(\d{1,3}),(\d{1,8})(b?)$/;
const MAXPOOL = /^m(\d{1,3}),(\d{1,4}),(\d{1,3})$/;
const LINEAR = /^l(\d{1,8})(b?)$/;
const ATTENTION = /^A(\d{1,8})$/;

/** Replays tokens on a net, checking each against the shape it meets. */
class Replay {
  /** Shapes kept by open forks. */
  private readonly kept: Shape[] = [];

  constructor(
    private readonly net: Net,
    private readonly path: string,
  ) {}

  get open(): number {
    return this.kept.length;
  }

  token(token: string, index: number): void {
    const net = this.net;
    const name = String(index);
    const bad = (reason: string): never => {
      throw new LatencyTableError(this.path, `layer ${index} ${describe(token)}: ${reason}`);
    };
    const spatial = (): void => {
      if (net.tokens > 0) bad('needs an image tensor, but the part holds a token sequence here');
    };
    const sequence = (): void => {
      if (net.tokens === 0) bad('needs a token sequence, but the part holds an image tensor here');
    };
    let match: RegExpExecArray | null;
    if ((match = CONV.exec(token)) !== null) {
      spatial();
      const [out, kernel, stride, padding, groups] = [1, 2, 3, 4, 5].map((i) => Number(match![i]));
      this.width(out!, bad);
      this.window(kernel!, stride!, padding!, bad);
      if (groups! < 1 || net.channels % groups! !== 0 || out! % groups! !== 0) bad(`${groups} groups do not divide ${net.channels} input and ${out} output channels`);
      net.conv(name, out!, kernel!, stride!, groups!, match[6] === 'b', padding!);
      return;
    }
    if ((match = MAXPOOL.exec(token)) !== null) {
      spatial();
      const [kernel, stride, padding] = [1, 2, 3].map((i) => Number(match![i]));
      this.window(kernel!, stride!, padding!, bad);
      net.maxPool(name, kernel!, stride!, padding!);
      return;
    }
    if ((match = LINEAR.exec(token)) !== null) {
      const out = Number(match[1]);
      this.width(out, bad);
      net.linear(name, out, match[2] === 'b');
      return;
    }
    if ((match = ATTENTION.exec(token)) !== null) {
      sequence();
      const heads = Number(match[1]);
      if (heads < 1 || net.channels % heads !== 0) bad(`${heads} heads do not divide ${net.channels} channels`);
      net.attention(name, heads);
      return;
    }
    if (token.startsWith('a') && (ACTIVATIONS as readonly string[]).includes(token.slice(1))) {
      net.act(name, token.slice(1) as ActivationKind);
      return;
    }
    const norm = NORM_KINDS[token];
    if (norm !== undefined) {
      if (norm === 'layer2d') spatial();
      net.norm(name, norm);
      return;
    }
    switch (token) {
      case 'g':
        spatial();
        net.avgPool(name);
        return;
      case 'f':
        if (net.size !== 1 || net.tokens > 0) bad(`flattens a tensor of side ${net.size}, not 1`);
        net.flatten(name);
        return;
      case 'pL':
      case 'pF':
        spatial();
        net.permute(name, token === 'pL' ? 'channelsLast' : 'channelsFirst');
        return;
      case 'x':
        net.scale(name);
        return;
      case '(':
        this.kept.push(net.shape());
        net.fork();
        return;
      case '|': {
        const top = this.kept.pop();
        if (top === undefined) bad("swaps branches, but no '(' is open");
        this.kept.push(net.shape());
        net.swap();
        return;
      }
      case ')+':
      case ')*': {
        const kept = this.kept.pop();
        if (kept === undefined) bad("joins branches, but no '(' is open");
        const here = net.shape();
        const same = here.channels === kept!.channels && here.size === kept!.size && here.tokens === kept!.tokens;
        const gate = token === ')*' && here.channels === kept!.channels && here.size === 1 && here.tokens === 0;
        if (!same && !gate) bad(`joins a ${shapeText(here)} tensor with a ${shapeText(kept!)} one`);
        net.merge(name, token === ')+' ? 'add' : 'mul');
        return;
      }
      case 't':
        spatial();
        net.toTokens(name);
        return;
      case 'Tf':
      case 'Tm':
        sequence();
        net.selectToken(name, token === 'Tf' ? 'first' : 'mean');
        return;
      case 'C':
        sequence();
        net.classToken(name);
        return;
      case 'P':
        sequence();
        net.positionEmbedding(name);
        return;
      default:
        bad('is not a layer of a cost key');
    }
  }

  private width(out: number, bad: (reason: string) => never): void {
    if (out < 1 || out > LIMITS.maxWidth) bad(`width ${out} is not in [1, ${LIMITS.maxWidth}]`);
  }

  /** A conv's or pool's window: kernel, stride and padding within limits, and an output of at least one pixel. */
  private window(kernel: number, stride: number, padding: number, bad: (reason: string) => never): void {
    if (kernel < 1 || kernel > LIMITS.maxKernel) bad(`kernel ${kernel} is not in [1, ${LIMITS.maxKernel}]`);
    if (stride < 1 || stride > LIMITS.maxStride) bad(`stride ${stride} is not in [1, ${LIMITS.maxStride}]`);
    if (padding >= kernel) bad(`padding ${padding} is not below the kernel ${kernel}`);
    if (this.net.size + 2 * padding < kernel) bad(`a ${kernel}x${kernel} window does not fit a side of ${this.net.size} padded by ${padding}`);
  }
}

function shapeText(shape: Shape): string {
  return shape.tokens > 0 ? `${shape.tokens}x${shape.channels}` : `${shape.channels}x${shape.size}x${shape.size}`;
}
