/**
 * The walk (src/network/net.ts), op by op, against counts worked by hand from pycls's conventions
 * (DOMAIN.md section 5: flops = multiply-adds, +1 per output element with a bias; acts = outputs of
 * convs, linears and max pools; params = every parameter), and the stage shortcut (blocks 2..n counted
 * as copies of block 2) against walking every block.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SpecError } from '../../src/index.js';
import { ListingNet, Net, type Layer, type Sink } from '../../src/network/net.js';
import { thrown } from '../helpers/errors.js';

/** A sink that keeps every layer. */
class Recorder implements Sink {
  readonly layers: Layer[] = [];
  layer(layer: Layer): void {
    this.layers.push(layer);
  }
}

const counts = (net: Net) => ({ flops: net.flops, params: net.params, acts: net.acts });

describe('conv', () => {
  it('3x3, stride 2, 3 -> 16 channels at 32 px: 16 px out; 9 x 3 x 16 x 256 flops', () => {
    const net = new Net(3, 32);
    net.conv('c', 16, 3, 2);
    expect([net.channels, net.size]).toEqual([16, 16]);
    expect(counts(net)).toEqual({ flops: 9 * 3 * 16 * 256, params: 9 * 3 * 16, acts: 16 * 256 });
  });

  it('grouped and with a bias: 1x1, 8 -> 12 channels in 4 groups at 5 px; bias adds 12 params and 12 x 25 flops', () => {
    const net = new Net(8, 5);
    net.conv('c', 12, 1, 1, 4, true);
    expect(counts(net)).toEqual({ flops: 2 * 12 * 25 + 12 * 25, params: 2 * 12 + 12, acts: 12 * 25 });
  });

  it('depthwise 5x5, stride 2, at 7 px: (7 - 1) // 2 + 1 = 4 px', () => {
    const net = new Net(6, 7);
    net.conv('c', 6, 5, 2, 6);
    expect(net.size).toBe(4);
    expect(counts(net)).toEqual({ flops: 25 * 6 * 16, params: 25 * 6, acts: 6 * 16 });
  });

  it('padding given (a ConvNeXt patchify conv: 4x4, stride 4, padding 0) at 30 px: (30 - 4) // 4 + 1 = 7 px', () => {
    const net = new Net(3, 30);
    net.conv('c', 8, 4, 4, 1, true, 0);
    expect(net.size).toBe(7);
    expect(counts(net)).toEqual({ flops: 16 * 3 * 8 * 49 + 8 * 49, params: 16 * 3 * 8 + 8, acts: 8 * 49 });
  });

  it('even kernel with the default padding (k - 1) >> 1: a 2x2 conv at 6 px, stride 2, pads 0 -> 3 px', () => {
    const net = new Net(1, 6);
    net.conv('c', 1, 2, 2);
    expect(net.size).toBe(3);
  });

  it('refuses an output of no pixels, naming resolution.train', () => {
    const net = new Net(3, 2);
    const error = thrown(() => net.conv('c', 4, 7, 1, 1, false, 0), SpecError);
    expect(error.path).toBe('resolution.train');
    expect(error.message).toBe('resolution.train: is too small for this network: a layer would have an output of no pixels');
  });
});

