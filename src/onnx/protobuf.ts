/**
 * A small protobuf encoder: the three wire encodings an ONNX model needs (varints for int32, int64 and
 * enums; fixed32 for float; length-delimited for strings, bytes and nested messages), written without a
 * protobuf library so that `fastscale/onnx` has no dependency.
 *
 * A message is built bottom-up: nested messages first, then the fields of their parent, each call in
 * ascending field-number order (what protobufjs and the reference encoders write, so the bytes match
 * theirs). Lengths are known as fields are added, so {@link ProtoMessage.toBytes} allocates the output
 * once and copies each `bytes` payload (the weights) exactly once.
 */
import { OnnxError } from './errors.js';

/** Wire types (protobuf encoding spec). */
const VARINT = 0;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

const utf8 = new TextEncoder();

/** Bytes of a varint of a non-negative safe integer. */
function varintLength(value: number): number {
  let length = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

/** Appends the varint of a non-negative safe integer (7 bits per byte, low bits first). */
function pushVarint(out: number[], value: number): void {
  while (value >= 128) {
    out.push((value % 128) | 128);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

/**
 * Appends an int64 varint. Negative values are written as their 64-bit two's complement (10 bytes), as
 * protobuf defines for int32 and int64.
 */
function pushInt64(out: number[], value: number, field: number): void {
  if (!Number.isSafeInteger(value)) throw new OnnxError(`field ${field}`, `${value} is not an integer that int64 can carry exactly`);
  if (value >= 0) {
    pushVarint(out, value);
    return;
  }
  let twos = BigInt.asUintN(64, BigInt(value));
  while (twos >= 128n) {
    out.push(Number(twos & 127n) | 128);
    twos >>= 7n;
  }
  out.push(Number(twos));
}

/** One protobuf message under construction. */
export class ProtoMessage {
  /** Runs of scalar bytes, byte payloads and nested messages, in write order. */
  private readonly parts: (number[] | Uint8Array | ProtoMessage)[] = [];
  private scalars: number[] = [];
  private length = 0;
  private sealed = false;

  /** Encoded size in bytes so far. */
  get byteLength(): number {
    return this.length;
  }

  /** An `int32`, `int64` or enum field (any safe integer). */
  int64(field: number, value: number): this {
    this.key(field, VARINT);
    const before = this.scalars.length;
    pushInt64(this.scalars, value, field);
    this.length += this.scalars.length - before;
    return this;
  }

  /** A repeated `int64` field, unpacked (one key per value), as proto2 writes it by default. */
  int64s(field: number, values: readonly number[]): this {
    for (const value of values) this.int64(field, value);
    return this;
  }

  /** A `float` field: IEEE 754 single precision, little-endian. */
  float(field: number, value: number): this {
    this.key(field, FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.scalars.push(...bytes);
    this.length += 4;
    return this;
  }

  /** A `string` field, UTF-8. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** A repeated `string` field. */
  strings(field: number, values: readonly string[]): this {
    for (const value of values) this.string(field, value);
    return this;
  }

  /** A `bytes` field; the payload is copied when the message is written, not before. */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, LENGTH_DELIMITED);
    this.lengthPrefix(value.byteLength);
    this.parts.push(value);
    this.length += value.byteLength;
    return this;
  }

  /** A nested message field; the message must be complete (it is sealed against further writes). */
  message(field: number, value: ProtoMessage): this {
    this.key(field, LENGTH_DELIMITED);
    value.sealed = true;
    this.lengthPrefix(value.length);
    this.parts.push(value);
    this.length += value.length;
    return this;
  }

  /** A repeated message field. */
  messages(field: number, values: readonly ProtoMessage[]): this {
    for (const value of values) this.message(field, value);
    return this;
  }

  /** The encoded message. */
  toBytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    const end = this.writeInto(out, 0);
    if (end !== this.length) throw new OnnxError('', `protobuf encoder wrote ${end} of ${this.length} bytes`);
    return out;
  }

  private key(field: number, wireType: number): void {
    if (this.sealed) throw new OnnxError(`field ${field}`, 'written after its message was added to a parent');
    const before = this.scalars.length;
    pushVarint(this.scalars, field * 8 + wireType);
    this.length += this.scalars.length - before;
  }

  private lengthPrefix(size: number): void {
    pushVarint(this.scalars, size);
    this.length += varintLength(size);
    this.flush();
  }

  /** Ends the current run of scalar bytes. */
  private flush(): void {
    if (this.scalars.length === 0) return;
    this.parts.push(this.scalars);
    this.scalars = [];
  }

  private writeInto(out: Uint8Array, offset: number): number {
    this.flush();
    for (const part of this.parts) {
      if (part instanceof ProtoMessage) {
        offset = part.writeInto(out, offset);
      } else {
        out.set(part, offset);
        offset += part.length;
      }
    }
    return offset;
  }
}
