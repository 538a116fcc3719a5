// How much of a model's arithmetic the INT8 transform actually moved to integer kernels: the dynamic quantizer
// rewrites MatMul/Gemm only, so a CNN whose work is in Conv gains almost nothing from an accelerator's INT8 peak.
import type { ModelProfile } from "../domain/profile.ts";

const QUANTIZABLE_OPERATORS = ["MatMul", "Gemm"];

/**
 * The share (0–1) of FLOPs that run in INT8 after quantization: the FLOPs of the operator types the quantizer
 * rewrites, times the fraction of those nodes it did rewrite (the profile counts nodes, not FLOPs per node).
 */
export function quantizedFlopShare(profile: ModelProfile): number {
  const quantization = profile.quantization;
  const totalFlops = profile.model.cost.flopsPerInference;
  if (!quantization || quantization.quantizedNodes === 0 || !(totalFlops > 0)) return 0;
  const byOperator = profile.model.cost.flopsByOperator;
  const quantizableFlops = QUANTIZABLE_OPERATORS.reduce((sum, operator) => sum + (byOperator[operator] ?? 0), 0);
  const skippedQuantizable = quantization.skipped.filter((skip) => QUANTIZABLE_OPERATORS.includes(skip.operator)).length;
  const rewrittenFraction = quantization.quantizedNodes / (quantization.quantizedNodes + skippedQuantizable);
  return Math.min(1, (quantizableFlops * rewrittenFraction) / totalFlops);
}

/** Amdahl over the two roofs: the quantized share runs at the INT8 peak, the rest stays on the FP32 peak. */
export function mixedPrecisionPeak(fp32Peak: number, int8Peak: number, quantizedShare: number): number {
  return 1 / (quantizedShare / int8Peak + (1 - quantizedShare) / fp32Peak);
}
