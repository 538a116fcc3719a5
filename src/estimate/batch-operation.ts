// Batch work in a day: the active fleet runs at the target utilisation for the whole hours the volume needs and
// scales to 0 otherwise (what the emitted schedule does), so it is costed for those hours, not for 24.
import type { BatchOperation } from "./contract.ts";
import { secondsPerHour } from "./units.ts";

/** Volumes within this of a whole number of hours count as whole (as the scheduler rounds them). */
const wholeHourTolerance = 1e-9;

export interface BatchOperationInput {
  inferencesPerDay: number;
  activeInstances: number;
  /** Inferences per second of one instance at 100 % busy. */
  capacityPerInstanceRps: number;
  /** Load while the work runs, 0–1. */
  utilization: number;
  /** Share of requests answered from a cache: they need no capacity. */
  cacheHitRate: number;
}

/** The day's work on exactly `activeInstances` instances. */
export function batchOperationOf(input: BatchOperationInput): BatchOperation {
  const missShare = 1 - input.cacheHitRate;
  const missCapacityRps = input.activeInstances * input.capacityPerInstanceRps * input.utilization;
  const activeCapacityRps = missShare > 0 ? missCapacityRps / missShare : Number.POSITIVE_INFINITY;
  let hoursNeededPerDay = activeCapacityRps > 0 ? input.inferencesPerDay / (activeCapacityRps * secondsPerHour) : Number.POSITIVE_INFINITY;
  if (Math.abs(hoursNeededPerDay - Math.round(hoursNeededPerDay)) < wholeHourTolerance) hoursNeededPerDay = Math.round(hoursNeededPerDay);
  return {
    inferencesPerDay: input.inferencesPerDay,
    activeInstances: input.activeInstances,
    utilization: input.utilization,
    activeCapacityRps,
    hoursNeededPerDay,
    billedHoursPerDay: Math.ceil(hoursNeededPerDay),
  };
}

/**
 * The active fleet that does the day's work in the fewest instance-hours within the window. The schedule runs
 * whole hours, so the fleet sized for the whole window (`activeInstances`, the fewest that fit) can waste most of
 * its last hour: a few more instances for fewer hours may cost less. Trying every whole number of hours the window
 * holds (at most 24) makes a longer window never cost more. Ties keep the smaller fleet.
 */
export function cheapestBatchOperation(input: BatchOperationInput & { windowHours: number }): BatchOperation {
  let best = batchOperationOf(input);
  const perInstance = batchOperationOf({ ...input, activeInstances: 1 });
  const instanceHours = perInstance.hoursNeededPerDay;
  if (!Number.isFinite(instanceHours)) return best;
  const cost = (operation: BatchOperation) => operation.activeInstances * operation.billedHoursPerDay;
  for (let hours = 1; hours <= Math.min(24, Math.floor(input.windowHours)); hours++) {
    const instances = Math.max(1, Math.ceil(instanceHours / hours - wholeHourTolerance));
    if (instances < input.activeInstances) continue;
    const operation = batchOperationOf({ ...input, activeInstances: instances });
    if (cost(operation) < cost(best) || (cost(operation) === cost(best) && instances < best.activeInstances)) best = operation;
  }
  return best;
}

/** The same work on a fleet of another size (a baseline the spec fixed): same load while running, other hours. */
export function withActiveInstances(operation: BatchOperation, activeInstances: number, cacheHitRate: number): BatchOperation {
  const capacityPerInstanceRps = (operation.activeCapacityRps * (1 - cacheHitRate)) / (operation.activeInstances * operation.utilization);
  return batchOperationOf({ inferencesPerDay: operation.inferencesPerDay, activeInstances, capacityPerInstanceRps, utilization: operation.utilization, cacheHitRate });
}
