// What a model's arithmetic mostly is, read from the profile's FLOPs by operator: it decides which published
// efficiency applies on an accelerator, and how much work counts in the convention those figures use.
import type { ModelClass } from "../domain/catalog.ts";
import type { ModelProfile } from "../domain/profile.ts";

/** Operators whose work is a matrix product (the "2 × multiply-adds" MLPerf and model cards count). */
const convolutionOperators = ["Conv", "ConvTranspose", "ConvInteger", "QLinearConv"];
const matrixProductOperators = ["MatMul", "Gemm", "MatMulInteger", "QLinearMatMul", "FusedMatMul"];

function flopsOf(profile: ModelProfile, operators: readonly string[]): number {
  const byOperator = profile.model.cost.flopsByOperator;
  return operators.reduce((sum, operator) => sum + (byOperator[operator] ?? 0), 0);
}

/**
 * CNN when convolutions do at least half the work; a transformer encoder when matrix products do and the graph has
 * attention (Softmax); anything else (an MLP, an RNN, an elementwise-heavy graph) is "other".
 */
export function modelClassOf(profile: ModelProfile): ModelClass {
  const total = profile.model.cost.flopsPerInference;
  if (!(total > 0)) return "other";
  if (flopsOf(profile, convolutionOperators) >= total / 2) return "cnn";
  const hasAttention = "Softmax" in profile.model.cost.flopsByOperator;
  if (flopsOf(profile, matrixProductOperators) >= total / 2 && hasAttention) return "transformer-encoder";
  return "other";
}

/**
 * FLOPs of the matrix products alone (2 × multiply-accumulates), the convention of published efficiencies: the
 * elementwise work beside them (bias, activation, residual adds) is fused into their kernels on GPUs and its cost is
 * inside the published fraction. The profile's conventional count; profiles of schemaVersion 1 lack it, so there the
 * product operators' FLOPs (bias adds included, within a per cent for CNNs and encoders) stand in. Every operator's
 * FLOPs when the model has no product at all.
 */
export function macFlopsPerInference(profile: ModelProfile): number {
  const { cost } = profile.model;
  const matrix = cost.macFlopsPerInference ?? flopsOf(profile, [...convolutionOperators, ...matrixProductOperators]);
  return matrix > 0 ? matrix : cost.flopsPerInference;
}