describe('the other ops', () => {
  it('max pool 3x3 stride 2 at 16 px: 8 px, its output counted as acts', () => {
    const net = new Net(4, 16);
    net.maxPool('p', 3, 2);
    expect([net.size, net.channels]).toEqual([8, 4]);
    expect(counts(net)).toEqual({ flops: 0, params: 0, acts: 4 * 64 });
  });

  it('max pool with an explicit padding of 0: 3x3 stride 2 at 7 px -> 3 px', () => {
    const net = new Net(1, 7);
    net.maxPool('p', 3, 2, 0);
    expect(net.size).toBe(3);
    expect(() => new Net(1, 1).maxPool('p', 3, 1, 0)).toThrow(SpecError);
  });

  it('norm: 2 params per channel, nothing else', () => {
    const net = new Net(24, 9);
    net.norm('bn');
    net.norm('ln', 'layer');
    expect(counts(net)).toEqual({ flops: 0, params: 96, acts: 0 });
  });

  it('global average pool and flatten: 1 px, nothing counted', () => {
    const net = new Net(32, 7);
    net.avgPool('pool');
    net.flatten('flatten');
    expect([net.channels, net.size]).toEqual([32, 1]);
    expect(counts(net)).toEqual({ flops: 0, params: 0, acts: 0 });
  });

  it('linear after pooling: in x out + out flops and params, out acts', () => {
    const net = new Net(32, 1);
    net.linear('fc', 10);
    expect(counts(net)).toEqual({ flops: 330, params: 330, acts: 10 });
    const noBias = new Net(32, 1);
    noBias.linear('fc', 10, false);
    expect(counts(noBias)).toEqual({ flops: 320, params: 320, acts: 10 });
  });

  it('linear over every pixel of a 3 x 3 map (channels last) and over tokens', () => {
    const pixels = new Net(4, 3);
    pixels.permute('p', 'channelsLast');
    pixels.linear('fc', 8);
    expect(counts(pixels)).toEqual({ flops: (32 + 8) * 9, params: 40, acts: 72 });
    const tokens = new Net(4, 6);
    tokens.toTokens('t');
    expect([tokens.tokens, tokens.size]).toEqual([36, 1]);
    tokens.linear('fc', 8);
    expect(counts(tokens)).toEqual({ flops: 40 * 36, params: 40, acts: 8 * 36 });
  });

  it('layer scale, class token and position embedding: parameters only', () => {
    const net = new Net(16, 4);
    net.scale('gamma');
    expect(net.params).toBe(16);
    net.toTokens('t');
    net.classToken('cls');
    expect([net.tokens, net.params]).toEqual([17, 32]);
    net.positionEmbedding('pos');
    expect(net.params).toBe(32 + 17 * 16);
    expect([net.flops, net.acts]).toEqual([0, 0]);
  });

  it("attention as pycls's MultiheadAttention.complexity counts it (hidden 8, 2 heads, 5 tokens)", () => {
    const net = new Net(8, 1);
    net.tokens = 5;
    net.attention('attn', 2);
    // qkv: 5 x (8 x 24 + 24); q k^T and attention x v: 2 x 2 heads x 5 x 4 x 5; out: 5 x (64 + 8).
    expect(net.flops).toBe(5 * (192 + 24) + 2 * 2 * 5 * 4 * 5 + 5 * 72);
    expect(net.params).toBe(192 + 24 + 64 + 8);
    // qkv 24 x 5, attention maps 2 x 5 x 5, attention x v 2 x 5 x 4, out 8 x 5.
    expect(net.acts).toBe(120 + 50 + 40 + 40);
    expect(net.largestOutput).toBe(120);
    net.selectToken('head', 'first');
    expect([net.tokens, net.size, net.channels]).toEqual([0, 1, 8]);
  });

  it('fork, swap and merge: the branches see their own shapes; the merge keeps the forked shape', () => {
    const net = new Net(8, 16);
    net.fork();
    net.conv('proj', 16, 1, 2);
    net.swap();
    expect([net.channels, net.size]).toEqual([8, 16]);
    net.conv('a', 16, 3, 2);
    net.merge('add', 'add');
    expect([net.channels, net.size]).toEqual([16, 8]);
    // A gate: [N, C, 1, 1] multiplies the kept tensor, which keeps its size.
    net.fork();
    net.avgPool('pool');
    net.merge('gate', 'mul');
    expect([net.channels, net.size]).toEqual([16, 8]);
  });

  it('largestOutput tracks the largest single output, not the sum', () => {
    const net = new Net(3, 8);
    net.conv('a', 4, 3); // 256
    net.conv('b', 8, 3, 2); // 128
    net.maxPool('p', 3, 1); // 128
    net.linear('fc', 2); // 32
    expect(net.largestOutput).toBe(256);
    expect(net.acts).toBe(256 + 128 + 128 + 32);
  });
});

