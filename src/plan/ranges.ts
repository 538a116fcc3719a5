import type { CandidateEstimate, CandidateEstimateInput, PerformanceProjection } from "../estimate/contract.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { TrafficShape } from "../estimate/contract.ts";
import type { EvaluatedCandidate } from "./enumerate.ts";
import type { Estimator } from "./estimator.ts";

export interface EndEstimates {
  /** Every projected figure at its favourable end (fast service, high capacity). */
  low: CandidateEstimate;
  /** At its unfavourable end. */
  high: CandidateEstimate;
}

export type Placement = Pick<EvaluatedCandidate, "instance" | "accelerator" | "region" | "pue" | "usdPerHour" | "networkRoundTripMs">;

export function estimateInputOf(candidate: Placement, spec: WorkloadSpec, traffic: TrafficShape, projection: PerformanceProjection): CandidateEstimateInput {
  return {
    projection,
    instance: candidate.instance,
    accelerator: candidate.accelerator,
    region: candidate.region,
    pue: candidate.pue,
    intensityBasis: spec.options.intensityBasis,
    usdPerHour: candidate.usdPerHour,
    pricing: spec.options.pricing,
    traffic,
    cacheHitRate: spec.options.cacheHitRate,
    targetUtilization: spec.options.targetUtilization,
    maxQueueDelayMs: spec.options.batching.maxQueueDelayMs,
    networkRoundTripMs: candidate.networkRoundTripMs,
    latencyP95BudgetMs: spec.slo?.p95LatencyMs,
  };
}

/**
 * The candidate re-estimated with its projection at both ends of its range: the fleet size (and so the cost)
 * moves with capacity, which the nominal estimate's own ranges do not show.
 */
export function endEstimates(candidate: EvaluatedCandidate, spec: WorkloadSpec, traffic: TrafficShape, estimator: Estimator): EndEstimates {
  return endEstimatesFor(candidate, candidate.projection, spec, traffic, estimator);
}

export function endEstimatesFor(candidate: Placement, projection: PerformanceProjection, spec: WorkloadSpec, traffic: TrafficShape, estimator: Estimator): EndEstimates {
  const optimistic: PerformanceProjection = {
    ...projection,
    serviceTimeMs: Math.min(projection.serviceTimeRangeMs.low, projection.serviceTimeMs),
    capacityPerInstanceRps: Math.max(projection.capacityRangeRps.high, projection.capacityPerInstanceRps),
  };
  const pessimistic: PerformanceProjection = {
    ...projection,
    serviceTimeMs: Math.max(projection.serviceTimeRangeMs.high, projection.serviceTimeMs),
    capacityPerInstanceRps: Math.min(projection.capacityRangeRps.low, projection.capacityPerInstanceRps),
  };
  return {
    low: estimator.estimateCandidate(estimateInputOf(candidate, spec, traffic, optimistic)),
    high: estimator.estimateCandidate(estimateInputOf(candidate, spec, traffic, pessimistic)),
  };
}

export function span(...values: number[]): { low: number; high: number } {
  return { low: Math.min(...values), high: Math.max(...values) };
}
