// The analysis entry point: resolve the inputs, walk the graph, and turn the batch totals into per-inference cost.
import { WattplanError } from "../errors.ts";
import type { ModelCost } from "../domain/profile.ts";
import type { AnalysisRun } from "./analysis/analysis-run.ts";
import { analyzeGraph } from "./analysis/analyze-graph.ts";
import { CostAccumulator } from "./analysis/cost-accumulator.ts";
import { declaredInput, resolveInputs, tensorInfo } from "./analysis/resolve-inputs.ts";
import { Scope } from "./analysis/scope.ts";
import { elementCount } from "./analysis/tensor-value.ts";
import type { AnalysisOptions, ModelAnalysis } from "./contract.ts";
import type { OnnxModel } from "./read-model.ts";
import { allWeights, weightTotals } from "./weights.ts";

/** Warnings listing skipped nodes name this many and count the rest, so a broken model does not flood the output. */
const listedSkippedNodes = 5;
const controlInputMaximumElements = 16;

export function analyzeModel(model: OnnxModel, options: AnalysisOptions): ModelAnalysis {
  if (!Number.isInteger(options.batchSize) || options.batchSize <= 0) {
    throw new WattplanError("INVALID_INPUT", `batch size must be a positive integer, got ${options.batchSize}`, "for example batchSizes: [1, 8, 32]", { option: "batchSizes", example: "1,8,32" });
  }
  const graph = model.proto.graph ?? {};
  const initializerNames = new Set((graph.initializer ?? []).map((initializer) => initializer.name));
  // Before IR 4, initializers were also listed as inputs (as overridable defaults); they are weights, not inputs.
  const inputs = (graph.input ?? []).filter((input) => !initializerNames.has(input.name)).map(declaredInput);
  const resolved = resolveInputs(inputs, options, model.label);

  const scope = new Scope();
  for (const input of inputs) {
    const shape = resolved.shapes[input.name];
    const data = resolved.values[input.name];
    // Only a small control input (a sample rate, a flag, a length) can be given with --input; contents of a large
    // tensor (audio, pixels) that a shape depends on stay simply unknown.
    const isControlInput = elementCount(shape) <= controlInputMaximumElements;
    scope.set(input.name, {
      value: data
        ? { elementType: input.elementType, shape, data }
        : { elementType: input.elementType, shape, ...(isControlInput ? { missingValueOf: input.name } : {}) },
    });
  }
  const run: AnalysisRun = { opset: model.opset, warnings: [...resolved.warnings], skippedNodes: [] };
  const accumulator = new CostAccumulator();
  analyzeGraph(graph, scope, run, accumulator);

  const resolvedOutputShapes: Record<string, number[]> = {};
  for (const output of graph.output ?? []) {
    const shape = scope.get(output.name ?? "")?.value.shape;
    if (shape) resolvedOutputShapes[output.name ?? ""] = shape;
    else run.warnings.push(`the shape of output '${output.name}' could not be inferred`);
  }
  const batch = resolved.hasBatchDimension ? options.batchSize : 1;
  if (!resolved.hasBatchDimension && options.batchSize !== 1) {
    run.warnings.push(`no input has a batch dimension; counts are for one call, whatever the batch size (${options.batchSize})`);
  }
  const cost = perInferenceCost(accumulator, batch);
  for (const [operator, count] of accumulator.unknownOperators) {
    run.warnings.push(`unknown operator ${operator} (${count} node${count === 1 ? "" : "s"}): counted as 0 FLOPs`);
  }
  if (run.skippedNodes.length > 0) {
    const listed = run.skippedNodes.slice(0, listedSkippedNodes).join("; ");
    const more = run.skippedNodes.length > listedSkippedNodes ? ` and ${run.skippedNodes.length - listedSkippedNodes} more` : "";
    run.warnings.push(`${run.skippedNodes.length} node(s) could not be inferred and count 0 FLOPs: ${listed}${more}`);
  }
  const fileWeights = allWeights(graph);
  const tensorElementTypes: Record<string, number> = {};
  for (const name of scope.ownNames()) {
    const elementType = scope.get(name)?.value.elementType ?? 0;
    if (elementType !== 0) tensorElementTypes[name] = elementType;
  }
  return {
    inputs: inputs.map(tensorInfo),
    outputs: (graph.output ?? []).map((output) => tensorInfo(declaredInput(output))),
    opset: model.opset,
    resolvedInputShapes: resolved.shapes,
    resolvedOutputShapes,
    cost,
    hasBatchDimension: resolved.hasBatchDimension,
    tensorElementTypes,
    fileParameterCount: fileWeights.parameterCount,
    fileWeightBytes: fileWeights.weightBytes,
    warnings: run.warnings,
  };
}

function perInferenceCost(accumulator: CostAccumulator, batch: number): ModelCost {
  const flopsByOperator: Record<string, number> = {};
  for (const [operator, flops] of [...accumulator.flopsByOperator].sort((left, right) => right[1] - left[1])) {
    flopsByOperator[operator] = flops / batch;
  }
  const flopsPerInference = accumulator.totalFlops / batch;
  const macFlopsPerInference = (2 * accumulator.multiplyAccumulates) / batch;
  const weights = weightTotals(accumulator.weights);
  const activationBytesPerInference = accumulator.activationBytes / batch;
  const bytes = weights.weightBytes + activationBytesPerInference;
  return {
    flopsPerInference,
    macFlopsPerInference,
    flopsByOperator,
    parameterCount: weights.parameterCount,
    weightBytes: weights.weightBytes,
    activationBytesPerInference,
    arithmeticIntensityFlopsPerByte: bytes > 0 ? flopsPerInference / bytes : 0,
    unknownOperators: [...accumulator.unknownOperators.keys()].sort(),
  };
}
