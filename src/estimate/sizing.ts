// How many instances serve the traffic at the target utilisation.
import type { FleetSizing, TrafficShape } from "./contract.ts";

export interface SizingInput {
  traffic: TrafficShape;
  capacityPerInstanceRps: number;
  /** Share of an instance's capacity the fleet plans to use, 0–1: headroom for bursts and queueing. */
  targetUtilization: number;
  /** Share of requests answered from a cache, 0–1: only misses need model capacity. */
  cacheHitRate: number;
}

/** Instances needed for `rps` requests per second: ceil(misses / (capacity × target)), at least one. */
export function instancesFor(rps: number, input: Omit<SizingInput, "traffic">): number {
  const misses = rps * (1 - input.cacheHitRate);
  const usable = input.capacityPerInstanceRps * input.targetUtilization;
  if (!(usable > 0)) return Number.POSITIVE_INFINITY;
  // The small tolerance keeps exact multiples (400 / (100 × 0.5) = 8) from rounding up on floating-point dust.
  return Math.max(1, Math.ceil(misses / usable - 1e-9));
}

/** min for the quietest hour, desired for the mean, max for the peak; ordered min ≤ desired ≤ max. */
export function sizeFleet(input: SizingInput): FleetSizing {
  const { traffic } = input;
  const min = instancesFor(traffic.quietestRps, input);
  const desired = Math.max(min, instancesFor(traffic.meanRps, input));
  const max = Math.max(desired, instancesFor(traffic.peakRps, input));
  return { min, desired, max };
}
