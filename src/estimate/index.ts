// src/estimate: pure per-candidate arithmetic (projection, sizing, latency, power, energy, carbon, cost).
export type * from "./contract.ts";
export { noteTexts, type Note } from "./notes.ts";
export { projectPerformance } from "./project-performance.ts";
export { estimateCandidate, estimateFrom } from "./estimate-candidate.ts";
export { operateFleet, operatesAlike, type FleetOperation, type FleetOperationInput, type FleetOperations } from "./fleet-operation.ts";
export { evaluateInRegion, rangeOver, scoreInRegion, type Evaluation, type RegionalEstimate, type RegionalFactors, type RegionalScore } from "./regional-evaluation.ts";
export { gridIntensityOn } from "./grid-intensity.ts";
export { sizeFleet, instancesFor, type SizingInput } from "./sizing.ts";
export { latencyP95Ms, type LatencyBreakdown, type LatencyInput } from "./latency.ts";
export { erlangC, waitingTimeQuantileMs, queueUtilization, type QueueInput } from "./queueing.ts";
export {
  countryCentroid,
  greatCircleDistanceKm,
  networkModel,
  networkRoundTripMs,
  usersRoundTripP95Ms,
  fibreSpeedKmPerSecond,
  routeInflationFactor,
  type Coordinates,
  type UserShare,
} from "./network.ts";
export { instancePowerWatts, facilityPowerWatts, type PowerBreakdown, type PowerInput } from "./power.ts";
export { operationalGramsCo2e, embodiedGramsCo2e, softwareCarbonIntensity, type EmbodiedShareInput, type SciInput } from "./carbon.ts";
export { chooseBatchSize, infeasibleSloReason, measuredBatchSizes, type BatchOption, type BatchChoiceLimits } from "./batch-selection.ts";
export { attainableGflops, arithmeticIntensityAtBatch, isMemoryBound, ridgePointFlopsPerByte, type Roof } from "./roofline.ts";
export { fitBatchCurve, type BatchCurveFit, type CurvePoint } from "./batch-curve.ts";
export { hoursPerMonth, joulesPerKilowattHour } from "./units.ts";
