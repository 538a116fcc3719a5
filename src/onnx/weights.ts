// Counting a model's weights: the float (and int8) tensors stored in it, as initializers or Constant nodes.
import { elementByteSize, isWeightType, type GraphProto, type TensorProto } from "./proto.ts";
import { tensorElementCount } from "./tensor-data.ts";

export interface WeightTotals {
  parameterCount: number;
  weightBytes: number;
}

export function weightTotals(weights: Iterable<TensorProto>): WeightTotals {
  let parameterCount = 0;
  let weightBytes = 0;
  for (const weight of weights) {
    if (!isWeightType(weight.dataType ?? 0)) continue;
    const count = tensorElementCount(weight);
    parameterCount += count;
    weightBytes += count * elementByteSize(weight.dataType ?? 0);
  }
  return { parameterCount, weightBytes };
}

/** Every weight the file holds, in all subgraphs, whether or not a given path through the graph reads it. */
export function allWeights(graph: GraphProto): WeightTotals {
  const found = new Set<TensorProto>();
  const visit = (current: GraphProto) => {
    for (const initializer of current.initializer ?? []) found.add(initializer);
    for (const node of current.node ?? []) {
      for (const attribute of node.attribute ?? []) {
        if (node.opType === "Constant" && attribute.t) found.add(attribute.t);
        if (attribute.g) visit(attribute.g);
        for (const nested of attribute.graphs ?? []) visit(nested);
      }
    }
  };
  visit(graph);
  return weightTotals(found);
}
