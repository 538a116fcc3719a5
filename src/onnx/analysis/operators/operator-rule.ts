import type { NodeContext } from "../node-context.ts";
import type { TensorValue } from "../tensor-value.ts";

export interface OperatorResult {
  /** One value per node output, in order. */
  outputs: TensorValue[];
  /** For the whole batch; the analysis divides by the batch size at the end. */
  flops: number;
}

/** Infers a node's output shapes (and small contents), and counts its FLOPs. */
export type OperatorRule = (context: NodeContext) => OperatorResult;
