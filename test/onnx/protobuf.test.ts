import { describe, expect, it } from 'vitest';
import { zooModel } from '../../src/index.js';
import { toOnnx } from '../../src/onnx/index.js';
import { ProtoMessage } from '../../src/onnx/protobuf.js';
import { modelProtoType } from './onnx-proto.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ProtoMessage: the wire format, byte for byte', () => {
  it('writes varints 7 bits at a time, low bits first (the protobuf spec: 150 is 96 01)', () => {
    expect(hex(new ProtoMessage().int64(1, 150).toBytes())).toBe('089601');
    expect(hex(new ProtoMessage().int64(1, 0).toBytes())).toBe('0800');
    expect(hex(new ProtoMessage().int64(1, 127).toBytes())).toBe('087f');
    expect(hex(new ProtoMessage().int64(1, 128).toBytes())).toBe('088001');
    expect(hex(new ProtoMessage().int64(1, 2 ** 31).toBytes())).toBe('088080808008');
    expect(hex(new ProtoMessage().int64(1, Number.MAX_SAFE_INTEGER).toBytes())).toBe('08ffffffffffffff0f');
  });

  it('writes a negative int64 as ten bytes of two\'s complement', () => {
    expect(hex(new ProtoMessage().int64(3, -1).toBytes())).toBe('18ffffffffffffffffff01');
    expect(hex(new ProtoMessage().int64(3, -2).toBytes())).toBe('18feffffffffffffffff01');
  });

  it('keys fields above 15 with a two-byte varint (AttributeProto.type is field 20)', () => {
    expect(hex(new ProtoMessage().int64(20, 7).toBytes())).toBe('a00107');
  });

  it('writes floats as little-endian IEEE single precision (fixed32)', () => {
    expect(hex(new ProtoMessage().float(2, 1).toBytes())).toBe('150000803f');
    expect(hex(new ProtoMessage().float(2, 1e-5).toBytes())).toBe('15acc52737');
  });

  it('writes strings as UTF-8 with their byte length, and repeated fields one key per value', () => {
    expect(hex(new ProtoMessage().string(1, 'é').toBytes())).toBe('0a02c3a9');
    expect(hex(new ProtoMessage().string(1, '').toBytes())).toBe('0a00');
    expect(hex(new ProtoMessage().int64s(1, [3, 4]).strings(2, ['a', 'b']).toBytes())).toBe('080308041201611201 62'.replace(' ', ''));
  });

  it('nests messages with their length, empty ones included', () => {
    const inner = new ProtoMessage().int64(1, 150);
    expect(hex(new ProtoMessage().message(3, inner).message(4, new ProtoMessage()).toBytes())).toBe('1a0308960122 00'.replace(' ', ''));
  });

  it('writes a long bytes field with a multi-byte length prefix', () => {
    const payload = new Uint8Array(300).fill(7);
    const bytes = new ProtoMessage().bytes(9, payload).toBytes();
    expect(hex(bytes.subarray(0, 3))).toBe('4aac02');
    expect(bytes.length).toBe(303);
    expect(bytes.subarray(3)).toEqual(payload);
  });

  it('refuses a write to a message already nested in a parent', () => {
    const inner = new ProtoMessage();
    new ProtoMessage().message(1, inner);
    expect(() => inner.int64(1, 1)).toThrow(/written after its message was added/);
  });
});

describe('toOnnx bytes equal what protobufjs encodes for the same message', () => {
  // Decoding with protobufjs and encoding again gives protobufjs's bytes for the same fields: equal bytes
  // mean the same fields, values, order and encodings.
  const type = modelProtoType();
  it.each([
    ['RegNetY-400MF', {}],
    ['ResNeXt-50', { foldBatchNorm: true }],
    ['EfficientNet-B0', { exposeActivations: true, opset: 22 }],
    ['RegNetX-200MF', { seed: 4_294_967_295 }],
  ] as const)('%s %j', (name, options) => {
    const ours = toOnnx(zooModel(name), options);
    const theirs = type.encode(type.decode(ours)).finish();
    expect(theirs.length).toBe(ours.length);
    expect(Buffer.compare(Buffer.from(theirs), Buffer.from(ours))).toBe(0);
  });
});
