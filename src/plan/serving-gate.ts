// Whether a device can serve a precision with the artifacts the profiles describe (the serving table of
// src/domain/serving.ts), and whether the precision's measured drift allows it: a precision a device cannot serve,
// or one that changes the model's outputs too much, is no candidate there.
import type { AcceleratorSpec, InstanceType } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import { servingPath, type ServingDevice } from "../domain/serving.ts";
import { int8TransformOf } from "../estimate/quantized-share.ts";

/** The issue's default drift tolerance: FP16 outputs must keep a cosine similarity of at least this with FP32's. */
export const fp16MinimumCosineSimilarity = 0.99;

/** The serving table's device for a type; null for accelerators it has no row for (Inferentia: Neuron-compiled). */
export function servingDeviceOf(instance: InstanceType, accelerator: AcceleratorSpec | null): ServingDevice | null {
  if (instance.accelerator === null) return "cpu";
  return /nvidia/i.test(accelerator?.vendor ?? "") ? "nvidia-gpu" : null;
}

/** Why the type cannot serve the precision, or null when it can. */
export function servingRefusal(instance: InstanceType, accelerator: AcceleratorSpec | null, precision: Precision, profiles: ModelProfile[]): string | null {
  const device = servingDeviceOf(instance, accelerator);
  const deviceName = instance.accelerator?.model ?? "a CPU";
  if (device === null) return precision === "fp16" ? `${deviceName} has no FP16 path in the serving table` : null;
  const path = servingPath(device, precision);
  if (path === null) return `${deviceName} cannot serve ${precision.toUpperCase()}: onnxruntime's CPU provider computes FP16 matrix products in FP32, so FP16 is served on NVIDIA GPUs only`;
  if (precision === "int8") {
    const transforms = profiles.map(int8TransformOf).filter((transform) => transform !== null);
    if (!transforms.some((transform) => path.transforms.includes(transform))) {
      return `${deviceName} serves INT8 only from ${path.transforms.join(" or ")} artifacts; the profiles' INT8 is ${transforms.join(", ") || "not measured"} (TensorRT builds INT8 engines only from QDQ scales)`;
    }
  }
  if (precision === "fp16") {
    const drifts = profiles.map((profile) => profile.fp16?.drift.cosineSimilarity).filter((cosine) => cosine !== undefined);
    const worst = drifts.length > 0 ? Math.min(...drifts) : null;
    if (worst !== null && worst < fp16MinimumCosineSimilarity) {
      return `FP16 changes the model's outputs too much: cosine similarity ${worst.toFixed(4)} with FP32, below ${fp16MinimumCosineSimilarity}`;
    }
  }
  return null;
}
