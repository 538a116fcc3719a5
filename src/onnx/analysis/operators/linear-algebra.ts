// Matrix products. A multiply-add is 2 FLOPs (one multiply, one add), the convention of peak-FLOPS figures, so a
// measured GFLOPS can be set against a hardware peak directly.
import { DataType } from "../../proto.ts";
import { broadcastShapes, elementCount, ShapeUnknownError } from "../tensor-value.ts";
import type { NodeContext } from "../node-context.ts";
import type { OperatorResult, OperatorRule } from "./operator-rule.ts";

/**
 * numpy.matmul semantics: 1-D operands are promoted to a row (left) or column (right) vector and the added
 * dimension is dropped again; leading dimensions broadcast. FLOPs = 2 · batch · M · K · N.
 */
export function matMulShape(leftShape: number[], rightShape: number[]): { shape: number[]; flops: number } {
  if (leftShape.length === 0 || rightShape.length === 0) throw new ShapeUnknownError("MatMul of a scalar");
  const left = leftShape.length === 1 ? [1, leftShape[0]] : leftShape;
  const right = rightShape.length === 1 ? [rightShape[0], 1] : rightShape;
  const [rows, inner] = left.slice(-2);
  const [innerRight, columns] = right.slice(-2);
  if (inner !== innerRight) throw new ShapeUnknownError(`MatMul inner dimensions differ: [${leftShape}] × [${rightShape}]`);
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  const shape = [...batch];
  if (leftShape.length > 1) shape.push(rows);
  if (rightShape.length > 1) shape.push(columns);
  return { shape, flops: 2 * elementCount(batch) * rows * inner * columns };
}

function matMulRule(leftIndex: number, rightIndex: number, outputType: (context: NodeContext) => number): OperatorRule {
  return (context): OperatorResult => {
    const { shape, flops } = matMulShape(context.shape(leftIndex), context.shape(rightIndex));
    return { outputs: [{ elementType: outputType(context), shape }], flops, multiplyAccumulates: flops / 2 };
  };
}

/**
 * Gemm: Y = alpha · op(A) · op(B) + beta · C, A [M, K], B [K, N] after the optional transposes.
 * FLOPs = 2·M·K·N for the product, + M·N for adding C when given (the alpha/beta scalings fold into those).
 */
const gemm: OperatorRule = (context) => {
  const [a0, a1] = context.shape(0);
  const [b0, b1] = context.shape(1);
  const [rows, inner] = context.int("transA", 0) ? [a1, a0] : [a0, a1];
  const [innerRight, columns] = context.int("transB", 0) ? [b1, b0] : [b0, b1];
  if (inner !== innerRight) throw new ShapeUnknownError(`Gemm inner dimensions differ: ${inner} and ${innerRight}`);
  const biasFlops = context.has(2) ? rows * columns : 0;
  return { outputs: [{ elementType: context.elementType(0), shape: [rows, columns] }], flops: 2 * rows * inner * columns + biasFlops, multiplyAccumulates: rows * inner * columns };
};

export function linearAlgebraRules(): Record<string, OperatorRule> {
  return {
    MatMul: matMulRule(0, 1, (context) => context.elementType(0)),
    // Integer products count the same multiply-adds: INT8 "FLOPs" are integer operations, compared with INT8 peaks.
    MatMulInteger: matMulRule(0, 1, () => DataType.INT32),
    QLinearMatMul: matMulRule(0, 3, (context) => context.elementType(0)),
    Gemm: gemm,
  };
}
