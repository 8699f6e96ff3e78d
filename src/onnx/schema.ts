/**
 * The subset of the ONNX protobuf schema that an exported model uses, and its encoding.
 *
 * Messages, field names and field numbers follow the official schema, onnx/onnx.proto
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, proto2, package `onnx`); fields this exporter
 * never writes are left out, which protobuf allows: a reader skips nothing it needs, and unknown fields
 * cannot appear. Each encoder below writes its message's fields in ascending field number (the numbers are
 * in the comments), as protobufjs and the reference encoders do.
 */
import { ProtoMessage } from './protobuf.js';

/** `AttributeProto.AttributeType` values used here. */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, TENSOR: 4, INTS: 7 } as const;

/** `TensorProto.DataType.FLOAT`: every weight and activation here is float32. */
export const FLOAT = 1;

/** `TensorProto.DataType.INT64`: the shapes and indices that Reshape, Expand and Gather read. */
export const INT64 = 7;

// Plain-object shapes of the messages (field names kept as in onnx.proto).

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  t?: TensorProto;
  ints?: number[];
}

export interface NodeProto {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: AttributeProto[];
}

export interface TensorProto {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

export interface ModelProto {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  doc_string: string;
  graph: GraphProto;
  metadata_props: { key: string; value: string }[];
}

/** `AttributeProto`: name = 1, f = 2, i = 3, t = 5, ints = 8, type = 20. */
function attributeMessage(a: AttributeProto): ProtoMessage {
  const m = new ProtoMessage().string(1, a.name);
  if (a.f !== undefined) m.float(2, a.f);
  if (a.i !== undefined) m.int64(3, a.i);
  if (a.t !== undefined) m.message(5, tensorMessage(a.t));
  if (a.ints !== undefined) m.int64s(8, a.ints);
  return m.int64(20, a.type);
}

/** `NodeProto`: input = 1, output = 2, name = 3, op_type = 4, attribute = 5. */
function nodeMessage(n: NodeProto): ProtoMessage {
  return new ProtoMessage()
    .strings(1, n.input)
    .strings(2, n.output)
    .string(3, n.name)
    .string(4, n.op_type)
    .messages(5, n.attribute.map(attributeMessage));
}

/** `TensorProto`: dims = 1, data_type = 2, name = 8, raw_data = 9. */
function tensorMessage(t: TensorProto): ProtoMessage {
  return new ProtoMessage().int64s(1, t.dims).int64(2, t.data_type).string(8, t.name).bytes(9, t.raw_data);
}

/**
 * `ValueInfoProto` (name = 1, type = 2) of a tensor: `TypeProto.tensor_type` = 1, `Tensor` (elem_type = 1,
 * shape = 2), `TensorShapeProto.dim` = 1, `Dimension` (dim_value = 1 or dim_param = 2).
 */
function valueInfoMessage(v: ValueInfoProto): ProtoMessage {
  const { elem_type, shape } = v.type.tensor_type;
  const dims = shape.dim.map((d) => ('dim_param' in d ? new ProtoMessage().string(2, d.dim_param) : new ProtoMessage().int64(1, d.dim_value)));
  const tensor = new ProtoMessage().int64(1, elem_type).message(2, new ProtoMessage().messages(1, dims));
  return new ProtoMessage().string(1, v.name).message(2, new ProtoMessage().message(1, tensor));
}

/** `GraphProto`: node = 1, name = 2, initializer = 5, input = 11, output = 12. */
function graphMessage(g: GraphProto): ProtoMessage {
  return new ProtoMessage()
    .messages(1, g.node.map(nodeMessage))
    .string(2, g.name)
    .messages(5, g.initializer.map(tensorMessage))
    .messages(11, g.input.map(valueInfoMessage))
    .messages(12, g.output.map(valueInfoMessage));
}

/**
 * The bytes of an `onnx.ModelProto`: ir_version = 1, producer_name = 2, doc_string = 6, graph = 7,
 * opset_import = 8 (`OperatorSetIdProto`: domain = 1, version = 2), metadata_props = 14
 * (`StringStringEntryProto`: key = 1, value = 2).
 */
export function encodeModel(model: ModelProto): Uint8Array {
  return new ProtoMessage()
    .int64(1, model.ir_version)
    .string(2, model.producer_name)
    .string(6, model.doc_string)
    .message(7, graphMessage(model.graph))
    .messages(8, model.opset_import.map((o) => new ProtoMessage().string(1, o.domain).int64(2, o.version)))
    .messages(14, model.metadata_props.map((p) => new ProtoMessage().string(1, p.key).string(2, p.value)))
    .toBytes();
}
