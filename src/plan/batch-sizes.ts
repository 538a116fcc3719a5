import type { ModelProfile } from "../domain/profile.ts";

/**
 * The batch sizes to try: those measured in any profile, up to the spec's maxBatch (the smallest measured one
 * when none is that small), so every candidate stands on a measured point of the batch curve.
 */
export function batchSizesFor(profiles: ModelProfile[], maxBatch: number): number[] {
  const measured = [...new Set(profiles.flatMap((profile) => profile.measurements.map((measurement) => measurement.batchSize)))].sort((a, b) => a - b);
  const allowed = measured.filter((batchSize) => batchSize <= maxBatch);
  return allowed.length > 0 ? allowed : measured.slice(0, 1);
}
