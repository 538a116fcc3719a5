// One region × instance type × precision × batch size: fleet, latency, power, energy, carbon and cost.
import type { GridIntensity } from "../domain/catalog.ts";
import { embodiedGramsCo2e, operationalGramsCo2e, softwareCarbonIntensity } from "./carbon.ts";
import type { BatchOperation, CandidateEstimate, CandidateEstimateInput } from "./contract.ts";
import { operateFleet, performanceAt, type FleetOperation } from "./fleet-operation.ts";
import { facilityPowerWatts } from "./power.ts";
import { roundSignificant } from "./significant-figures.ts";
import { gramsPerKilogram, hoursPerMonth, joulesPerKilowattHour, secondsPerHour } from "./units.ts";

interface Evaluation {
  operation: FleetOperation;
  facilityWatts: number;
  energyPerInferenceJ: number;
  operationalGrams: number;
  embodiedGrams: number;
  sciGrams: number;
  monthlyCostUsd: number;
  monthlyOperationalKg: number;
  monthlyEmbodiedKg: number;
}

const cacheAssumption = "cache hits cost nothing: no model compute, no capacity, no energy (lookup cost ignored)";
const queueingAssumption =
  "queueing: M/M/c (Erlang C) per instance with batches as jobs, a conservative bound for near-constant service times; p95 = batch fill + queueing p95 + service p95 (+ network)";

export function estimateCandidate(input: CandidateEstimateInput): CandidateEstimate {
  const { projection } = input;
  const assumptions: string[] = [];
  const intensity = gridIntensity(input, assumptions);

  const central = evaluate(input, operateFleet(input, performanceAt(projection, projection.serviceTimeMs)), intensity.value);
  const slow = evaluate(input, operateFleet(input, performanceAt(projection, projection.serviceTimeRangeMs.high)), intensity.value);
  const fast = evaluate(input, operateFleet(input, performanceAt(projection, projection.serviceTimeRangeMs.low)), intensity.value);
  const range = (pick: (evaluation: Evaluation) => number) => ({
    low: Math.min(pick(central), pick(slow), pick(fast)),
    high: Math.max(pick(central), pick(slow), pick(fast)),
  });

  if (input.cacheHitRate > 0) assumptions.push(cacheAssumption);
  const batch = central.operation.batch;
  assumptions.push(
    queueingAssumption,
    batch ? batchCostingAssumption(batch) : `monthly figures at the mean of ${input.traffic.meanRps} requests/s with ${central.operation.instances.desired} instances over ${hoursPerMonth} h`,
    ...central.operation.powerAssumptions,
  );

  const requestsPerMonth = input.traffic.meanRps * secondsPerHour * hoursPerMonth;
  const { operation } = central;
  return {
    instances: operation.instances,
    latencyP95Ms: operation.latencyP95Ms,
    latencyP95RangeMs: range((evaluation) => evaluation.operation.latencyP95Ms),
    latencyBreakdownMs: {
      batchFill: operation.latency.batchFillMs,
      queueing: operation.latency.queueingP95Ms,
      service: operation.latency.serviceP95Ms,
      network: input.networkRoundTripMs,
    },
    throughputPerInstanceRps: projection.capacityPerInstanceRps,
    utilization: operation.utilization,
    powerWattsPerInstance: operation.itWatts,
    facilityPowerWattsPerInstance: central.facilityWatts,
    energyPerInferenceJ: central.energyPerInferenceJ,
    energyPerInferenceRangeJ: range((evaluation) => evaluation.energyPerInferenceJ),
    gridIntensityGCo2ePerKwh: intensity.value,
    gCo2ePerInference: central.operationalGrams,
    embodiedGCo2ePerInference: central.embodiedGrams,
    sciGCo2ePerInference: central.sciGrams,
    sciRangeGCo2ePerInference: range((evaluation) => evaluation.sciGrams),
    costPerMillionInferencesUsd: requestsPerMonth > 0 ? (central.monthlyCostUsd / requestsPerMonth) * 1e6 : Number.POSITIVE_INFINITY,
    monthlyCostUsd: central.monthlyCostUsd,
    monthlyKgCo2e: central.monthlyOperationalKg + central.monthlyEmbodiedKg,
    monthlyKgCo2eRange: range((evaluation) => evaluation.monthlyOperationalKg + evaluation.monthlyEmbodiedKg),
    monthlyOperationalKgCo2e: central.monthlyOperationalKg,
    monthlyEmbodiedKgCo2e: central.monthlyEmbodiedKg,
    monthlyKgCo2eParts: [central, slow, fast].map((evaluation) => ({ operationalKg: evaluation.monthlyOperationalKg, embodiedKg: evaluation.monthlyEmbodiedKg })),
    monthlyEnergyKwh: (central.energyPerInferenceJ * requestsPerMonth) / joulesPerKilowattHour,
    perfPerWatt: 1 / central.energyPerInferenceJ,
    ...(batch ? { batch } : {}),
    assumptions,
  };
}

