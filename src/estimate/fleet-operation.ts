// The region-independent half of a candidate's estimate: fleet size, latency and IT power at the planned load,
// at the projection's central, slow and fast service times. The region's half (./regional-evaluation.ts) adds
// PUE, grid intensity and price, so the planner operates a fleet once and evaluates it in every region.
import { embodiedGramsCo2e } from "./carbon.ts";
import { cheapestBatchOperation } from "./batch-operation.ts";
import type { BatchOperation, CandidateEstimateInput, FleetSizing, PerformanceProjection } from "./contract.ts";
import { roundSignificant } from "./significant-figures.ts";
import { latencyP95Ms, type LatencyBreakdown } from "./latency.ts";
import { instancePowerWatts } from "./power.ts";
import { sizeFleet } from "./sizing.ts";
import { hoursPerMonth } from "./units.ts";

interface Performance {
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

function performanceAt(projection: PerformanceProjection, serviceTimeMs: number): Performance {
  const p95Ratio = (projection.serviceTimeP95Ms ?? projection.serviceTimeMs) / projection.serviceTimeMs;
  return {
    serviceTimeMs,
    serviceTimeP95Ms: serviceTimeMs * p95Ratio,
    capacityPerInstanceRps: (projection.capacityPerInstanceRps * projection.serviceTimeMs) / serviceTimeMs,
  };
}

/** How the fleet runs whatever the region: at the projection's central service time and at each end of its range. */
export interface FleetOperations {
  input: FleetOperationInput;
  central: FleetOperation;
  slow: FleetOperation;
  fast: FleetOperation;
  /** One instance-hour's share of the host's manufacturing emissions, g. */
  embodiedGramsPerInstanceHour: number;
}

/**
 * Whether two projections of one instance type give the same fleet at the same round trip: the fields compared are
 * all that operateFleet reads of a projection (a test changes every other field and checks that the fleet does not
 * move). An INT8 projection that equals the FP32 one (nothing measurably quantized) operates as the FP32 fleet does.
 */
export function operatesAlike(first: PerformanceProjection, second: PerformanceProjection): boolean {
  return (
    first.serviceTimeMs === second.serviceTimeMs &&
    first.serviceTimeP95Ms === second.serviceTimeP95Ms &&
    first.serviceTimeRangeMs.low === second.serviceTimeRangeMs.low &&
    first.serviceTimeRangeMs.high === second.serviceTimeRangeMs.high &&
    first.capacityPerInstanceRps === second.capacityPerInstanceRps &&
    first.replicas === second.replicas &&
    first.batchSize === second.batchSize
  );
}

export function operateFleet(input: FleetOperationInput): FleetOperations {
  const { projection } = input;
  const central = operateAt(input, performanceAt(projection, projection.serviceTimeMs));
  const slow = operateAt(input, performanceAt(projection, projection.serviceTimeRangeMs.high));
  const fast = operateAt(input, performanceAt(projection, projection.serviceTimeRangeMs.low));
  return { input, central, slow, fast, embodiedGramsPerInstanceHour: embodiedGramsPerInstanceHour(input) };
}

const cacheAssumption = "cache hits cost nothing: no model compute, no capacity, no energy (lookup cost ignored)";
const queueingAssumption =
  "queueing: M/M/c (Erlang C) per instance with batches as jobs, a conservative bound for near-constant service times; p95 = batch fill + queueing p95 + service p95 (+ network)";
const daysPerMonth = hoursPerMonth / 24;

/**
 * How the fleet was modelled (cache, queueing, what the monthly figures cover, power). Written when a full estimate
 * is made (the candidates a plan shows), not for each of the thousand fleets a plan operates.
 */
export function fleetAssumptions({ input, central }: FleetOperations): string[] {
  const assumptions = input.cacheHitRate > 0 ? [cacheAssumption] : [];
  const batch = central.batch;
  assumptions.push(
    queueingAssumption,
    batch ? batchCostingAssumption(batch) : `monthly figures at the mean of ${input.traffic.meanRps} requests/s with ${central.instances.desired} instances over ${hoursPerMonth} h`,
    ...central.powerAssumptions,
  );
  return assumptions;
}

function batchCostingAssumption(batch: BatchOperation): string {
  return (
    `batch costing: the active fleet (${batch.activeInstances} instance(s)) runs at the target utilisation ${roundSignificant(batch.utilization, 4)} for ` +
    `${roundSignificant(batch.hoursNeededPerDay, 4)} h a day, billed as the ${batch.billedHoursPerDay} whole hour(s) the schedule runs it, and is scaled to 0 otherwise; ` +
    `per month (${hoursPerMonth} h = ${roundSignificant(daysPerMonth, 4)} days): cost and embodied carbon = instances × ${batch.billedHoursPerDay} h × days, ` +
    `energy = the day's ${batch.inferencesPerDay} inferences × energy per inference at that utilisation (PUE included) × days`
  );
}

/** One instance-hour's share of the host's manufacturing emissions (CCF: total × hours / lifespan). */
function embodiedGramsPerInstanceHour(input: FleetOperationInput): number {
  return embodiedGramsCo2e({ totalEmbodiedKgCo2e: input.instance.embodied.kgCo2e.value, hoursReserved: 1, lifespanHours: input.instance.embodied.lifespanHours.value });
}

/** The fleet at one service time: sized for the traffic, with headroom where the p95 budget needs it. */
function operateAt(input: FleetOperationInput, performance: Performance): FleetOperation {
  let targetUtilization = input.targetUtilization;
  let sized = timeFleet(input, performance, sizeAt(input, performance, targetUtilization), targetUtilization);
  const budget = input.latencyP95BudgetMs;
  // Queueing grows steeply near full utilisation: when the budget is missed, plan more headroom (down to 5 %).
  // Headroom only shortens queues: when service time and network alone exceed the budget, it cannot help.
  if (budget !== undefined && sized.latencyP95Ms > budget && performance.serviceTimeP95Ms + input.networkRoundTripMs <= budget) {
    let best = sized;
    let last = sized.instances;
    for (let lower = targetUtilization * 0.9; lower >= 0.05 && best.latencyP95Ms > budget; lower *= 0.9) {
      // Latency depends on the fleet, not on the utilisation that sized it: until a lower utilisation adds an
      // instance, the fleet (and so its latency) is the one just timed.
      const instances = sizeAt(input, performance, lower);
      if (instances.min === last.min && instances.desired === last.desired && instances.max === last.max) continue;
      last = instances;
      const candidate = timeFleetFasterThan(input, performance, instances, lower, best.latencyP95Ms);
      if (candidate) best = candidate;
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
  // The power model's own list, made for this call: extended in place rather than copied.
  const powerAssumptions = power.assumptions;
  if (targetUtilization < input.targetUtilization) {
    powerAssumptions.push(
      `target utilisation lowered from ${input.targetUtilization} to ${roundSignificant(targetUtilization)} so that p95 meets its ${roundSignificant(budget ?? 0)} ms budget`,
    );
  }
  // `batch` is undefined for live traffic rather than absent: one object shape for every fleet, and no spread of a
  // fresh object into each (three per fleet, mostly before the code is optimised).
  return { instances, targetUtilization, utilization, batch, latency: sized.latency, latencyP95Ms: sized.latencyP95Ms, itWatts: power.itWatts, powerAssumptions };
}

interface SizedFleet {
  instances: FleetSizing;
  targetUtilization: number;
  latency: LatencyBreakdown;
  latencyP95Ms: number;
}

/** The fleet the traffic needs at a target utilisation. */
function sizeAt(input: FleetOperationInput, performance: Performance, targetUtilization: number): FleetSizing {
  return sizeFleet({ traffic: input.traffic, capacityPerInstanceRps: performance.capacityPerInstanceRps, targetUtilization, cacheHitRate: input.cacheHitRate });
}

/**
 * The fleet's worst p95 over the quietest hour (min instances), the mean (desired) and the peak (max); the first of
 * equals. Three plain calls rather than a loop over point tuples: this runs several times per fleet, mostly before
 * the code is optimised, where each tuple and its destructuring cost more than the queueing formula.
 */
function timeFleet(input: FleetOperationInput, performance: Performance, instances: FleetSizing, targetUtilization: number): SizedFleet {
  return timeFleetFasterThan(input, performance, instances, targetUtilization, undefined)!;
}

/**
 * timeFleet, or null as soon as one point shows the fleet's p95 cannot be below `fasterThanMs` (its worst point is
 * at least that point): the headroom search keeps only a faster fleet, and about half the fleets it tries are not.
 */
function timeFleetFasterThan(input: FleetOperationInput, performance: Performance, instances: FleetSizing, targetUtilization: number, fasterThanMs: number | undefined): SizedFleet | null {
  const { traffic, networkRoundTripMs } = input;
  let worst = latencyAt(input, performance, traffic.quietestRps, instances.min);
  if (notBelow(worst, networkRoundTripMs, fasterThanMs)) return null;
  const atMean = latencyAt(input, performance, traffic.meanRps, instances.desired);
  if (notBelow(atMean, networkRoundTripMs, fasterThanMs)) return null;
  if (atMean.latencyP95Ms > worst.latencyP95Ms) worst = atMean;
  const atPeak = latencyAt(input, performance, traffic.peakRps, instances.max);
  if (notBelow(atPeak, networkRoundTripMs, fasterThanMs)) return null;
  if (atPeak.latencyP95Ms > worst.latencyP95Ms) worst = atPeak;
  return { instances, targetUtilization, latency: worst, latencyP95Ms: worst.latencyP95Ms + networkRoundTripMs };
}

/** Whether a point's p95, network included, is at least `boundMs` (then so is its fleet's worst); false without a bound. */
function notBelow(point: LatencyBreakdown, networkRoundTripMs: number, boundMs: number | undefined): boolean {
  return boundMs !== undefined && point.latencyP95Ms + networkRoundTripMs >= boundMs;
}

/** p95 on `count` instances sharing `rps` (cache hits answered before the model). */
function latencyAt(input: FleetOperationInput, performance: Performance, rps: number, count: number): LatencyBreakdown {
  return latencyP95Ms({
    serviceTimeMs: performance.serviceTimeMs,
    serviceTimeP95Ms: performance.serviceTimeP95Ms,
    replicas: input.projection.replicas,
    batchSize: input.projection.batchSize,
    arrivalRps: (rps * (1 - input.cacheHitRate)) / count,
    maxQueueDelayMs: input.maxQueueDelayMs,
  });
}
