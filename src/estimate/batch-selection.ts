// Which batch size to run: the largest the measured curve offers that still meets the SLO and the queue delay.
import type { ModelProfile, Precision } from "../domain/profile.ts";

/** Batch sizes measured at a precision in any profile, ascending. */
export function measuredBatchSizes(profiles: ModelProfile[], precision: Precision): number[] {
  const sizes = new Set<number>();
  for (const profile of profiles) for (const cell of profile.measurements) if (cell.precision === precision) sizes.add(cell.batchSize);
  return [...sizes].sort((a, b) => a - b);
}

export interface BatchOption {
  batchSize: number;
  latencyP95Ms: number;
  /** Time the first request waits for the batch to fill, ms (see latencyP95Ms). */
  batchFillMs?: number;
}

export interface BatchChoiceLimits {
  sloP95Ms: number;
  maxQueueDelayMs: number;
  maxBatch?: number;
}

/**
 * The largest batch whose p95 meets the SLO and whose fill wait stays within the max queue delay; null when even
 * the smallest misses (then the SLO is below what any batch size can do).
 */
export function chooseBatchSize(options: BatchOption[], limits: BatchChoiceLimits): BatchOption | null {
  const allowed = options
    .filter((option) => option.batchSize <= (limits.maxBatch ?? Number.POSITIVE_INFINITY))
    .filter((option) => option.latencyP95Ms <= limits.sloP95Ms && (option.batchFillMs ?? 0) <= limits.maxQueueDelayMs);
  if (allowed.length === 0) return null;
  return allowed.reduce((best, option) => (option.batchSize > best.batchSize ? option : best));
}

/** Why an SLO cannot be met at all: it is below the fastest service time any batch size gives. */
export function infeasibleSloReason(fastestServiceTimeMs: number, sloP95Ms: number, networkRoundTripMs = 0): string | null {
  const floorMs = fastestServiceTimeMs + networkRoundTripMs;
  if (sloP95Ms >= floorMs) return null;
  const network = networkRoundTripMs > 0 ? ` + ${networkRoundTripMs.toFixed(1)} ms network round trip` : "";
  return `p95 SLO of ${sloP95Ms} ms is below the fastest service time, ${fastestServiceTimeMs.toFixed(2)} ms${network}`;
}
