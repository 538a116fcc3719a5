// How much of a model's arithmetic the INT8 transform actually moved to integer kernels: dynamic quantization
// rewrites MatMul/Gemm only, so a CNN whose work is in Conv gains almost nothing from an INT8 peak; static QDQ
// quantization rewrites the convolutions too.
import type { ArtifactTransform } from "../domain/serving.ts";
import type { ModelProfile } from "../domain/profile.ts";

const QUANTIZABLE_OPERATORS: Record<"dynamic-int8" | "static-int8-qdq", readonly string[]> = {
  "dynamic-int8": ["MatMul", "Gemm"],
  "static-int8-qdq": ["Conv", "ConvTranspose", "MatMul", "Gemm"],
};

/**
 * The transform the profile's INT8 cells measured, read from the quantization report's method (bench writes
 * "dynamic: ..." for MatMulInteger graphs; a QDQ/QLinear report says static). Null without an INT8 report.
 */
export function int8TransformOf(profile: ModelProfile): Extract<ArtifactTransform, "dynamic-int8" | "static-int8-qdq"> | null {
  const method = profile.quantization?.method;
  if (method === undefined) return null;
  return /static|qdq|qlinear/i.test(method) ? "static-int8-qdq" : "dynamic-int8";
}

/**
 * The share (0–1) of FLOPs that run in INT8 after quantization: the FLOPs of the operator types the transform
 * rewrites, times the fraction of those nodes it did rewrite (the profile counts nodes, not FLOPs per node), over
 * `totalFlops` (default: every operator's). 0 when the report says nothing was quantized, or there is no report.
 */
export function quantizedFlopShare(profile: ModelProfile, totalFlops = profile.model.cost.flopsPerInference): number {
  const quantization = profile.quantization;
  const transform = int8TransformOf(profile);
  if (!quantization || !transform || quantization.quantizedNodes === 0 || !(totalFlops > 0)) return 0;
  const operators = QUANTIZABLE_OPERATORS[transform];
  const byOperator = profile.model.cost.flopsByOperator;
  const quantizableFlops = operators.reduce((sum, operator) => sum + (byOperator[operator] ?? 0), 0);
  const skippedQuantizable = quantization.skipped.filter((skip) => operators.includes(skip.operator)).length;
  const rewrittenFraction = quantization.quantizedNodes / (quantization.quantizedNodes + skippedQuantizable);
  return Math.min(1, (quantizableFlops * rewrittenFraction) / totalFlops);
}

/** Amdahl over the two roofs: the quantized share runs at the INT8 peak, the rest stays on the other peak. */
export function mixedPrecisionPeak(otherPeak: number, int8Peak: number, quantizedShare: number): number {
  return 1 / (quantizedShare / int8Peak + (1 - quantizedShare) / otherPeak);
}
