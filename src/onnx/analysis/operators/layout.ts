// Operators that move data without arithmetic (0 FLOPs): reshaping, transposing, joining, cutting, indexing.
// The contents of small tensors are carried through them, because shape vectors travel this way
// (Shape → Gather → Unsqueeze → Concat → Reshape).
import type { NodeContext } from "../node-context.ts";
import { broadcastShapes, broadcastSourceIndex, elementCount, normalizeAxis, ShapeUnknownError, stridesOf, withData, type TensorValue } from "../tensor-value.ts";
import type { OperatorResult, OperatorRule } from "./operator-rule.ts";

const same = (context: NodeContext, shape: number[], data?: number[]): OperatorResult => ({
  outputs: [withData({ elementType: context.elementType(0), shape }, data)],
  flops: 0,
});

/** Builds the contents of an output from a function mapping each output coordinate to an input flat index. */
function gatherData(source: number[] | undefined, outputShape: number[], sourceIndex: (coordinates: number[]) => number): number[] | undefined {
  if (!source) return undefined;
  const count = elementCount(outputShape);
  if (count > 4096) return undefined;
  const result: number[] = new Array(count);
  const coordinates = new Array(outputShape.length).fill(0);
  for (let index = 0; index < count; index++) {
    result[index] = source[sourceIndex(coordinates)];
    for (let axis = outputShape.length - 1; axis >= 0; axis--) {
      coordinates[axis] += 1;
      if (coordinates[axis] < outputShape[axis]) break;
      coordinates[axis] = 0;
    }
  }
  return result;
}

/** Reshape: 0 copies the input dimension at that position (unless allowzero), −1 takes what is left. */
const reshape: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const requested = context.opset >= 5 ? context.data(1) : (context.ints("shape") ?? []);
  const allowZero = context.int("allowzero", 0) === 1;
  const shape = requested.map((dimension, index) => (dimension === 0 && !allowZero ? inputShape[index] : dimension));
  const inferred = shape.indexOf(-1);
  if (inferred >= 0) {
    const known = elementCount(shape.filter((_, index) => index !== inferred));
    shape[inferred] = known === 0 ? 0 : elementCount(inputShape) / known;
  }
  if (!Number.isInteger(shape[inferred] ?? 0) || elementCount(shape) !== elementCount(inputShape)) {
    throw new ShapeUnknownError(`${context.name}: cannot reshape [${inputShape}] to [${requested}]`);
  }
  return same(context, shape, context.input(0).data);
};

const flatten: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const axis = context.int("axis", 1);
  const split = axis < 0 ? axis + inputShape.length : axis;
  return same(context, [elementCount(inputShape.slice(0, split)), elementCount(inputShape.slice(split))], context.input(0).data);
};

const squeeze: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const axes = (context.opset >= 13 ? context.axes(1) : context.ints("axes"))?.map((axis) => normalizeAxis(axis, inputShape.length));
  const shape = inputShape.filter((dimension, index) => (axes ? !axes.includes(index) : dimension !== 1));
  return same(context, shape, context.input(0).data);
};

const unsqueeze: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const axes = (context.opset >= 13 ? context.axes(1) : context.ints("axes")) ?? [];
  const rank = inputShape.length + axes.length;
  const normalized = axes.map((axis) => normalizeAxis(axis, rank));
  const shape: number[] = [];
  let next = 0;
  for (let index = 0; index < rank; index++) shape.push(normalized.includes(index) ? 1 : inputShape[next++]);
  return same(context, shape, context.input(0).data);
};

const transpose: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const perm = context.ints("perm") ?? inputShape.map((_, index) => inputShape.length - 1 - index);
  const shape = perm.map((axis) => inputShape[axis]);
  const strides = stridesOf(inputShape);
  const data = gatherData(context.input(0).data, shape, (coordinates) => coordinates.reduce((sum, coordinate, axis) => sum + coordinate * strides[perm[axis]], 0));
  return same(context, shape, data);
};

const concat: OperatorRule = (context) => {
  const shapes = Array.from({ length: context.inputCount }, (_, index) => context.shape(index));
  const axis = normalizeAxis(context.int("axis", 0), shapes[0].length);
  const shape = [...shapes[0]];
  shape[axis] = shapes.reduce((sum, inputShape) => sum + inputShape[axis], 0);
  const inputs = Array.from({ length: context.inputCount }, (_, index) => context.input(index));
  let data: number[] | undefined;
  if (inputs.every((input) => input.data) && elementCount(shape) <= 4096) {
    data = [];
    const outer = elementCount(shape.slice(0, axis));
    for (let block = 0; block < outer; block++) {
      for (const [which, input] of inputs.entries()) {
        const inner = elementCount(shapes[which].slice(axis));
        data.push(...input.data!.slice(block * inner, (block + 1) * inner));
      }
    }
  }
  return same(context, shape, data);
};

