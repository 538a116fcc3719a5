// The region-independent half of a candidate's estimate: fleet size, latency and IT power at the planned load.
// The planner asks for the same instance type × precision × batch in every region, so this half is memoised.
import { cheapestBatchOperation } from "./batch-operation.ts";
import type { BatchOperation, CandidateEstimateInput, FleetSizing, PerformanceProjection } from "./contract.ts";
import { roundSignificant } from "./significant-figures.ts";
import { latencyP95Ms, type LatencyBreakdown } from "./latency.ts";
import { instancePowerWatts } from "./power.ts";
import { sizeFleet } from "./sizing.ts";

export interface Performance {
  serviceTimeMs: number;
  serviceTimeP95Ms: number;
  capacityPerInstanceRps: number;
}

export interface FleetOperation {
  instances: FleetSizing;
  /** The utilisation the fleet was sized for: the spec's, or lower when the p95 budget needed headroom. */
  targetUtilization: number;
  /** Mean utilisation at mean traffic (batch work: the load while it runs, the target). */
  utilization: number;
  /** Batch work only: the active fleet's day (its power is `itWatts`, at the target utilisation). */
  batch?: BatchOperation;
  /** The worst operating point's latency, network included. */
  latency: LatencyBreakdown;
  latencyP95Ms: number;
  itWatts: number;
  powerAssumptions: string[];
}

/** The region-independent part of a candidate: how the fleet runs, whatever the grid, PUE or price. */
export type FleetOperationInput = Pick<
  CandidateEstimateInput,
  "projection" | "instance" | "accelerator" | "traffic" | "cacheHitRate" | "targetUtilization" | "maxQueueDelayMs" | "networkRoundTripMs" | "latencyP95BudgetMs"
>;

export function performanceAt(projection: PerformanceProjection, serviceTimeMs: number): Performance {
  const p95Ratio = (projection.serviceTimeP95Ms ?? projection.serviceTimeMs) / projection.serviceTimeMs;
  return {
    serviceTimeMs,
    serviceTimeP95Ms: serviceTimeMs * p95Ratio,
    capacityPerInstanceRps: (projection.capacityPerInstanceRps * projection.serviceTimeMs) / serviceTimeMs,
  };
}

const memo = new WeakMap<PerformanceProjection, Map<string, FleetOperation>>();

/** Memoised per projection object and the inputs that shape the fleet; pure, so the cache is invisible. */
export function operateFleet(input: FleetOperationInput | CandidateEstimateInput, performance: Performance): FleetOperation {
  const key = [
    input.instance.provider,
    input.instance.instanceType,
    input.accelerator?.model ?? "",
    input.traffic.meanRps,
    input.traffic.peakRps,
    input.traffic.quietestRps,
    input.traffic.batch?.inferencesPerDay ?? "",
    input.traffic.batch?.windowHours ?? "",
    input.cacheHitRate,
    input.targetUtilization,
    input.maxQueueDelayMs,
    input.networkRoundTripMs,
    input.latencyP95BudgetMs ?? "",
    performance.serviceTimeMs,
    performance.serviceTimeP95Ms,
    performance.capacityPerInstanceRps,
    input.projection.replicas,
    input.projection.batchSize,
  ].join("|");
  let byKey = memo.get(input.projection);
  if (byKey === undefined) {
    byKey = new Map();
    memo.set(input.projection, byKey);
  }
  let operation = byKey.get(key);
  if (operation === undefined) {
    operation = computeFleetOperation(input, performance);
    byKey.set(key, operation);
  }
  return operation;
}

function computeFleetOperation(input: FleetOperationInput, performance: Performance): FleetOperation {
  let targetUtilization = input.targetUtilization;
  let sized = sizeAndTime(input, performance, targetUtilization);
  const budget = input.latencyP95BudgetMs;
  // Queueing grows steeply near full utilisation: when the budget is missed, plan more headroom (down to 5 %).
  // Headroom only shortens queues: when service time and network alone exceed the budget, it cannot help.
  if (budget !== undefined && sized.latencyP95Ms > budget && performance.serviceTimeP95Ms + input.networkRoundTripMs <= budget) {
    let best = sized;
    for (let lower = targetUtilization * 0.9; lower >= 0.05 && best.latencyP95Ms > budget; lower *= 0.9) {
      const candidate = sizeAndTime(input, performance, lower);
      if (candidate.latencyP95Ms < best.latencyP95Ms) best = candidate;
    }
    if (best.latencyP95Ms <= budget) {
      sized = best;
      targetUtilization = best.targetUtilization;
    }
  }

  let { instances } = sized;
  const meanMissesRps = input.traffic.meanRps * (1 - input.cacheHitRate);
  // Batch work runs the active fleet at the target utilisation for the hours it needs, not at the daily mean.
  const batch = input.traffic.batch
    ? cheapestBatchOperation({
        inferencesPerDay: input.traffic.batch.inferencesPerDay,
        windowHours: input.traffic.batch.windowHours,
        activeInstances: instances.max,
        capacityPerInstanceRps: performance.capacityPerInstanceRps,
        utilization: targetUtilization,
        cacheHitRate: input.cacheHitRate,
      })
    : undefined;
  // The schedule scales the fleet up to the active count: the fleet's max must allow it.
  if (batch && batch.activeInstances > instances.max) instances = { ...instances, max: batch.activeInstances };
  const utilization = batch ? batch.utilization : meanMissesRps / (instances.desired * performance.capacityPerInstanceRps);
  const power = instancePowerWatts({ instance: input.instance, accelerator: input.accelerator, utilization, replicas: input.projection.replicas });
  const powerAssumptions = [...power.assumptions];
  if (targetUtilization < input.targetUtilization) {
    powerAssumptions.push(
      `target utilisation lowered from ${input.targetUtilization} to ${roundSignificant(targetUtilization)} so that p95 meets its ${roundSignificant(budget ?? 0)} ms budget`,
    );
  }
  return { instances, targetUtilization, utilization, ...(batch ? { batch } : {}), latency: sized.latency, latencyP95Ms: sized.latencyP95Ms, itWatts: power.itWatts, powerAssumptions };
}

interface SizedFleet {
  instances: FleetSizing;
  targetUtilization: number;
  latency: LatencyBreakdown;
  latencyP95Ms: number;
}

/** Sizes the fleet and takes the worst p95 over the quietest hour, the mean and the peak. */
function sizeAndTime(input: FleetOperationInput, performance: Performance, targetUtilization: number): SizedFleet {
  const instances = sizeFleet({ traffic: input.traffic, capacityPerInstanceRps: performance.capacityPerInstanceRps, targetUtilization, cacheHitRate: input.cacheHitRate });
  const missRate = 1 - input.cacheHitRate;
  const operatingPoints: Array<[number, number]> = [
    [input.traffic.quietestRps, instances.min],
    [input.traffic.meanRps, instances.desired],
    [input.traffic.peakRps, instances.max],
  ];
  let worst: LatencyBreakdown | null = null;
  for (const [rps, count] of operatingPoints) {
    const breakdown = latencyP95Ms({
      serviceTimeMs: performance.serviceTimeMs,
      serviceTimeP95Ms: performance.serviceTimeP95Ms,
      replicas: input.projection.replicas,
      batchSize: input.projection.batchSize,
      arrivalRps: (rps * missRate) / count,
      maxQueueDelayMs: input.maxQueueDelayMs,
    });
    if (worst === null || breakdown.latencyP95Ms > worst.latencyP95Ms) worst = breakdown;
  }
  return { instances, targetUtilization, latency: worst!, latencyP95Ms: worst!.latencyP95Ms + input.networkRoundTripMs };
}
