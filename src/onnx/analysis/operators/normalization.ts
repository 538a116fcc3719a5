// Normalisations, softmax and reductions: shape-preserving (or axis-removing) operators whose FLOPs are a small
// constant per element. The constants count the arithmetic of the textbook formula, per element.
import { DataType } from "../../proto.ts";
import { elementCount, normalizeAxis } from "../tensor-value.ts";
import type { NodeContext } from "../node-context.ts";
import type { OperatorRule } from "./operator-rule.ts";

/**
 * BatchNormalization at inference: y = (x − mean) / sqrt(var + ε) · scale + bias folds per channel into y = x·a + b,
 * 2 FLOPs per element (training-mode outputs are not modelled).
 */
const batchNormalization: OperatorRule = (context) => {
  const shape = context.shape(0);
  return { outputs: [{ elementType: context.elementType(0), shape }], flops: 2 * elementCount(shape) };
};

/**
 * LayerNormalization (and InstanceNormalization, GroupNormalization): per element 1 add for the mean, 1 subtract,
 * 1 square and 1 add for the variance, 1 multiply by 1/σ, 1 multiply by scale = 6, + 1 when a bias is added.
 * The per-row square roots are negligible next to the per-element work and are not counted.
 */
function normalization(biasIndex: number, statisticsAxis: (context: NodeContext, rank: number) => number): OperatorRule {
  return (context) => {
    const shape = context.shape(0);
    const axis = statisticsAxis(context, shape.length);
    const statisticsShape = shape.map((dimension, index) => (index < axis ? dimension : 1));
    const perElement = 6 + (context.has(biasIndex) ? 1 : 0);
    return {
      outputs: [
        { elementType: context.elementType(0), shape },
        { elementType: DataType.FLOAT, shape: statisticsShape },
        { elementType: DataType.FLOAT, shape: statisticsShape },
      ],
      flops: perElement * elementCount(shape),
    };
  };
}

/** Softmax: per element 1 compare (row max), 1 subtract, 1 exp, 1 add (row sum), 1 divide = 5 FLOPs. */
const softmax: OperatorRule = (context) => {
  const shape = context.shape(0);
  return { outputs: [{ elementType: context.elementType(0), shape }], flops: 5 * elementCount(shape) };
};

/** Reductions: one operation per input element (ReduceSumSquare, L2, LogSumExp: 2, the square or exp included). */
function reduceRule(operator: string, axesInputFromOpset: number): OperatorRule {
  return (context) => {
    const input = context.input(0);
    const shape = context.shape(0);
    const axesGiven = context.opset >= axesInputFromOpset ? context.axes(1) : context.ints("axes");
    const keepDimensions = context.int("keepdims", 1) === 1;
    const noopWhenEmpty = context.int("noop_with_empty_axes", 0) === 1;
    const axes =
      axesGiven && axesGiven.length > 0
        ? axesGiven.map((axis) => normalizeAxis(axis, shape.length))
        : noopWhenEmpty
          ? []
          : shape.map((_, index) => index);
    const outputShape = keepDimensions
      ? shape.map((dimension, index) => (axes.includes(index) ? 1 : dimension))
      : shape.filter((_, index) => !axes.includes(index));
    const perElement = ["ReduceSumSquare", "ReduceL2", "ReduceLogSumExp", "ReduceL1"].includes(operator) ? 2 : 1;
    const data = input.data && ["ReduceSum", "ReduceProd", "ReduceMax", "ReduceMin"].includes(operator)
      ? reduceData(operator, input.data, shape, axes)
      : undefined;
    return {
      outputs: [{ elementType: input.elementType, shape: outputShape, ...(data ? { data } : {}) }],
      flops: perElement * elementCount(shape),
    };
  };
}

function reduceData(operator: string, data: number[], shape: number[], axes: number[]): number[] {
  const reducedShape = shape.map((dimension, index) => (axes.includes(index) ? 1 : dimension));
  const combine: Record<string, [number, (a: number, b: number) => number]> = {
    ReduceSum: [0, (a, b) => a + b],
    ReduceProd: [1, (a, b) => a * b],
    ReduceMax: [-Infinity, Math.max],
    ReduceMin: [Infinity, Math.min],
  };
  const [initial, operation] = combine[operator];
  const result = new Array(elementCount(reducedShape)).fill(initial);
  const coordinates = new Array(shape.length).fill(0);
  for (let index = 0; index < data.length; index++) {
    let target = 0;
    for (let axis = 0; axis < shape.length; axis++) target = target * reducedShape[axis] + (axes.includes(axis) ? 0 : coordinates[axis]);
    result[target] = operation(result[target], data[index]);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      coordinates[axis] += 1;
      if (coordinates[axis] < shape[axis]) break;
      coordinates[axis] = 0;
    }
  }
  return result;
}

/** ArgMax / ArgMin: one comparison per input element; int64 indices with the axis reduced. */
const argReduce: OperatorRule = (context) => {
  const shape = context.shape(0);
  const axis = normalizeAxis(context.int("axis", 0), shape.length);
  const keep = context.int("keepdims", 1) === 1;
  const outputShape = keep ? shape.map((dimension, index) => (index === axis ? 1 : dimension)) : shape.filter((_, index) => index !== axis);
  return { outputs: [{ elementType: DataType.INT64, shape: outputShape }], flops: elementCount(shape) };
};

export function normalizationRules(): Record<string, OperatorRule> {
  const rules: Record<string, OperatorRule> = {
    BatchNormalization: batchNormalization,
    LayerNormalization: normalization(2, (context, rank) => normalizeAxis(context.int("axis", -1), rank)),
    InstanceNormalization: normalization(2, () => 2),
    GroupNormalization: normalization(2, () => 1),
    LpNormalization: softmax,
    MeanVarianceNormalization: normalization(-1, () => 1),
    Softmax: softmax,
    LogSoftmax: softmax,
    ArgMax: argReduce,
    ArgMin: argReduce,
    ReduceSum: reduceRule("ReduceSum", 13),
  };
  for (const operator of ["ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp"]) {
    rules[operator] = reduceRule(operator, 18);
  }
  return rules;
}
