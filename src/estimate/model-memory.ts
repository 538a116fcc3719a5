// Whether the model fits: each replica holds its own weights and the activations of one call.
import type { AcceleratorAttachment, AcceleratorSpec } from "../domain/catalog.ts";
import { timedInt8Transform, type ModelProfile, type Precision } from "../domain/profile.ts";
import { activationBytesAtPrecision, weightBytesAtPrecision } from "./roofline.ts";
import { bytesPerGigabyte } from "./units.ts";

/** Share of an instance's memory left for the operating system, the runtime and the server (an assumption). */
export const memoryReservedForSystemShare = 0.1;

/**
 * GB one replica needs: weights + activations × batch. Activations count every intermediate tensor once, an upper
 * bound (onnxruntime reuses buffers), so the check errs towards "does not fit".
 */
export function modelMemoryGbPerReplica(profile: ModelProfile, precision: Precision, batchSize: number, int8Transform = timedInt8Transform(profile)): number {
  const bytes = weightBytesAtPrecision(profile, precision) + batchSize * activationBytesAtPrecision(profile, precision, int8Transform);
  return bytes / bytesPerGigabyte;
}

/** How many replicas of `modelMemoryGb` fit in `memoryGb` after the system's share. */
export function replicasThatFit(memoryGb: number, modelMemoryGb: number, reservedShare = memoryReservedForSystemShare): number {
  if (modelMemoryGb <= 0) return Number.POSITIVE_INFINITY;
  return Math.floor((memoryGb * (1 - reservedShare)) / modelMemoryGb);
}

/**
 * Device memory one replica may use, GB. The catalog's attachment gives memory per whole device; a replica runs on
 * one whole device, or on the whole of a fractional partition (a sixth of an A10 has a sixth of its 24 GB).
 */
export function deviceMemoryGbPerReplica(attachment: AcceleratorAttachment, accelerator: AcceleratorSpec | null = null): number {
  const perDeviceGb = Math.min(attachment.memoryGb, accelerator?.memoryGb.value ?? Number.POSITIVE_INFINITY);
  return perDeviceGb * Math.min(1, attachment.count);
}
