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

/** What choosing among candidates reads of a fleet in one region: `evaluateInRegion`'s figures, bit for bit. */
export interface RegionalScore {
  /** The central operating point's. */
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  /** Low and high of monthly carbon over the three operating points (`rangeOver` of `evaluateInRegion`). */
  monthlyKgCo2eLow: number;
  monthlyKgCo2eHigh: number;
}

/**
 * `evaluateInRegion` reduced to what the planner scores every candidate by. It runs for every place of every fleet
 * (tens of thousands per plan), so it builds no evaluation: the same step functions as `evaluate`, in the same
 * order, give the same doubles.
 */
export function scoreInRegion(fleet: FleetOperations, region: RegionalFactors): RegionalScore {
  const central = monthlyKgCo2eAt(fleet, fleet.central, region);
  const slow = monthlyKgCo2eAt(fleet, fleet.slow, region);
  const fast = monthlyKgCo2eAt(fleet, fleet.fast, region);
  return {
    monthlyCostUsd: basisOf(fleet.central).monthlyCostUsd(fleet, fleet.central, region.usdPerHour),
    monthlyKgCo2e: central,
    monthlyKgCo2eLow: Math.min(central, slow, fast),
    monthlyKgCo2eHigh: Math.max(central, slow, fast),
  };
}

/** Low and high of one figure over the three operating points. */
export function rangeOver(estimate: RegionalEstimate, pick: (evaluation: Evaluation) => number): Range {
  const { central, slow, fast } = estimate;
  return { low: Math.min(pick(central), pick(slow), pick(fast)), high: Math.max(pick(central), pick(slow), pick(fast)) };
}

const daysPerMonth = hoursPerMonth / 24;

/** How an operating point turns power and instance-hours into per-inference and monthly figures. */
interface OperatingBasis {
  /** Facility joules per request (cache hits count as requests at no cost). */
  energyPerInferenceJ(fleet: FleetOperations, operation: FleetOperation, facilityWatts: number): number;
  embodiedGrams(fleet: FleetOperations, operation: FleetOperation): number;
  monthlyOperationalKg(fleet: FleetOperations, operation: FleetOperation, operationalGrams: number): number;
  monthlyEmbodiedKg(fleet: FleetOperations, operation: FleetOperation): number;
  monthlyCostUsd(fleet: FleetOperations, operation: FleetOperation, usdPerHour: number): number;
}

/** Live traffic: the desired fleet runs all month at the mean rate. */
const steadyBasis: OperatingBasis = {
  // The fleet's facility power over the requests it serves.
  energyPerInferenceJ: (fleet, operation, facilityWatts) => {
    const meanRps = fleet.input.traffic.meanRps;
    return meanRps > 0 ? (operation.instances.desired * facilityWatts) / meanRps : Number.POSITIVE_INFINITY;
  },
  embodiedGrams: (fleet, operation) => {
    const requestsPerHour = fleet.input.traffic.meanRps * secondsPerHour;
    return requestsPerHour > 0 ? steadyEmbodiedGramsPerHour(fleet, operation) / requestsPerHour : Number.POSITIVE_INFINITY;
  },
  monthlyOperationalKg: (fleet, _operation, operationalGrams) => (operationalGrams * (fleet.input.traffic.meanRps * secondsPerHour * hoursPerMonth)) / gramsPerKilogram,
  monthlyEmbodiedKg: (fleet, operation) => (steadyEmbodiedGramsPerHour(fleet, operation) * hoursPerMonth) / gramsPerKilogram,
  monthlyCostUsd: (_fleet, operation, usdPerHour) => operation.instances.desired * usdPerHour * hoursPerMonth,
};

function steadyEmbodiedGramsPerHour(fleet: FleetOperations, operation: FleetOperation): number {
  return operation.instances.desired * fleet.embodiedGramsPerInstanceHour;
}

