// Whether a type plans a precision at all, for two reasons the plan counts apart (search.excludedBy):
//  - "serving": its device has no path for the precision in the serving table (src/domain/serving.ts), or the path
//    needs an INT8 file of a transform the profiles do not describe (TensorRT takes only static QDQ);
//  - "accuracy": the file that would serve it strays from FP32 beyond options.accuracy.minCosineSimilarity, INT8 and
//    FP16 alike (precisionFile in ./precision-artifact.ts reads the drift and decides).
import type { InstanceType } from "../domain/catalog.ts";
import { timedInt8Transform, type ModelProfile, type Precision } from "../domain/profile.ts";
import { servingDeviceOf, servingPath, type ArtifactTransform } from "../domain/serving.ts";
import type { PrecisionFile } from "./precision-artifact.ts";

export interface PrecisionGate {
  constraint: "serving" | "accuracy";
  reason: string;
}

/** The INT8 transforms whose files the profiles describe: the one the INT8 cells timed, and every INT8 artifact. */
export function describedInt8Transforms(profiles: readonly ModelProfile[]): ArtifactTransform[] {
  const timed = profiles.map(timedInt8Transform).filter((transform) => transform !== null);
  const built = profiles.flatMap((profile) => profile.artifacts ?? []).filter((record) => record.precision === "int8").map((record) => record.recipe.transform);
  return [...new Set([...timed, ...built])];
}

/**
 * Why the type's device cannot serve the precision from the files the profiles describe (`described`, from
 * describedInt8Transforms: worked out once per plan, as every type is asked), or null when it can.
 */
export function servingRefusal(instance: InstanceType, precision: Precision, described: readonly ArtifactTransform[]): string | null {
  const device = servingDeviceOf(instance.accelerator);
  const deviceName = instance.accelerator?.model ?? "a CPU";
  if (device === null) return precision === "fp16" ? `${deviceName} has no FP16 path in the serving table` : null;
  const path = servingPath(device, precision);
  if (path === null) return `${deviceName} cannot serve ${precision.toUpperCase()}: onnxruntime's CPU provider computes FP16 matrix products in FP32, so FP16 is served on NVIDIA GPUs only`;
  if (precision !== "int8") return null;
  if (path.transforms.some((transform) => described.includes(transform))) return null;
  return `${deviceName} serves INT8 only from ${path.transforms.join(" or ")} files; the profiles describe ${described.join(", ") || "no INT8 file"} (TensorRT builds INT8 engines only from QDQ scales)`;
}

/** The gate of one type and precision: serving first (no file to judge without a path), then the file's accuracy. */
export function precisionGate(servingReason: string | null, file: PrecisionFile | null): PrecisionGate | null {
  if (servingReason !== null) return { constraint: "serving", reason: servingReason };
  if (file?.exclusion) return { constraint: "accuracy", reason: file.exclusion };
  return null;
}