describe('names: scopes and the sink', () => {
  it('gives each layer its full module path, and its input and output shapes', () => {
    const sink = new Recorder();
    const net = new ListingNet(3, 8, sink);
    net.enter('stem');
    net.conv('conv', 4, 3, 2);
    net.exit();
    net.enter('s', 1);
    net.enter('b', 2);
    net.norm('bn', 'batch', true, 1e-3);
    net.act('af', 'relu');
    net.exit();
    net.exit();
    net.linear('fc', 10);
    expect(sink.layers.map((l) => l.name)).toEqual(['stem.conv', 's1.b2.bn', 's1.b2.af', 'fc']);
    const [conv, norm] = sink.layers as [Extract<Layer, { op: 'conv' }>, Extract<Layer, { op: 'norm' }>];
    expect(conv).toMatchObject({ op: 'conv', input: { channels: 3, size: 8, tokens: 0 }, output: { channels: 4, size: 4, tokens: 0 }, kernel: 3, stride: 2, padding: 1, groups: 1, bias: false });
    expect(norm).toMatchObject({ op: 'norm', kind: 'batch', endsResidual: true, eps: 1e-3, params: 8 });
  });
});

describe('records of the shape-only ops', () => {
  it('a sink that takes no names gets each layer by its own name (the walk builds no paths)', () => {
    const short = { names: false as const, seen: [] as string[], layer(layer: Layer) { this.seen.push(layer.name); } };
    const net = new ListingNet(3, 8, short);
    net.enter('s', 1);
    net.enter('b', 2);
    net.conv('a', 4, 3);
    net.exit();
    net.exit();
    expect(short.seen).toEqual(['a']);
  });

  it('a norm is a batch norm with eps 1e-5 that ends no residual by default', () => {
    const sink = new Recorder();
    new ListingNet(6, 2, sink).norm('bn');
    expect(sink.layers[0]).toMatchObject({ op: 'norm', kind: 'batch', endsResidual: false, eps: 1e-5, params: 12 });
  });

  it('a position embedding is batch-first by default (torchvision), sequence-first where asked (pycls)', () => {
    const sink = new Recorder();
    const net = new ListingNet(4, 2, sink);
    net.toTokens('tokens');
    net.positionEmbedding('torchvision');
    net.positionEmbedding('pycls', true);
    expect(sink.layers.slice(1).map((l) => [l.name, (l as Extract<Layer, { op: 'positionEmbedding' }>).sequenceFirst])).toEqual([
      ['torchvision', false],
      ['pycls', true],
    ]);
  });

  it('a linear has a bias by default (out extra params)', () => {
    const sink = new Recorder();
    new ListingNet(6, 1, sink).linear('fc', 10);
    expect(sink.layers[0]).toMatchObject({ op: 'linear', bias: true, params: 6 * 10 + 10, flops: 70, acts: 10 });
  });

  it('permute, tokens, class token, position embedding, token selection and swap carry their shapes', () => {
    const sink = new Recorder();
    const net = new ListingNet(3, 8, sink);
    net.conv('proj', 16, 4, 4, 1, true, 0);
    net.permute('p', 'channelsLast');
    net.permute('q', 'channelsFirst');
    net.toTokens('tokens');
    net.classToken('class_token');
    net.positionEmbedding('pos', true);
    net.selectToken('token', 'first');
    net.fork();
    net.linear('fc', 8);
    net.swap();
    const records = sink.layers.map(({ op, name, input, output }) => ({ op, name, input, output }));
    const shape = (channels: number, size: number, tokens: number) => ({ channels, size, tokens });
    expect(records).toEqual([
      { op: 'conv', name: 'proj', input: shape(3, 8, 0), output: shape(16, 2, 0) },
      { op: 'permute', name: 'p', input: shape(16, 2, 0), output: shape(16, 2, 0) },
      { op: 'permute', name: 'q', input: shape(16, 2, 0), output: shape(16, 2, 0) },
      { op: 'tokens', name: 'tokens', input: shape(16, 2, 0), output: shape(16, 1, 4) },
      { op: 'classToken', name: 'class_token', input: shape(16, 1, 4), output: shape(16, 1, 5) },
      { op: 'positionEmbedding', name: 'pos', input: shape(16, 1, 5), output: shape(16, 1, 5) },
      { op: 'token', name: 'token', input: shape(16, 1, 5), output: shape(16, 1, 0) },
      { op: 'fork', name: '', input: shape(16, 1, 0), output: shape(16, 1, 0) },
      { op: 'linear', name: 'fc', input: shape(16, 1, 0), output: shape(8, 1, 0) },
      { op: 'swap', name: '', input: shape(8, 1, 0), output: shape(16, 1, 0) },
    ]);
    expect(sink.layers.filter((l) => l.op === 'permute').map((l) => (l as Extract<Layer, { op: 'permute' }>).layout)).toEqual(['channelsLast', 'channelsFirst']);
    expect(sink.layers.find((l) => l.op === 'positionEmbedding')).toMatchObject({ sequenceFirst: true, params: 5 * 16 });
  });

  it('a swap inside a nested fork exchanges only the innermost kept tensor', () => {
    const sink = new Recorder();
    const net = new ListingNet(4, 8, sink);
    net.fork();
    net.conv('a', 6, 3, 2);
    net.fork();
    net.conv('b', 10, 3, 2);
    net.swap();
    net.merge('inner', 'add');
    net.merge('outer', 'add');
    const merges = sink.layers.filter((l) => l.op === 'merge' || l.op === 'swap').map(({ op, name, input, output }) => ({ op, name, input, output }));
    expect(merges).toEqual([
      { op: 'swap', name: '', input: { channels: 10, size: 2, tokens: 0 }, output: { channels: 6, size: 4, tokens: 0 } },
      { op: 'merge', name: 'inner', input: { channels: 6, size: 4, tokens: 0 }, output: { channels: 10, size: 2, tokens: 0 } },
      { op: 'merge', name: 'outer', input: { channels: 10, size: 2, tokens: 0 }, output: { channels: 4, size: 8, tokens: 0 } },
    ]);
  });
});

