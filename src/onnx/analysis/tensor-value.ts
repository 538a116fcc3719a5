// What the analysis knows about one tensor: its element type, its concrete shape, and (for small tensors that carry
// shapes, indices or control values) its contents.
import { DataType } from "../proto.ts";

export interface TensorValue {
  /** TensorProto.DataType; 0 when not known. */
  elementType: number;
  /** Concrete dimensions; undefined when they could not be inferred. */
  shape?: number[];
  /** The contents, kept only for small tensors (shape vectors, indices, control flags, scalars). */
  data?: number[];
  /** The graph input whose value was not given (`--input`) and on which this tensor's contents depend. */
  missingValueOf?: string;
  /** Computed from weights and constants alone: onnxruntime folds it once at load, not per inference. */
  constant?: boolean;
}

/** Larger tensors than this are never folded: shape arithmetic uses a handful of elements, not thousands. */
export const maximumFoldedElements = 4096;

/** Thrown by operator rules when an input's shape (or needed contents) is not known; the node is then skipped. */
export class ShapeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShapeUnknownError";
  }
}

export function elementCount(shape: readonly number[]): number {
  let product = 1;
  for (const dimension of shape) product *= dimension;
  return product;
}

export function normalizeAxis(axis: number, rank: number): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= Math.max(rank, 1)) throw new ShapeUnknownError(`axis ${axis} is out of range for rank ${rank}`);
  return normalized;
}

/** Numpy-style multidirectional broadcasting: align on the right, a 1 stretches to the other size. */
export function broadcastShapes(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  const result: number[] = new Array(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    shape.forEach((dimension, index) => {
      const current = result[offset + index];
      if (current === 1) result[offset + index] = dimension;
      else if (dimension !== 1 && dimension !== current) {
        throw new ShapeUnknownError(`shapes [${shapes.map((entry) => entry.join(",")).join("] and [")}] do not broadcast`);
      }
    });
  }
  return result;
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array(shape.length).fill(1);
  for (let index = shape.length - 2; index >= 0; index--) strides[index] = strides[index + 1] * shape[index + 1];
  return strides;
}

/** For each flat index of `outputShape`, the flat index of the (broadcast) input that feeds it. */
export function broadcastSourceIndex(inputShape: readonly number[], outputShape: readonly number[]): (outputIndex: number) => number {
  const offset = outputShape.length - inputShape.length;
  const inputStrides = stridesOf(inputShape);
  const outputStrides = stridesOf(outputShape);
  return (outputIndex) => {
    let source = 0;
    let remainder = outputIndex;
    for (let axis = 0; axis < outputShape.length; axis++) {
      const coordinate = Math.floor(remainder / outputStrides[axis]);
      remainder -= coordinate * outputStrides[axis];
      const inputAxis = axis - offset;
      if (inputAxis >= 0 && inputShape[inputAxis] !== 1) source += coordinate * inputStrides[inputAxis];
    }
    return source;
  };
}

export function isIntegerType(elementType: number): boolean {
  return [DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32, DataType.UINT32, DataType.INT64, DataType.UINT64, DataType.BOOL].includes(
    elementType as 2,
  );
}

/** Keeps contents only while they are small enough to be worth folding. */
export function withData(value: TensorValue, data: number[] | undefined): TensorValue {
  if (data === undefined || data.length > maximumFoldedElements) return value;
  return { ...value, data };
}