/** Slice: starts/ends/axes/steps as inputs (opset ≥ 10) or attributes; out-of-range bounds clamp as numpy does. */
const slice: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const byInputs = context.opset >= 10;
  const starts = byInputs ? context.data(1) : (context.ints("starts") ?? []);
  const ends = byInputs ? context.data(2) : (context.ints("ends") ?? []);
  const axes = (byInputs ? context.optionalData(3) : context.ints("axes")) ?? starts.map((_, index) => index);
  const steps = (byInputs ? context.optionalData(4) : undefined) ?? starts.map(() => 1);
  const begin = inputShape.map(() => 0);
  const step = inputShape.map(() => 1);
  const shape = [...inputShape];
  axes.forEach((rawAxis, index) => {
    const axis = normalizeAxis(rawAxis, inputShape.length);
    const dimension = inputShape[axis];
    const stride = steps[index];
    const resolve = (value: number, low: number, high: number) => Math.min(Math.max(value < 0 ? value + dimension : value, low), high);
    const first = stride > 0 ? resolve(starts[index], 0, dimension) : resolve(starts[index], -1, dimension - 1);
    const last = stride > 0 ? resolve(ends[index], 0, dimension) : resolve(ends[index], -1, dimension - 1);
    shape[axis] = Math.max(0, Math.ceil((last - first) / stride));
    begin[axis] = first;
    step[axis] = stride;
  });
  const strides = stridesOf(inputShape);
  const data = gatherData(context.input(0).data, shape, (coordinates) =>
    coordinates.reduce((sum, coordinate, axis) => sum + (begin[axis] + coordinate * step[axis]) * strides[axis], 0),
  );
  return same(context, shape, data);
};

/** Gather: data[:axis] + indices.shape + data[axis+1:]; negative indices count from the end. */
const gather: OperatorRule = (context) => {
  const dataShape = context.shape(0);
  const indicesShape = context.shape(1);
  const axis = normalizeAxis(context.int("axis", 0), dataShape.length);
  const shape = [...dataShape.slice(0, axis), ...indicesShape, ...dataShape.slice(axis + 1)];
  const indices = context.input(1).data;
  let data: number[] | undefined;
  if (indices) {
    const strides = stridesOf(dataShape);
    const indexRank = indicesShape.length;
    const indexStrides = stridesOf(indicesShape);
    data = gatherData(context.input(0).data, shape, (coordinates) => {
      const indexPosition = coordinates.slice(axis, axis + indexRank).reduce((sum, coordinate, which) => sum + coordinate * indexStrides[which], 0);
      const raw = indices[indexPosition];
      const selected = raw < 0 ? raw + dataShape[axis] : raw;
      const sourceCoordinates = [...coordinates.slice(0, axis), selected, ...coordinates.slice(axis + indexRank)];
      return sourceCoordinates.reduce((sum, coordinate, which) => sum + coordinate * strides[which], 0);
    });
  }
  return same(context, shape, data);
};

const gatherElements: OperatorRule = (context) => same(context, context.shape(1));

const expand: OperatorRule = (context) => {
  const input = context.input(0);
  const shape = broadcastShapes([context.shape(0), context.data(1)]);
  const source = broadcastSourceIndex(context.shape(0), shape);
  const data = input.data && elementCount(shape) <= 4096 ? Array.from({ length: elementCount(shape) }, (_, index) => input.data![source(index)]) : undefined;
  return same(context, shape, data);
};

const tile: OperatorRule = (context) => {
  const repeats = context.data(1);
  return same(context, context.shape(0).map((dimension, axis) => dimension * repeats[axis]));
};

/** Pad: pads as an input (opset ≥ 11, optionally with axes from opset 18) or an attribute; [begins..., ends...]. */
const pad: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const pads = context.opset >= 11 ? context.data(1) : (context.ints("pads") ?? []);
  const axes = (context.opset >= 18 ? context.optionalData(3) : undefined)?.map((axis) => normalizeAxis(axis, inputShape.length)) ?? inputShape.map((_, index) => index);
  const shape = [...inputShape];
  axes.forEach((axis, index) => {
    shape[axis] += pads[index] + pads[index + axes.length];
  });
  return same(context, shape);
};