function batchCostingAssumption(batch: BatchOperation): string {
  return (
    `batch costing: the active fleet (${batch.activeInstances} instance(s)) runs at the target utilisation ${roundSignificant(batch.utilization, 4)} for ` +
    `${roundSignificant(batch.hoursNeededPerDay, 4)} h a day, billed as the ${batch.billedHoursPerDay} whole hour(s) the schedule runs it, and is scaled to 0 otherwise; ` +
    `per month (${hoursPerMonth} h = ${roundSignificant(daysPerMonth, 4)} days): cost and embodied carbon = instances × ${batch.billedHoursPerDay} h × days, ` +
    `energy = the day's ${batch.inferencesPerDay} inferences × energy per inference at that utilisation (PUE included) × days`
  );
}

function gridIntensity(input: CandidateEstimateInput, assumptions: string[]): GridIntensity {
  const chosen = input.region.intensity[input.intensityBasis];
  if (chosen) return chosen;
  assumptions.push(`${input.region.code} has no ${input.intensityBasis} grid intensity: its lifecycle figure stands in`);
  return input.region.intensity.lifecycle;
}

const daysPerMonth = hoursPerMonth / 24;

/** The region-dependent half: PUE, grid intensity and price over the fleet's operation. */
function evaluate(input: CandidateEstimateInput, operation: FleetOperation, gridIntensityGCo2ePerKwh: number): Evaluation {
  if (operation.batch) return evaluateBatch(input, operation, operation.batch, gridIntensityGCo2ePerKwh);
  const desired = operation.instances.desired;
  const facilityWatts = facilityPowerWatts(operation.itWatts, input.pue);
  // Joules per request: the fleet's facility power over the requests it serves (hits included, at no cost).
  const meanRps = input.traffic.meanRps;
  const energyPerInferenceJ = meanRps > 0 ? (desired * facilityWatts) / meanRps : Number.POSITIVE_INFINITY;
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, gridIntensityGCo2ePerKwh);
  const requestsPerHour = meanRps * secondsPerHour;
  const embodiedGramsPerHour = desired * embodiedGramsPerInstanceHour(input);
  const embodiedGrams = requestsPerHour > 0 ? embodiedGramsPerHour / requestsPerHour : Number.POSITIVE_INFINITY;
  const sciGrams = softwareCarbonIntensity({ energyKwh: energyPerInferenceJ / joulesPerKilowattHour, gridIntensityGCo2ePerKwh, embodiedGramsCo2e: embodiedGrams, functionalUnits: 1 });
  const requestsPerMonth = requestsPerHour * hoursPerMonth;
  return {
    operation,
    facilityWatts,
    energyPerInferenceJ,
    operationalGrams,
    embodiedGrams,
    sciGrams,
    monthlyCostUsd: desired * input.usdPerHour * hoursPerMonth,
    monthlyOperationalKg: (operationalGrams * requestsPerMonth) / gramsPerKilogram,
    monthlyEmbodiedKg: (embodiedGramsPerHour * hoursPerMonth) / gramsPerKilogram,
  };
}

/**
 * Batch work: the active fleet runs at the target utilisation for the schedule's whole hours and is scaled to 0
 * otherwise. Energy follows the work done (the day's volume × energy per inference at that load); cost and
 * embodied carbon follow the instance-hours run.
 */
function evaluateBatch(input: CandidateEstimateInput, operation: FleetOperation, batch: BatchOperation, gridIntensityGCo2ePerKwh: number): Evaluation {
  const facilityWatts = facilityPowerWatts(operation.itWatts, input.pue);
  const perInstanceRps = batch.activeCapacityRps / batch.activeInstances;
  // Joules per request at the running load: one instance's facility power over the requests it serves (hits at no cost).
  const energyPerInferenceJ = perInstanceRps > 0 ? facilityWatts / perInstanceRps : Number.POSITIVE_INFINITY;
  const operationalGrams = operationalGramsCo2e(energyPerInferenceJ, gridIntensityGCo2ePerKwh);
  const instanceHoursPerDay = batch.activeInstances * batch.billedHoursPerDay;
  const embodiedGramsPerHour = embodiedGramsPerInstanceHour(input);
  const volume = batch.inferencesPerDay;
  const embodiedGrams = volume > 0 ? (instanceHoursPerDay * embodiedGramsPerHour) / volume : Number.POSITIVE_INFINITY;
  const sciGrams = softwareCarbonIntensity({ energyKwh: energyPerInferenceJ / joulesPerKilowattHour, gridIntensityGCo2ePerKwh, embodiedGramsCo2e: embodiedGrams, functionalUnits: 1 });
  return {
    operation,
    facilityWatts,
    energyPerInferenceJ,
    operationalGrams,
    embodiedGrams,
    sciGrams,
    monthlyCostUsd: instanceHoursPerDay * daysPerMonth * input.usdPerHour,
    monthlyOperationalKg: (operationalGrams * volume * daysPerMonth) / gramsPerKilogram,
    monthlyEmbodiedKg: (instanceHoursPerDay * daysPerMonth * embodiedGramsPerHour) / gramsPerKilogram,
  };
}

/** One instance-hour's share of the host's manufacturing emissions (CCF: total × hours / lifespan). */
function embodiedGramsPerInstanceHour(input: CandidateEstimateInput): number {
  return embodiedGramsCo2e({ totalEmbodiedKgCo2e: input.instance.embodied.kgCo2e.value, hoursReserved: 1, lifespanHours: input.instance.embodied.lifespanHours.value });
}