describe('blocks: identical blocks 2..n are counted as copies of block 2', () => {
  /** A stage body: block 0 changes width and resolution, the others keep them (the Net's contract). */
  function body(net: Net, index: number, stage: { width: number; stride: number; bias: boolean }): void {
    net.enter('b', index + 1);
    net.fork();
    if (index === 0) net.conv('proj', stage.width, 1, stage.stride);
    net.swap();
    net.conv('a', stage.width, 3, index === 0 ? stage.stride : 1, 1, stage.bias);
    net.norm('bn');
    net.merge('add', 'add');
    net.exit();
  }

  it('gives the counts of walking every block (with a sink), for any depth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 2 }),
        fc.boolean(),
        (depth, width, stride, bias) => {
          const stage = { width, stride, bias };
          const fast = new Net(5, 12);
          fast.blocks(depth, body, stage, null);
          const sink = new Recorder();
          const full = new ListingNet(5, 12, sink);
          full.blocks(depth, body, stage, null);
          expect(counts(fast)).toEqual(counts(full));
          expect(fast.blockCount).toBe(depth);
          expect(sink.layers.filter((l) => l.op === 'conv' && l.name.endsWith('.a'))).toHaveLength(depth);
        },
      ),
    );
  });

  it('by hand: 4 blocks of a 3x3 conv 2 -> 2 channels at 3 px, after a first block 1 -> 2', () => {
    const net = new Net(1, 3);
    net.blocks(4, (n, i) => n.conv('c', 2, 3, 1, 1, false), null, null);
    // Block 1: 9 x 1 x 2 x 9 = 162 flops; blocks 2..4: 9 x 2 x 2 x 9 = 324 each.
    expect(counts(net)).toEqual({ flops: 162 + 3 * 324, params: 18 + 3 * 36, acts: 4 * 18 });
  });
});
