import type { ModelProfile } from "../domain/profile.ts";

/**
 * The batch sizes to try: those measured in any profile, up to the spec's maxBatch (the smallest measured one
 * when none is that small), so every CPU candidate stands on a measured point of the batch curve.
 */
export function batchSizesFor(profiles: ModelProfile[], maxBatch: number): number[] {
  const measured = [...new Set(profiles.flatMap((profile) => profile.measurements.map((measurement) => measurement.batchSize)))].sort((a, b) => a - b);
  const allowed = measured.filter((batchSize) => batchSize <= maxBatch);
  return allowed.length > 0 ? allowed : measured.slice(0, 1);
}

/** The smallest batch of the GPU batch curve beyond the measured sizes: where GPUs start to fill their cores. */
export const gpuBatchCurveStart = 32;

/**
 * GPU candidates also try the powers of two from 32 up to maxBatch: a GPU's speed comes from its prior and roofline,
 * not from the CPU's measured points, and it needs large batches to fill. Sizes whose weights + activations × batch
 * exceed device memory are excluded by the memory check, so the curve stops where memory does.
 */
export function gpuBatchSizesFor(profiles: ModelProfile[], maxBatch: number): number[] {
  const sizes = new Set(batchSizesFor(profiles, maxBatch));
  for (let batchSize = gpuBatchCurveStart; batchSize <= maxBatch; batchSize *= 2) sizes.add(batchSize);
  return [...sizes].sort((a, b) => a - b);
}
