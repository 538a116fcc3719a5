// Running totals of one graph's cost (for the whole batch), mergeable so subgraphs can be counted once per
// iteration (Loop, Scan) or compared before one is chosen (If).
import type { TensorProto } from "../proto.ts";

export class CostAccumulator {
  readonly flopsByOperator = new Map<string, number>();
  activationBytes = 0;
  /** The weight tensors read, by identity (a subgraph's initializer may share a name with another's). */
  readonly weights = new Set<TensorProto>();
  readonly unknownOperators = new Map<string, number>();
  /** Multiply-accumulates of matrix products and convolutions: the conventional FLOPs count is twice this. */
  multiplyAccumulates = 0;

  addFlops(operator: string, flops: number): void {
    this.flopsByOperator.set(operator, (this.flopsByOperator.get(operator) ?? 0) + flops);
  }

  get totalFlops(): number {
    let total = 0;
    for (const flops of this.flopsByOperator.values()) total += flops;
    return total;
  }

  /** Adds another accumulator's work `times` times over; weights are read once whatever the repetition. */
  merge(other: CostAccumulator, times = 1): void {
    for (const [operator, flops] of other.flopsByOperator) this.addFlops(operator, flops * times);
    this.activationBytes += other.activationBytes * times;
    this.multiplyAccumulates += other.multiplyAccumulates * times;
    for (const weight of other.weights) this.weights.add(weight);
    for (const [operator, count] of other.unknownOperators) this.unknownOperators.set(operator, (this.unknownOperators.get(operator) ?? 0) + count);
  }
}
