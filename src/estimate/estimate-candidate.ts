// One region × instance type × precision × batch size: fleet, latency, power, energy, carbon and cost. The fleet
// (./fleet-operation.ts) does not depend on the region; the region's PUE, grid intensity and price are applied
// to it afterwards (./regional-evaluation.ts).
import type { GridIntensity } from "../domain/catalog.ts";
import type { CandidateEstimate, CandidateEstimateInput } from "./contract.ts";
import { fleetAssumptions, operateFleet, type FleetOperations } from "./fleet-operation.ts";
import { gridIntensityOn } from "./grid-intensity.ts";
import { evaluateInRegion, rangeOver, type RegionalEstimate } from "./regional-evaluation.ts";
import { hoursPerMonth, joulesPerKilowattHour, secondsPerHour } from "./units.ts";

export function estimateCandidate(input: CandidateEstimateInput): CandidateEstimate {
  const intensityAssumptions: string[] = [];
  const gridIntensity = gridIntensityOn(input.region, input.intensityBasis, intensityAssumptions);
  const fleet = operateFleet(input);
  const regional = evaluateInRegion(fleet, { pue: input.pue, usdPerHour: input.usdPerHour, gridIntensityGCo2ePerKwh: gridIntensity.value });
  return estimateFrom(fleet, regional, gridIntensity, intensityAssumptions);
}

/** The full estimate from its two halves; `intensityAssumptions` says how the region's grid figure was found. */
export function estimateFrom(fleet: FleetOperations, regional: RegionalEstimate, gridIntensity: GridIntensity, intensityAssumptions: string[]): CandidateEstimate {
  const { input } = fleet;
  const { central } = regional;
  const { operation } = central;
  const requestsPerMonth = input.traffic.meanRps * secondsPerHour * hoursPerMonth;
  return {
    instances: operation.instances,
    latencyP95Ms: operation.latencyP95Ms,
    latencyP95RangeMs: rangeOver(regional, (evaluation) => evaluation.operation.latencyP95Ms),
    latencyBreakdownMs: {
      batchFill: operation.latency.batchFillMs,
      queueing: operation.latency.queueingP95Ms,
      service: operation.latency.serviceP95Ms,
      network: input.networkRoundTripMs,
    },
    throughputPerInstanceRps: input.projection.capacityPerInstanceRps,
    utilization: operation.utilization,
    powerWattsPerInstance: operation.itWatts,
    facilityPowerWattsPerInstance: central.facilityWatts,
    energyPerInferenceJ: central.energyPerInferenceJ,
    energyPerInferenceRangeJ: rangeOver(regional, (evaluation) => evaluation.energyPerInferenceJ),
    gridIntensity,
    gridIntensityGCo2ePerKwh: gridIntensity.value,
    gCo2ePerInference: central.operationalGrams,
    embodiedGCo2ePerInference: central.embodiedGrams,
    sciGCo2ePerInference: central.sciGrams,
    sciRangeGCo2ePerInference: rangeOver(regional, (evaluation) => evaluation.sciGrams),
    costPerMillionInferencesUsd: requestsPerMonth > 0 ? (central.monthlyCostUsd / requestsPerMonth) * 1e6 : Number.POSITIVE_INFINITY,
    monthlyCostUsd: central.monthlyCostUsd,
    monthlyKgCo2e: central.monthlyKgCo2e,
    monthlyKgCo2eRange: rangeOver(regional, (evaluation) => evaluation.monthlyKgCo2e),
    monthlyOperationalKgCo2e: central.monthlyOperationalKg,
    monthlyEmbodiedKgCo2e: central.monthlyEmbodiedKg,
    monthlyKgCo2eParts: [regional.central, regional.slow, regional.fast].map((evaluation) => ({ operationalKg: evaluation.monthlyOperationalKg, embodiedKg: evaluation.monthlyEmbodiedKg })),
    monthlyEnergyKwh: (central.energyPerInferenceJ * requestsPerMonth) / joulesPerKilowattHour,
    perfPerWatt: 1 / central.energyPerInferenceJ,
    ...(operation.batch ? { batch: operation.batch } : {}),
    assumptions: [...intensityAssumptions, ...fleetAssumptions(fleet)],
  };
}