/**
 * Batch work: the active fleet runs at the target utilisation for the schedule's whole hours and is scaled to 0
 * otherwise. Energy follows the work done (the day's volume × energy per inference at that load); cost and
 * embodied carbon follow the instance-hours run.
 */
const batchBasis: OperatingBasis = {
  // One instance's facility power over the requests it serves at the running load.
  energyPerInferenceJ: (_fleet, operation, facilityWatts) => {
    const batch = operation.batch!;
    const perInstanceRps = batch.activeCapacityRps / batch.activeInstances;
    return perInstanceRps > 0 ? facilityWatts / perInstanceRps : Number.POSITIVE_INFINITY;
  },
  embodiedGrams: (fleet, operation) => {
    const volume = operation.batch!.inferencesPerDay;
    return volume > 0 ? (instanceHoursPerDay(operation) * fleet.embodiedGramsPerInstanceHour) / volume : Number.POSITIVE_INFINITY;
  },
  monthlyOperationalKg: (_fleet, operation, operationalGrams) => (operationalGrams * operation.batch!.inferencesPerDay * daysPerMonth) / gramsPerKilogram,
  monthlyEmbodiedKg: (fleet, operation) => (instanceHoursPerDay(operation) * daysPerMonth * fleet.embodiedGramsPerInstanceHour) / gramsPerKilogram,
  monthlyCostUsd: (_fleet, operation, usdPerHour) => instanceHoursPerDay(operation) * daysPerMonth * usdPerHour,
};

function instanceHoursPerDay(operation: FleetOperation): number {
  return operation.batch!.activeInstances * operation.batch!.billedHoursPerDay;
}

const basisOf = (operation: FleetOperation): OperatingBasis => (operation.batch ? batchBasis : steadyBasis);

/** Operational + embodied monthly carbon of one operating point, by `evaluate`'s steps. */
function monthlyKgCo2eAt(fleet: FleetOperations, operation: FleetOperation, region: RegionalFactors): number {
  const basis = basisOf(operation);
  const energyPerInferenceJ = basis.energyPerInferenceJ(fleet, operation, facilityPowerWatts(operation.itWatts, region.pue));
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, region.gridIntensityGCo2ePerKwh);
  return basis.monthlyOperationalKg(fleet, operation, operationalGrams) + basis.monthlyEmbodiedKg(fleet, operation);
}

function evaluate(fleet: FleetOperations, operation: FleetOperation, region: RegionalFactors): Evaluation {
  const basis = basisOf(operation);
  const facilityWatts = facilityPowerWatts(operation.itWatts, region.pue);
  const energyPerInferenceJ = basis.energyPerInferenceJ(fleet, operation, facilityWatts);
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, region.gridIntensityGCo2ePerKwh);
  const embodiedGrams = basis.embodiedGrams(fleet, operation);
  const monthlyOperationalKg = basis.monthlyOperationalKg(fleet, operation, operationalGrams);
  const monthlyEmbodiedKg = basis.monthlyEmbodiedKg(fleet, operation);
  return {
    operation,
    facilityWatts,
    energyPerInferenceJ,
    operationalGrams,
    embodiedGrams,
    sciGrams: sciGramsOf(energyPerInferenceJ, region, embodiedGrams),
    monthlyCostUsd: basis.monthlyCostUsd(fleet, operation, region.usdPerHour),
    monthlyOperationalKg,
    monthlyEmbodiedKg,
    monthlyKgCo2e: monthlyOperationalKg + monthlyEmbodiedKg,
  };
}

function sciGramsOf(energyPerInferenceJ: number, region: RegionalFactors, embodiedGrams: number): number {
  return softwareCarbonIntensity({ energyKwh: energyPerInferenceJ / joulesPerKilowattHour, gridIntensityGCo2ePerKwh: region.gridIntensityGCo2ePerKwh, embodiedGramsCo2e: embodiedGrams, functionalUnits: 1 });
}
