/** Cost keys: every token replays to the layer it names, and malformed keys are refused with the token named. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LatencyTableError } from '../../src/index.js';
import { MAX_KEY_LENGTH, partKey, replayKey } from '../../src/latency/key.js';
import type { Layer } from '../../src/network/net.js';

function replayed(key: string): { layers: Layer[]; flops: number; params: number; acts: number } {
  const layers: Layer[] = [];
  const net = replayKey(key, { layer: (layer) => layers.push(layer) }, 'key');
  return { layers, flops: net.flops, params: net.params, acts: net.acts };
}

describe('replayKey', () => {
  it('rebuilds a conv with its counts (pycls conventions)', () => {
    // 3x3 conv, 8 -> 16 channels, stride 2 on 10 px: 5 x 5 output; 9 * 8 * 16 * 25 MACs + a bias per output.
    const { layers, flops, params, acts } = replayed('8x10/c16,3,2,1,1b');
    expect(layers[0]).toMatchObject({ op: 'conv', kernel: 3, stride: 2, padding: 1, groups: 1, bias: true, output: { channels: 16, size: 5 } });
    expect(flops).toBe(9 * 8 * 16 * 25 + 16 * 25);
    expect(params).toBe(9 * 8 * 16 + 16);
    expect(acts).toBe(16 * 25);
  });

  it('replays every token to a layer that keys back to it', () => {
    for (const key of [
      '3x224/c32,3,2,1,1;nb;arelu;m3,2,1',
      '16x8/(;c16,3,1,1,16;nb;asilu;(;g;c4,1,1,0,1b;arelu;c16,1,1,0,1b;ahardsigmoid;)*;c16,1,1,0,1;nb;)+',
      '16x8/(;c32,1,2,0,1;nb;|;c32,3,2,1,2;nb;arelu6;)+;ahardswish;asigmoid;agelu',
      '96x14/c96,7,1,3,96;pL;nl;l384b;agelu;l96b;x;pF;n2',
      '4x8/c8,4,4,0,1b;t;C;P;(;nl;A2;)+;Tf;l10b',
      '4x8/t;Tm;l10',
      '64x7/g;f;l1000b',
    ]) {
      expect(partKey(replayed(key).layers)).toBe(key);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['not a string', 42, /^key: 42 is not a cost key \(a string\)$/],
    ['no separator', '8x8', /is not a cost key \(input shape, '\/', layers\)/],
    ['a bad input shape', '8y8/arelu', /input shape "8y8" is not 'CxS'/],
    ['no input channels', '0x8/arelu', /input channels 0 are not in \[1, /],
    ['an unknown layer', '8x8/q1', /layer 0 "q1": is not a layer of a cost key/],
    ['groups that do not divide', '8x8/c6,3,1,1,4', /layer 0 "c6,3,1,1,4": 4 groups do not divide 8 input and 6 output channels/],
    ['a window larger than the input', '8x2/c8,7,1,0,1', /a 7x7 window does not fit a side of 2 padded by 0/],
    ['padding as large as the kernel', '8x8/c8,3,1,3,1', /padding 3 is not below the kernel 3/],
    ['a stride of 0', '8x8/m3,0,1', /stride 0 is not in \[1, /],
    ['a join without a fork', '8x8/arelu;)+', /layer 1 "\)\+": joins branches, but no '\(' is open/],
    ['a swap without a fork', '8x8/|', /swaps branches, but no '\(' is open/],
    ['a fork left open', '8x8/(;c8,1,1,0,1', /leaves 1 residual branch\(es\) open/],
    ['a join of mismatched shapes', '8x8/(;c16,1,1,0,1;)+', /joins a 16x8x8 tensor with a 8x8x8 one/],
    ['attention on an image', '8x8/A2', /needs a token sequence, but the part holds an image tensor here/],
    ['a conv on tokens', '8t9/c8,1,1,0,1', /needs an image tensor, but the part holds a token sequence here/],
    ['heads that do not divide', '8t9/A3', /3 heads do not divide 8 channels/],
    ['a flatten of a map', '8x8/f', /flattens a tensor of side 8, not 1/],
    ['a width beyond the limit', '8x8/l99999999', /width 99999999 is not in \[1, /],
  ])('refuses %s, naming the token', (_, key, message) => {
    expect(() => replayKey(key, null, 'key')).toThrow(LatencyTableError);
    expect(() => replayKey(key, null, 'key')).toThrow(message);
  });

  it('refuses a key longer than the limit before reading it', () => {
    expect(() => replayKey(`8x8/${'arelu;'.repeat(MAX_KEY_LENGTH / 6)}arelu`, null, 'entries[3].key')).toThrow(
      /^entries\[3\]\.key: is \d+ characters long, more than the limit of 200000$/,
    );
  });

  it('only ever throws LatencyTableError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,3}x\d{1,3}\/[a-z0-9,;()|+*]{0,30}$/)), (key) => {
        try {
          replayKey(key, null, 'key');
        } catch (error) {
          expect(error).toBeInstanceOf(LatencyTableError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
