// Elementwise operators: arithmetic and comparisons with broadcasting, activations, variadic Sum/Max/Min/Mean, Where.
// FLOPs: one per output element and operation. Transcendentals (exp, erf, tanh, sigmoid) also count one: FLOP counts
// compare models by the work their structure implies; how many instructions an exp takes is the hardware's part,
// which the benchmark measures.
import { DataType } from "../../proto.ts";
import type { NodeContext } from "../node-context.ts";
import { broadcastShapes, broadcastSourceIndex, elementCount, isIntegerType, withData, type TensorValue } from "../tensor-value.ts";
import type { OperatorRule } from "./operator-rule.ts";

type BinaryFold = (left: number, right: number, integer: boolean) => number;

const binaryFolds: Record<string, BinaryFold> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b, integer) => (integer ? Math.trunc(a / b) : a / b),
  Pow: (a, b) => a ** b,
  Mod: (a, b) => a - Math.floor(a / b) * b,
  Max: (a, b) => Math.max(a, b),
  Min: (a, b) => Math.min(a, b),
  Equal: (a, b) => Number(a === b),
  Less: (a, b) => Number(a < b),
  LessOrEqual: (a, b) => Number(a <= b),
  Greater: (a, b) => Number(a > b),
  GreaterOrEqual: (a, b) => Number(a >= b),
  And: (a, b) => Number(Boolean(a) && Boolean(b)),
  Or: (a, b) => Number(Boolean(a) || Boolean(b)),
  Xor: (a, b) => Number(Boolean(a) !== Boolean(b)),
  BitShift: (a) => a,
  PRelu: (a, b) => (a < 0 ? a * b : a),
};

const comparisonOperators = new Set(["Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor"]);

const unaryFolds: Record<string, ((value: number) => number) | undefined> = {
  Neg: (value) => -value,
  Abs: (value) => Math.abs(value),
  Not: (value) => Number(!value),
  Sqrt: (value) => Math.sqrt(value),
  Reciprocal: (value) => 1 / value,
  Ceil: (value) => Math.ceil(value),
  Floor: (value) => Math.floor(value),
  Round: (value) => Math.round(value),
  Relu: (value) => Math.max(0, value),
  Sign: (value) => Math.sign(value),
  Exp: (value) => Math.exp(value),
  Log: (value) => Math.log(value),
};

/** Unary operators whose output has the input's shape; the ones not in unaryFolds are never folded. */
const unaryOperators = [
  ...Object.keys(unaryFolds),
  "Sigmoid", "Tanh", "Erf", "Softplus", "Softsign", "Elu", "Selu", "Celu", "LeakyRelu", "ThresholdedRelu",
  "HardSigmoid", "HardSwish", "Gelu", "Mish", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh",
  "Asinh", "Acosh", "Atanh", "IsNaN", "IsInf", "Clip", "Shrink", "BitwiseNot", "Hardmax",
];

function binaryRule(operator: string): OperatorRule {
  return (context) => {
    const left = context.input(0);
    const right = context.input(1);
    const shape = broadcastShapes([context.shape(0), context.shape(1)]);
    const elementType = comparisonOperators.has(operator) ? DataType.BOOL : left.elementType || right.elementType;
    const output: TensorValue = { elementType, shape };
    const fold = binaryFolds[operator];
    const folded =
      left.data && right.data && fold
        ? foldBroadcast([left, right], shape, (values) => fold(values[0], values[1], isIntegerType(left.elementType)))
        : undefined;
    return { outputs: [withData(output, folded)], flops: elementCount(shape) };
  };
}

function unaryRule(operator: string): OperatorRule {
  return (context) => {
    const input = context.input(0);
    const shape = context.shape(0);
    const elementType = operator === "Not" || operator === "IsNaN" || operator === "IsInf" ? DataType.BOOL : input.elementType;
    const fold = unaryFolds[operator];
    const folded = input.data && fold ? input.data.map(fold) : undefined;
    return { outputs: [withData({ elementType, shape }, folded)], flops: elementCount(shape) };
  };
}

/** Sum, Max, Min, Mean over n inputs: n − 1 pairwise operations per output element (Mean adds one divide). */
function variadicRule(operator: string): OperatorRule {
  return (context) => {
    const shapes = Array.from({ length: context.inputCount }, (_, index) => context.shape(index));
    const shape = broadcastShapes(shapes);
    const operations = Math.max(1, shapes.length - 1) + (operator === "Mean" ? 1 : 0);
    return { outputs: [{ elementType: context.elementType(0), shape }], flops: operations * elementCount(shape) };
  };
}

/** Where(condition, x, y): a select per element, counted as one operation. */
const where: OperatorRule = (context) => {
  const inputs = [context.input(0), context.input(1), context.input(2)];
  const shape = broadcastShapes([context.shape(0), context.shape(1), context.shape(2)]);
  const folded = inputs.every((input) => input.data)
    ? foldBroadcast(inputs, shape, ([condition, whenTrue, whenFalse]) => (condition ? whenTrue : whenFalse))
    : undefined;
  return { outputs: [withData({ elementType: inputs[1].elementType, shape }, folded)], flops: elementCount(shape) };
};

export function foldBroadcast(inputs: TensorValue[], shape: number[], combine: (values: number[]) => number): number[] | undefined {
  const count = elementCount(shape);
  if (count > 4096) return undefined;
  const sources = inputs.map((input) => broadcastSourceIndex(input.shape ?? [], shape));
  const result: number[] = new Array(count);
  for (let index = 0; index < count; index++) result[index] = combine(inputs.map((input, which) => input.data![sources[which](index)]));
  return result;
}

export function elementwiseRules(): Record<string, OperatorRule> {
  const rules: Record<string, OperatorRule> = { Where: where };
  for (const operator of Object.keys(binaryFolds)) rules[operator] = binaryRule(operator);
  for (const operator of unaryOperators) rules[operator] = unaryRule(operator);
  for (const operator of ["Sum", "Mean"]) rules[operator] = variadicRule(operator);
  // Max and Min are variadic since opset 8; with two inputs the binary rule (which also folds) applies.
  for (const operator of ["Max", "Min"]) {
    const binary = binaryRule(operator);
    const variadic = variadicRule(operator);
    rules[operator] = (context: NodeContext) => (context.inputCount === 2 ? binary(context) : variadic(context));
  }
  return rules;
}
