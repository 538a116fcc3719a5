// If, Loop and Scan: their work is in subgraphs. If counts the branch its condition selects (or, when the
// condition is not known statically, the costlier branch, with a warning); Loop and Scan count their body once per
// iteration.
import { WattplanError } from "../../errors.ts";
import type { GraphProto } from "../proto.ts";
import { CostAccumulator } from "./cost-accumulator.ts";
import type { NodeContext } from "./node-context.ts";
import type { Scope } from "./scope.ts";
import { ShapeUnknownError, type TensorValue } from "./tensor-value.ts";
import type { AnalysisRun, GraphAnalyzer } from "./analysis-run.ts";

export const controlFlowOperators = new Set(["If", "Loop", "Scan"]);

/** Loop trip counts above this are "while true" sentinels (exporters write INT64_MAX), not real counts. */
const largestBelievableTripCount = 1e9;

export function analyzeControlFlow(context: NodeContext, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator, analyze: GraphAnalyzer): TensorValue[] {
  switch (context.node.opType) {
    case "If":
      return analyzeIf(context, scope, run, accumulator, analyze);
    case "Loop":
      return analyzeLoop(context, scope, run, accumulator, analyze);
    default:
      return analyzeScan(context, scope, run, accumulator, analyze);
  }
}

function subgraph(context: NodeContext, name: string): GraphProto {
  const graph = context.graph(name);
  if (!graph) throw new ShapeUnknownError(`${context.name} has no ${name}`);
  return graph;
}

function outputsOf(graph: GraphProto, scope: Scope): TensorValue[] {
  return (graph.output ?? []).map((output) => scope.get(output.name ?? "")?.value ?? { elementType: 0 });
}

function analyzeIf(context: NodeContext, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator, analyze: GraphAnalyzer): TensorValue[] {
  const condition = context.input(0);
  const branches = { then: subgraph(context, "then_branch"), else: subgraph(context, "else_branch") };
  if (condition.data && condition.data.length > 0) {
    const branch = condition.data[0] ? branches.then : branches.else;
    const branchScope = scope.child();
    analyze(branch, branchScope, run, accumulator);
    return outputsOf(branch, branchScope);
  }
  if (condition.missingValueOf) {
    // Guessing would measure one branch and count the other: the user knows the value (a sample rate, a mode).
    throw new WattplanError(
      "INVALID_INPUT",
      `the value of input '${condition.missingValueOf}' decides which branch of If node ${context.name} runs, but was not given`,
      `give its value (inputValues.${condition.missingValueOf}; model.inputs.${condition.missingValueOf} in a spec)`,
      { option: "inputValues", entry: condition.missingValueOf, example: "VALUE" },
    );
  }
  const counted = (["then", "else"] as const).map((which) => {
    const branchScope = scope.child();
    const branchCost = new CostAccumulator();
    analyze(branches[which], branchScope, run, branchCost);
    return { which, branchCost, outputs: outputsOf(branches[which], branchScope) };
  });
  const chosen = counted[0].branchCost.totalFlops >= counted[1].branchCost.totalFlops ? counted[0] : counted[1];
  accumulator.merge(chosen.branchCost);
  run.warnings.push(
    `If node ${context.name}: condition ${context.inputName(0)} is not known statically; ` +
      `counted the costlier ${chosen.which} branch (then: ${counted[0].branchCost.totalFlops} FLOPs, else: ${counted[1].branchCost.totalFlops} FLOPs per batch)`,
  );
  return chosen.outputs;
}

/** Loop(M, cond, carried…): body(iteration, cond, carried…) → (cond, carried…, scan outputs…). */
function analyzeLoop(context: NodeContext, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator, analyze: GraphAnalyzer): TensorValue[] {
  const body = subgraph(context, "body");
  // A trip count the user can supply (`--input M=…`) is an error to leave out; context.data says so.
  const tripCountInput = context.has(0) ? context.input(0) : undefined;
  const tripCountData = tripCountInput?.missingValueOf ? context.data(0) : tripCountInput?.data;
  let tripCount = tripCountData?.[0];
  if (tripCount === undefined || tripCount > largestBelievableTripCount) {
    run.warnings.push(`Loop node ${context.name}: the trip count is not known statically; counted one iteration`);
    tripCount = undefined;
  }
  const bodyScope = scope.child();
  const bodyInputs = body.input ?? [];
  bodyScope.set(bodyInputs[0]?.name ?? "", { value: { elementType: 7, shape: [] } });
  bodyScope.set(bodyInputs[1]?.name ?? "", { value: { elementType: 9, shape: [] } });
  for (let index = 2; index < bodyInputs.length; index++) {
    // Loop-carried values change between iterations: keep their shape, drop their contents.
    const initial = context.optionalInput(index) ?? { elementType: 0 };
    bodyScope.set(bodyInputs[index].name ?? "", { value: { elementType: initial.elementType, shape: initial.shape } });
  }
  const bodyCost = new CostAccumulator();
  analyze(body, bodyScope, run, bodyCost);
  accumulator.merge(bodyCost, tripCount ?? 1);
  const bodyOutputs = outputsOf(body, bodyScope).slice(1);
  const carriedCount = bodyInputs.length - 2;
  return bodyOutputs.map((output, index) => {
    if (index < carriedCount) return { elementType: output.elementType, shape: output.shape };
    return { elementType: output.elementType, shape: tripCount !== undefined && output.shape ? [tripCount, ...output.shape] : undefined };
  });
}

/** Scan(states…, scan inputs…): the body sees one slice of each scan input per iteration (opset ≥ 9 form). */
function analyzeScan(context: NodeContext, scope: Scope, run: AnalysisRun, accumulator: CostAccumulator, analyze: GraphAnalyzer): TensorValue[] {
  const body = subgraph(context, "body");
  const scanInputCount = context.int("num_scan_inputs", 0);
  const stateCount = context.inputCount - scanInputCount;
  const inputAxes = context.ints("scan_input_axes") ?? new Array(scanInputCount).fill(0);
  const firstScanShape = context.shape(stateCount);
  const firstAxis = inputAxes[0] < 0 ? inputAxes[0] + firstScanShape.length : inputAxes[0];
  const iterations = firstScanShape[firstAxis];
  const bodyScope = scope.child();
  const bodyInputs = body.input ?? [];
  for (let index = 0; index < context.inputCount; index++) {
    const value = context.input(index);
    const shape = context.shape(index);
    let sliceShape = shape;
    if (index >= stateCount) {
      const rawAxis = inputAxes[index - stateCount] ?? 0;
      const axis = rawAxis < 0 ? rawAxis + shape.length : rawAxis;
      sliceShape = shape.filter((_, dimension) => dimension !== axis);
    }
    bodyScope.set(bodyInputs[index]?.name ?? "", { value: { elementType: value.elementType, shape: sliceShape } });
  }
  const bodyCost = new CostAccumulator();
  analyze(body, bodyScope, run, bodyCost);
  accumulator.merge(bodyCost, iterations);
  const outputAxes = context.ints("scan_output_axes") ?? [];
  return outputsOf(body, bodyScope).map((output, index) => {
    if (index < stateCount) return { elementType: output.elementType, shape: output.shape };
    if (!output.shape) return { elementType: output.elementType };
    const rawAxis = outputAxes[index - stateCount] ?? 0;
    const axis = rawAxis < 0 ? rawAxis + output.shape.length + 1 : rawAxis;
    const shape = [...output.shape];
    shape.splice(axis, 0, iterations);
    return { elementType: output.elementType, shape };
  });
}
