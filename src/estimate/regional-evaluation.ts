// The region-dependent half of a candidate's estimate: a fleet (./fleet-operation.ts) under one region's PUE,
// grid intensity and price. A few multiplications per operating point, so the planner evaluates every region.
import type { Range } from "./contract.ts";
import { operationalGramsCo2e, softwareCarbonIntensity } from "./carbon.ts";
import type { FleetOperation, FleetOperations } from "./fleet-operation.ts";
import { facilityPowerWatts } from "./power.ts";
import { gramsPerKilogram, hoursPerMonth, joulesPerKilowattHour, secondsPerHour } from "./units.ts";

/** What a region adds to a fleet's estimate. */
export interface RegionalFactors {
  /** The PUE that applies: the region's disclosed value or the provider's fleet value. */
  pue: number;
  usdPerHour: number;
  gridIntensityGCo2ePerKwh: number;
}

/** One operating point of a fleet in one region. */
export interface Evaluation {
  operation: FleetOperation;
  facilityWatts: number;
  energyPerInferenceJ: number;
  operationalGrams: number;
  embodiedGrams: number;
  sciGrams: number;
  monthlyCostUsd: number;
  monthlyOperationalKg: number;
  monthlyEmbodiedKg: number;
  /** Operational + embodied. */
  monthlyKgCo2e: number;
}

/** The fleet's central operating point and the two ends of its projected range, in one region. */
export interface RegionalEstimate {
  central: Evaluation;
  slow: Evaluation;
  fast: Evaluation;
}

export function evaluateInRegion(fleet: FleetOperations, region: RegionalFactors): RegionalEstimate {
  return { central: evaluate(fleet, fleet.central, region), slow: evaluate(fleet, fleet.slow, region), fast: evaluate(fleet, fleet.fast, region) };
}

/** Low and high of one figure over the three operating points. */
export function rangeOver(estimate: RegionalEstimate, pick: (evaluation: Evaluation) => number): Range {
  const { central, slow, fast } = estimate;
  return { low: Math.min(pick(central), pick(slow), pick(fast)), high: Math.max(pick(central), pick(slow), pick(fast)) };
}

const daysPerMonth = hoursPerMonth / 24;

function evaluate(fleet: FleetOperations, operation: FleetOperation, region: RegionalFactors): Evaluation {
  if (operation.batch) return evaluateBatch(fleet, operation, region);
  const desired = operation.instances.desired;
  const facilityWatts = facilityPowerWatts(operation.itWatts, region.pue);
  // Joules per request: the fleet's facility power over the requests it serves (hits included, at no cost).
  const meanRps = fleet.input.traffic.meanRps;
  const energyPerInferenceJ = meanRps > 0 ? (desired * facilityWatts) / meanRps : Number.POSITIVE_INFINITY;
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, region.gridIntensityGCo2ePerKwh);
  const requestsPerHour = meanRps * secondsPerHour;
  const embodiedGramsPerHour = desired * fleet.embodiedGramsPerInstanceHour;
  const embodiedGrams = requestsPerHour > 0 ? embodiedGramsPerHour / requestsPerHour : Number.POSITIVE_INFINITY;
  const requestsPerMonth = requestsPerHour * hoursPerMonth;
  const monthlyOperationalKg = (operationalGrams * requestsPerMonth) / gramsPerKilogram;
  const monthlyEmbodiedKg = (embodiedGramsPerHour * hoursPerMonth) / gramsPerKilogram;
  return {
    operation,
    facilityWatts,
    energyPerInferenceJ,
    operationalGrams,
    embodiedGrams,
    sciGrams: sciGramsOf(energyPerInferenceJ, region, embodiedGrams),
    monthlyCostUsd: desired * region.usdPerHour * hoursPerMonth,
    monthlyOperationalKg,
    monthlyEmbodiedKg,
    monthlyKgCo2e: monthlyOperationalKg + monthlyEmbodiedKg,
  };
}

/**
 * Batch work: the active fleet runs at the target utilisation for the schedule's whole hours and is scaled to 0
 * otherwise. Energy follows the work done (the day's volume × energy per inference at that load); cost and
 * embodied carbon follow the instance-hours run.
 */
function evaluateBatch(fleet: FleetOperations, operation: FleetOperation, region: RegionalFactors): Evaluation {
  const batch = operation.batch!;
  const facilityWatts = facilityPowerWatts(operation.itWatts, region.pue);
  const perInstanceRps = batch.activeCapacityRps / batch.activeInstances;
  // Joules per request at the running load: one instance's facility power over the requests it serves (hits at no cost).
  const energyPerInferenceJ = perInstanceRps > 0 ? facilityWatts / perInstanceRps : Number.POSITIVE_INFINITY;
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, region.gridIntensityGCo2ePerKwh);
  const instanceHoursPerDay = batch.activeInstances * batch.billedHoursPerDay;
  const embodiedGramsPerHour = fleet.embodiedGramsPerInstanceHour;
  const volume = batch.inferencesPerDay;
  const embodiedGrams = volume > 0 ? (instanceHoursPerDay * embodiedGramsPerHour) / volume : Number.POSITIVE_INFINITY;
  const monthlyOperationalKg = (operationalGrams * volume * daysPerMonth) / gramsPerKilogram;
  const monthlyEmbodiedKg = (instanceHoursPerDay * daysPerMonth * embodiedGramsPerHour) / gramsPerKilogram;
  return {
    operation,
    facilityWatts,
    energyPerInferenceJ,
    operationalGrams,
    embodiedGrams,
    sciGrams: sciGramsOf(energyPerInferenceJ, region, embodiedGrams),
    monthlyCostUsd: instanceHoursPerDay * daysPerMonth * region.usdPerHour,
    monthlyOperationalKg,
    monthlyEmbodiedKg,
    monthlyKgCo2e: monthlyOperationalKg + monthlyEmbodiedKg,
  };
}

function sciGramsOf(energyPerInferenceJ: number, region: RegionalFactors, embodiedGrams: number): number {
  return softwareCarbonIntensity({ energyKwh: energyPerInferenceJ / joulesPerKilowattHour, gridIntensityGCo2ePerKwh: region.gridIntensityGCo2ePerKwh, embodiedGramsCo2e: embodiedGrams, functionalUnits: 1 });
}
