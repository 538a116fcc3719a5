// Reads the numbers out of a TensorProto, whichever field (raw bytes or a typed repeated field) holds them.
import { DataType, elementByteSize, toNumber, type TensorProto } from "./proto.ts";

export function tensorDims(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map((dimension) => toNumber(dimension));
}

export function tensorElementCount(tensor: TensorProto): number {
  return tensorDims(tensor).reduce((product, dimension) => product * dimension, 1);
}

/**
 * The tensor's values as plain numbers (int64 beyond 2^53 loses precision, which shape arithmetic never reaches).
 * Returns undefined for types wattplan does not read (strings, float16) and for external data.
 */
export function tensorValues(tensor: TensorProto): number[] | undefined {
  // External data (data_location EXTERNAL = 1) lives in another file, not in any field here.
  if (toNumber(tensor.dataLocation) === 1) return undefined;
  const values = valuesInFields(tensor);
  // The decoder gives an absent repeated field as an empty list: only the element count makes a list the values.
  return values && values.length === tensorElementCount(tensor) ? values : undefined;
}

function valuesInFields(tensor: TensorProto): number[] | undefined {
  const count = tensorElementCount(tensor);
  const dataType = tensor.dataType ?? 0;
  const raw = tensor.rawData;
  if (raw && raw.length > 0) return valuesFromRaw(raw, dataType, count);
  switch (dataType) {
    case DataType.FLOAT:
      return tensor.floatData ? [...tensor.floatData] : emptyOrUndefined(count);
    case DataType.DOUBLE:
      return tensor.doubleData ? [...tensor.doubleData] : emptyOrUndefined(count);
    case DataType.INT64:
      return tensor.int64Data ? tensor.int64Data.map((value) => toNumber(value)) : emptyOrUndefined(count);
    case DataType.UINT64:
    case DataType.UINT32:
      return tensor.uint64Data ? tensor.uint64Data.map((value) => toNumber(value)) : emptyOrUndefined(count);
    case DataType.INT32:
    case DataType.INT16:
    case DataType.INT8:
    case DataType.UINT16:
    case DataType.UINT8:
    case DataType.BOOL:
      return tensor.int32Data ? [...tensor.int32Data] : emptyOrUndefined(count);
    default:
      return undefined;
  }
}

function emptyOrUndefined(count: number): number[] | undefined {
  return count === 0 ? [] : undefined;
}

function valuesFromRaw(raw: Uint8Array, dataType: number, count: number): number[] | undefined {
  // The decoder hands out views into a larger buffer (Node's Buffer pool): read through the view's own window.
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values: number[] = new Array(count);
  const read = rawReader(dataType, view);
  // Bytes that do not hold `count` elements (a damaged file) are not the tensor's values.
  if (!read || raw.byteLength !== count * elementByteSize(dataType)) return undefined;
  for (let index = 0; index < count; index++) values[index] = read(index);
  return values;
}

function rawReader(dataType: number, view: DataView): ((index: number) => number) | undefined {
  switch (dataType) {
    case DataType.FLOAT:
      return (index) => view.getFloat32(index * 4, true);
    case DataType.DOUBLE:
      return (index) => view.getFloat64(index * 8, true);
    case DataType.INT64:
      return (index) => Number(view.getBigInt64(index * 8, true));
    case DataType.UINT64:
      return (index) => Number(view.getBigUint64(index * 8, true));
    case DataType.INT32:
      return (index) => view.getInt32(index * 4, true);
    case DataType.UINT32:
      return (index) => view.getUint32(index * 4, true);
    case DataType.INT16:
      return (index) => view.getInt16(index * 2, true);
    case DataType.UINT16:
      return (index) => view.getUint16(index * 2, true);
    case DataType.INT8:
      return (index) => view.getInt8(index);
    case DataType.UINT8:
    case DataType.BOOL:
      return (index) => view.getUint8(index);
    default:
      return undefined;
  }
}

/** The float32 values of a weight tensor, for the quantizer. */
export function floatTensorValues(tensor: TensorProto): Float32Array | undefined {
  if ((tensor.dataType ?? 0) !== DataType.FLOAT) return undefined;
  const values = tensorValues(tensor);
  return values ? Float32Array.from(values) : undefined;
}