/** Split: sizes from the `split` input (opset ≥ 13) or attribute, else equal parts (num_outputs from opset 18). */
const split: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const axis = normalizeAxis(context.int("axis", 0), inputShape.length);
  const outputCount = (context.node.output ?? []).length;
  const sizes = (context.opset >= 13 ? context.optionalData(1) : context.ints("split")) ?? splitEvenly(inputShape[axis], outputCount);
  const outputs: TensorValue[] = sizes.map((part) => ({ elementType: context.elementType(0), shape: inputShape.map((dimension, index) => (index === axis ? part : dimension)) }));
  return { outputs, flops: 0 };
};

function splitEvenly(total: number, parts: number): number[] {
  const size = Math.ceil(total / parts);
  return Array.from({ length: parts }, (_, index) => Math.max(0, Math.min(size, total - index * size)));
}

const passThrough: OperatorRule = (context) => ({
  outputs: [{ ...context.input(0), shape: context.shape(0) }, { elementType: 9, shape: context.shape(0) }],
  flops: 0,
});

/** TopK: the axis becomes k; roughly one comparison per input element (a partial sort). */
const topK: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const axis = normalizeAxis(context.int("axis", -1), inputShape.length);
  const k = context.opset >= 10 ? context.data(1)[0] : context.int("k", 1);
  const shape = inputShape.map((dimension, index) => (index === axis ? k : dimension));
  return { outputs: [{ elementType: context.elementType(0), shape }, { elementType: 7, shape }], flops: elementCount(inputShape) };
};

/**
 * Resize / Upsample: output from `sizes` or floor(in × scale); interpolation ≈ one operation per output element.
 * Where the scales are: Upsample's attribute (opset < 9) or input 1; Resize-10's input 1 (X, scales); Resize-11+'s
 * input 2 (X, roi, scales, sizes). From opset 18 `axes` says which axes the scales or sizes list.
 */
const resize: OperatorRule = (context) => {
  const inputShape = context.shape(0);
  const isUpsample = context.node.opType === "Upsample";
  const hasRoiInput = !isUpsample && context.opset >= 11;
  const sizes = hasRoiInput && context.has(3) ? context.data(3) : undefined;
  const scales = sizes ? undefined : isUpsample && !context.has(1) ? context.floats("scales") : context.optionalData(hasRoiInput ? 2 : 1);
  const axes = (context.ints("axes") ?? inputShape.map((_, index) => index)).map((axis) => normalizeAxis(axis, inputShape.length));
  const shape = [...inputShape];
  axes.forEach((axis, index) => {
    shape[axis] = sizes ? sizes[index] : Math.floor(inputShape[axis] * (scales?.[index] ?? 1));
  });
  return { outputs: [{ elementType: context.elementType(0), shape }], flops: elementCount(shape) };
};

const cumulativeSum: OperatorRule = (context) => ({ outputs: [{ elementType: context.elementType(0), shape: context.shape(0) }], flops: elementCount(context.shape(0)) });

const spaceToDepth: OperatorRule = (context) => {
  const [batch, channels, height, width] = context.shape(0);
  const block = context.int("blocksize", 1);
  const toDepth = context.node.opType === "SpaceToDepth";
  const shape = toDepth ? [batch, channels * block * block, height / block, width / block] : [batch, channels / (block * block), height * block, width * block];
  return same(context, shape);
};

export function layoutRules(): Record<string, OperatorRule> {
  return {
    Reshape: reshape,
    Flatten: flatten,
    Squeeze: squeeze,
    Unsqueeze: unsqueeze,
    Transpose: transpose,
    Concat: concat,
    Slice: slice,
    Gather: gather,
    GatherElements: gatherElements,
    Expand: expand,
    Tile: tile,
    Pad: pad,
    Split: split,
    Identity: passThrough,
    Dropout: passThrough,
    Trilu: (context) => same(context, context.shape(0)),
    TopK: topK,
    Resize: resize,
    Upsample: resize,
    CumSum: cumulativeSum,
    SpaceToDepth: spaceToDepth,
    DepthToSpace: spaceToDepth,
  };
}

/** Operators that only relabel a buffer: they write no new activation bytes. */
export const viewOperators = new Set(["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout", "Constant", "Shape", "Size"]);
