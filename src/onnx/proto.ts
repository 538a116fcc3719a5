// The ONNX protobuf classes. onnx-proto is CommonJS, and Node's ESM loader cannot see its named exports,
// so the namespace is taken from the default export here, once, for everyone in src/onnx.
import onnxProto from "onnx-proto";

export const onnx = onnxProto.onnx;
export type { onnx as OnnxNamespace } from "onnx-proto";

export type ModelProto = onnxProto.onnx.IModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** protobufjs decodes int64 fields as Long objects when the `long` package is present; callers want numbers. */
export function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}

/** The element types of TensorProto.DataType that wattplan handles, with their onnxruntime names and sizes. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

const elementTypeNames: Record<number, string> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  16: "bfloat16",
};

const elementByteSizes: Record<number, number> = {
  1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 8: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2,
};

export function elementTypeName(dataType: number): string {
  return elementTypeNames[dataType] ?? `type${dataType}`;
}

/** Bytes per element; strings count as a pointer's worth because their length is not known statically. */
export function elementByteSize(dataType: number): number {
  return elementByteSizes[dataType] ?? 4;
}

/** Weights are the tensors of these types; int64/int32/bool constants are shapes, indices and flags. */
export function isWeightType(dataType: number): boolean {
  return [DataType.FLOAT, DataType.FLOAT16, DataType.BFLOAT16, DataType.DOUBLE, DataType.INT8, DataType.UINT8].includes(
    dataType as 1,
  );
}
