// Walks one graph's nodes in order (ONNX stores them topologically sorted), inferring each output and adding up
// FLOPs, activation bytes and the weights read. If/Loop/Scan recurse into their subgraphs through control-flow.ts.
import { DataType, elementByteSize, isWeightType, type GraphProto, type NodeProto } from "../proto.ts";
import { tensorDims, tensorValues } from "../tensor-data.ts";
import type { AnalysisRun } from "./analysis-run.ts";
import { analyzeControlFlow, controlFlowOperators } from "./control-flow.ts";
import type { CostAccumulator } from "./cost-accumulator.ts";
import { NodeContext } from "./node-context.ts";
import { viewOperators } from "./operators/layout.ts";
import { operatorRules } from "./operators/registry.ts";
import type { Scope } from "./scope.ts";
import { elementCount, maximumFoldedElements, ShapeUnknownError, withData, type TensorValue } from "./tensor-value.ts";

export function analyzeGraph(graph: GraphProto, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator): void {
  for (const initializer of graph.initializer ?? []) {
    const shape = tensorDims(initializer);
    const small = elementCount(shape) <= maximumFoldedElements;
    const value = withData({ elementType: initializer.dataType ?? 0, shape, constant: true }, small ? tensorValues(initializer) : undefined);
    scope.set(initializer.name ?? "", { value, weight: initializer });
  }
  for (const node of graph.node ?? []) analyzeNode(node, scope, run, accumulator);
}

function analyzeNode(node: NodeProto, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator): void {
  const inputs = (node.input ?? []).map((name): TensorValue | undefined => {
    if (!name) return undefined;
    const entry = scope.get(name);
    if (!entry) return { elementType: 0 };
    if (entry.weight && isWeightType(entry.weight.dataType ?? 0)) accumulator.weights.add(entry.weight);
    return entry.value;
  });
  const context = new NodeContext(node, inputs, run.opset);
  const operator = operatorName(node);
  let outputs: TensorValue[] = [];
  try {
    if (controlFlowOperators.has(operator)) {
      outputs = analyzeControlFlow(context, scope, run, accumulator, analyzeGraph);
    } else {
      const rule = operatorRules[operator];
      if (rule) {
        const result = rule(context);
        // Work on constants alone (weights rearranged, shape vectors) is folded by onnxruntime when the session
        // loads: it costs nothing per inference.
        const present = inputs.filter((input) => input !== undefined);
        const folded = operator === "Constant" || (present.length > 0 && present.every((input) => input.constant));
        outputs = folded ? result.outputs.map((output) => ({ ...output, constant: true })) : result.outputs;
        if (!folded) {
          accumulator.addFlops(operator, result.flops);
          accumulator.multiplyAccumulates += result.multiplyAccumulates ?? 0;
          if (!viewOperators.has(operator)) accumulator.activationBytes += activationBytes(outputs, node);
        }
      } else {
        accumulator.unknownOperators.set(operator, (accumulator.unknownOperators.get(operator) ?? 0) + 1);
        accumulator.addFlops(operator, 0);
      }
    }
  } catch (error) {
    if (!(error instanceof ShapeUnknownError)) throw error;
    run.skippedNodes.push(`${operator} ${context.name} (${error.message})`);
  }
  const missingValueOf = inputs.find((input) => input?.missingValueOf)?.missingValueOf;
  (node.output ?? []).forEach((name, index) => {
    if (!name) return;
    const value = outputs[index] ?? { elementType: 0 };
    const constantTensor = operator === "Constant" ? (node.attribute ?? []).find((attribute) => attribute.name === "value")?.t : undefined;
    scope.set(name, {
      value: value.data || !missingValueOf ? value : { ...value, missingValueOf },
      ...(constantTensor && isWeightType(constantTensor.dataType ?? DataType.UNDEFINED) ? { weight: constantTensor } : {}),
    });
  });
}

function operatorName(node: NodeProto): string {
  const domain = node.domain ?? "";
  return domain === "" || domain === "ai.onnx" ? (node.opType ?? "") : `${domain}.${node.opType}`;
}

/** Each produced tensor counted once, at its element size; optional outputs the node does not produce are skipped. */
function activationBytes(outputs: TensorValue[], node: NodeProto): number {
  let bytes = 0;
  (node.output ?? []).forEach((name, index) => {
    const output = outputs[index];
    if (name && output?.shape) bytes += elementCount(output.shape) * elementByteSize(output.elementType);
  });
  return bytes;
}
