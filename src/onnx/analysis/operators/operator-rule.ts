import type { NodeContext } from "../node-context.ts";
import type { TensorValue } from "../tensor-value.ts";

export interface OperatorResult {
  /** One value per node output, in order. */
  outputs: TensorValue[];
  /** For the whole batch; the analysis divides by the batch size at the end. */
  flops: number;
  /**
   * Multiply-accumulates of matrix products and convolutions (for the whole batch): the conventional FLOPs count,
   * 2 × these, which MLPerf and model cards quote; bias adds and elementwise work are not part of it.
   */
  multiplyAccumulates?: number;
}

/** Infers a node's output shapes (and small contents), and counts its FLOPs. */
export type OperatorRule = (context: NodeContext) => OperatorResult;
