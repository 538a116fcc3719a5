// Operators that create tensors or read shapes: Shape, Size, Constant, ConstantOfShape, Range, Cast. Their contents
// are what Reshape targets and If conditions are computed from, so they are folded whenever they are small.
import { DataType } from "../../proto.ts";
import { elementCount, isIntegerType, withData, ShapeUnknownError, maximumFoldedElements } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

const shape: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const rank = inputShape.length;
  const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + rank : value, 0), rank);
  const start = clamp(context.int("start", 0));
  const end = clamp(context.int("end", rank));
  const data = inputShape.slice(start, Math.max(start, end));
  return { outputs: [{ elementType: DataType.INT64, shape: [data.length], data }], flops: 0 };
};

const size: OperatorRule = (context) => ({
  outputs: [{ elementType: DataType.INT64, shape: [], data: [elementCount(context.shape(0))] }],
  flops: 0,
});

/** Constant: the tensor lives in the node (value) or in one of the shorthand attributes (value_int, value_floats…). */
const constant: OperatorRule = (context) => {
  const tensor = context.tensorAttribute("value");
  if (tensor) {
    const small = elementCount(tensor.dims) <= maximumFoldedElements;
    return { outputs: [withData({ elementType: tensor.dataType, shape: tensor.dims }, small ? tensor.values : undefined)], flops: 0 };
  }
  if (context.hasAttribute("value_int")) return { outputs: [{ elementType: DataType.INT64, shape: [], data: [context.int("value_int", 0)] }], flops: 0 };
  if (context.hasAttribute("value_float")) return { outputs: [{ elementType: DataType.FLOAT, shape: [], data: [context.float("value_float", 0)] }], flops: 0 };
  const ints = context.ints("value_ints");
  if (ints) return { outputs: [{ elementType: DataType.INT64, shape: [ints.length], data: ints }], flops: 0 };
  const floats = context.floats("value_floats");
  if (floats) return { outputs: [{ elementType: DataType.FLOAT, shape: [floats.length], data: floats }], flops: 0 };
  throw new ShapeUnknownError(`${context.name}: unsupported Constant attribute`);
};

const constantOfShape: OperatorRule = (context) => {
  const outputShape = context.data(0);
  const fill = context.tensorAttribute("value");
  const elementType = fill?.dataType ?? DataType.FLOAT;
  const value = fill?.values?.[0] ?? 0;
  const count = elementCount(outputShape);
  return { outputs: [withData({ elementType, shape: outputShape }, count <= maximumFoldedElements ? new Array(count).fill(value) : undefined)], flops: 0 };
};

/** Range(start, limit, delta): max(ceil((limit − start) / delta), 0) elements; one add each. */
const range: OperatorRule = (context) => {
  const [start] = context.data(0);
  const [limit] = context.data(1);
  const [delta] = context.data(2);
  const count = Math.max(Math.ceil((limit - start) / delta), 0);
  const data = count <= maximumFoldedElements ? Array.from({ length: count }, (_, index) => start + index * delta) : undefined;
  return { outputs: [withData({ elementType: context.elementType(0), shape: [count] }, data)], flops: count };
};

function castValues(values: number[], target: number): number[] {
  if (target === DataType.BOOL) return values.map((value) => Number(value !== 0));
  if (isIntegerType(target)) return values.map((value) => Math.trunc(value));
  return values;
}

const cast: OperatorRule = (context) => {
  const input = context.input(0);
  const target = context.int("to", DataType.FLOAT);
  return { outputs: [withData({ elementType: target, shape: context.shape(0) }, input.data && castValues(input.data, target))], flops: 0 };
};

const castLike: OperatorRule = (context) => {
  const input = context.input(0);
  const target = context.elementType(1);
  return { outputs: [withData({ elementType: target, shape: context.shape(0) }, input.data && castValues(input.data, target))], flops: 0 };
};

/** Operators whose output size depends on the data itself: the shape is not knowable before running. */
const dataDependent: OperatorRule = (context) => {
  throw new ShapeUnknownError(`${context.node.opType} output size depends on the data`);
};

export function valueSourceRules(): Record<string, OperatorRule> {
  return {
    Shape: shape,
    Size: size,
    Constant: constant,
    ConstantOfShape: constantOfShape,
    Range: range,
    Cast: cast,
    CastLike: castLike,
    NonZero: dataDependent,
    Unique: dataDependent,
    Compress: dataDependent,
    NonMaxSuppression: dataDependent,
  };
}
