// How much of a model's arithmetic an INT8 transform moves to integer kernels: the FLOPs of the operators it rewrites
// (src/domain/serving.ts: dynamic INT8 rewrites MatMul/Gemm only, so a CNN whose work is in Conv gains almost nothing
// from an INT8 peak; static QDQ rewrites the convolutions too), times the share of those nodes it did rewrite.
import type { ModelProfile } from "../domain/profile.ts";
import { timedInt8Transform } from "../domain/profile.ts";
import { INT8_REWRITTEN_OPERATORS, servingPath, type Int8Transform } from "../domain/serving.ts";

/** The INT8 file accelerators serve: TensorRT builds INT8 engines only from explicit (QDQ) quantization. */
export const acceleratorInt8Transform: Int8Transform = servingPath("nvidia-gpu", "int8")?.transforms.find((transform) => transform !== "none") ?? "static-int8-qdq";

/**
 * How many nodes of the transform's operators it rewrote and left in float. From the quantization report when the
 * INT8 cells timed this transform; else from the profile's file of this transform (bench builds TensorRT's static
 * file beside the CPU's dynamic one), counting as left in float the nodes the report's transform skipped among the
 * operators both rewrite (the two share their weight rules). Null when the profile says nothing of the transform.
 */
function rewrittenNodes(profile: ModelProfile, transform: Int8Transform): { rewritten: number; skipped: number } | null {
  const report = profile.quantization;
  const reportTransform = timedInt8Transform(profile);
  const operators = INT8_REWRITTEN_OPERATORS[transform];
  const skippedAmong = (among: readonly string[]) => (report?.skipped ?? []).filter((skip) => among.includes(skip.operator)).length;
  if (report && reportTransform === transform) return { rewritten: report.quantizedNodes, skipped: skippedAmong(operators) };
  const file = profile.artifacts?.find((record) => record.precision === "int8" && record.recipe.transform === transform);
  if (!file) return null;
  const shared = reportTransform ? operators.filter((operator) => INT8_REWRITTEN_OPERATORS[reportTransform].includes(operator)) : [];
  return { rewritten: file.quantizedNodes, skipped: skippedAmong(shared) };
}

/**
 * The share (0–1) of `totalFlops` (default: every operator's) that runs in INT8 in the transform's file: the FLOPs of
 * the operator types it rewrites, times the fraction of those nodes it did rewrite (the profile counts nodes, not
 * FLOPs per node). 0 when it rewrote nothing, or the profile does not describe that transform.
 */
export function quantizedFlopShare(profile: ModelProfile, transform: Int8Transform, totalFlops = profile.model.cost.flopsPerInference): number {
  const nodes = rewrittenNodes(profile, transform);
  if (!nodes || nodes.rewritten === 0 || !(totalFlops > 0)) return 0;
  const byOperator = profile.model.cost.flopsByOperator;
  const quantizableFlops = INT8_REWRITTEN_OPERATORS[transform].reduce((sum, operator) => sum + (byOperator[operator] ?? 0), 0);
  return Math.min(1, (quantizableFlops * nodes.rewritten) / (nodes.rewritten + nodes.skipped) / totalFlops);
}

/** Amdahl over the two roofs: the quantized share runs at the INT8 peak, the rest stays on the other peak. */
export function mixedPrecisionPeak(otherPeak: number, int8Peak: number, quantizedShare: number): number {
  return 1 / (quantizedShare / int8Peak + (1 - quantizedShare) / otherPeak);
}
