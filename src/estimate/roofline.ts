// The roofline: a processor runs a kernel at min(peak compute, arithmetic intensity × memory bandwidth).
import { timedInt8Transform, type ModelCost, type ModelProfile, type Precision } from "../domain/profile.ts";
import type { Int8Transform } from "../domain/serving.ts";

export interface Roof {
  peakGflops: number;
  memoryBandwidthGbPerSecond: number;
}

/** Compute rate a roof allows at this arithmetic intensity (FLOPs per byte moved), in GFLOPS. */
export function attainableGflops(roof: Roof, arithmeticIntensityFlopsPerByte: number): number {
  if (!Number.isFinite(arithmeticIntensityFlopsPerByte)) return roof.peakGflops;
  return Math.min(roof.peakGflops, arithmeticIntensityFlopsPerByte * roof.memoryBandwidthGbPerSecond);
}

/** The intensity where the roof bends: below it the kernel waits on memory. */
export function ridgePointFlopsPerByte(roof: Roof): number {
  return roof.peakGflops / roof.memoryBandwidthGbPerSecond;
}

export function isMemoryBound(roof: Roof, arithmeticIntensityFlopsPerByte: number): boolean {
  return arithmeticIntensityFlopsPerByte < ridgePointFlopsPerByte(roof);
}

/** Weight bytes at a precision: FP16 halves FP32's; INT8 is the quantized model's own figure when the profile has one, else a quarter. */
export function weightBytesAtPrecision(profile: ModelProfile, precision: Precision): number {
  const weightBytes = profile.model.cost.weightBytes;
  if (precision === "fp32") return weightBytes;
  if (precision === "fp16") return weightBytes / 2;
  return profile.quantization?.weightBytes ?? weightBytes / 4;
}

/**
 * Activation bytes per inference at a precision: FP16 engines keep activations in FP16 (half); a static (QDQ) INT8
 * graph keeps them in INT8 between quantized operators (a quarter); dynamic INT8 dequantizes after each product, so
 * its activations stay FP32. `int8Transform`: the INT8 file served (default: the one the profile's INT8 cells timed).
 */
export function activationBytesAtPrecision(profile: ModelProfile, precision: Precision, int8Transform: Int8Transform | null = timedInt8Transform(profile)): number {
  const bytes = profile.model.cost.activationBytesPerInference;
  if (precision === "fp16") return bytes / 2;
  if (precision === "int8" && int8Transform === "static-int8-qdq") return bytes / 4;
  return bytes;
}

/**
 * FLOPs per byte for a call of `batchSize` inferences: weights are read once per call, activations once per
 * inference, so batching raises the intensity. Falls back to the profile's batch-of-one figure when byte counts
 * are missing, and to "compute-bound" (infinite) when nothing is known.
 */
export function arithmeticIntensityAtBatch(cost: ModelCost, weightBytes: number, batchSize: number, activationBytes = cost.activationBytesPerInference): number {
  const bytesPerCall = weightBytes + batchSize * activationBytes;
  if (bytesPerCall > 0) return (batchSize * cost.flopsPerInference) / bytesPerCall;
  return cost.arithmeticIntensityFlopsPerByte > 0 ? cost.arithmeticIntensityFlopsPerByte : Infinity;
}

/** Time a call of `batchSize` inferences would take running exactly at the roof, in ms. */
export function rooflineTimeMs(flopsPerInference: number, batchSize: number, roof: Roof, arithmeticIntensityFlopsPerByte: number): number {
  return (batchSize * flopsPerInference) / (attainableGflops(roof, arithmeticIntensityFlopsPerByte) * 1e6);
}
