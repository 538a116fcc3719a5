import type { CandidateArtifact } from "../domain/artifact.ts";
import type { Candidate } from "../domain/plan.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import { roundSignificant } from "../estimate/significant-figures.ts";
import type { EvaluatedCandidate } from "./candidates.ts";
import { deployabilityOf } from "./deployability.ts";
import type { EndEstimates } from "./evaluation-session.ts";

/** Figures in the plan are rounded to 6 significant digits: enough for any report, and stable across platforms. */
export const roundFigure = (value: number): number => roundSignificant(value, 6);

const roundRange = (range: { low: number; high: number }) => ({ low: roundFigure(range.low), high: roundFigure(range.high) });

/** The Plan JSON record of one evaluated candidate. */
export function candidateRecord(
  candidate: EvaluatedCandidate,
  spec: WorkloadSpec,
  ends: EndEstimates,
  rank: number | null,
  score: number | null,
  flopsPerInference: number,
  artifact: CandidateArtifact | null,
): Candidate {
  const { estimate, projection, instance, region } = candidate;
  const intensity = estimate.gridIntensity;
  const throughputScale = estimate.throughputPerInstanceRps / (projection.capacityPerInstanceRps || 1);
  return {
    key: candidate.key,
    rank,
    provider: instance.provider,
    region: region.code,
    regionName: region.name,
    country: region.country,
    latitude: region.latitude,
    longitude: region.longitude,
    instanceType: instance.instanceType,
    vcpus: instance.vcpus,
    memoryGb: instance.memoryGb,
    architecture: instance.architecture,
    accelerator: instance.accelerator,
    precision: candidate.precision,
    batchSize: candidate.batchSize,
    replicas: Math.max(1, Math.round(projection.replicas)),
    threadsPerReplica: Math.max(1, Math.round(projection.threadsPerReplica)),
    instances: estimate.instances,
    latencyP95Ms: roundFigure(estimate.latencyP95Ms),
    serviceTimeMs: roundFigure(projection.serviceTimeMs),
    networkRoundTripMs: roundFigure(candidate.networkRoundTripMs),
    throughputPerInstanceRps: roundFigure(estimate.throughputPerInstanceRps),
    utilization: roundFigure(estimate.utilization),
    powerWattsPerInstance: roundFigure(estimate.powerWattsPerInstance),
    energyPerInferenceJ: roundFigure(estimate.energyPerInferenceJ),
    gridIntensityGCo2ePerKwh: roundFigure(estimate.gridIntensityGCo2ePerKwh),
    gridIntensity: { basis: intensity.basis, year: intensity.year, zone: intensity.zone, source: intensity.source },
    pue: roundFigure(candidate.pue),
    gCo2ePerInference: roundFigure(estimate.gCo2ePerInference),
    embodiedGCo2ePerInference: roundFigure(estimate.embodiedGCo2ePerInference),
    sciGCo2ePerInference: roundFigure(estimate.sciGCo2ePerInference),
    costPerMillionInferencesUsd: roundFigure(estimate.costPerMillionInferencesUsd),
    pricing: spec.options.pricing,
    usdPerHour: roundFigure(candidate.usdPerHour),
    monthlyCostUsd: roundFigure(estimate.monthlyCostUsd),
    monthlyKgCo2e: roundFigure(estimate.monthlyKgCo2e),
    perfPerWatt: roundFigure(estimate.perfPerWatt),
    flopsPerInference: roundFigure(flopsPerInference),
    score: score === null ? null : roundFigure(score),
    estimate: {
      method: projection.method,
      source: projection.source,
      ranges: {
        latencyP95Ms: roundRange(span(estimate.latencyP95RangeMs.low, estimate.latencyP95RangeMs.high, ends.low.latencyP95Ms, ends.high.latencyP95Ms)),
        throughputPerInstanceRps: roundRange(
          span(projection.capacityRangeRps.low * throughputScale, projection.capacityRangeRps.high * throughputScale),
        ),
        energyPerInferenceJ: roundRange(span(estimate.energyPerInferenceRangeJ.low, estimate.energyPerInferenceRangeJ.high)),
        sciGCo2ePerInference: roundRange(span(estimate.sciRangeGCo2ePerInference.low, estimate.sciRangeGCo2ePerInference.high)),
        monthlyKgCo2e: roundRange(span(estimate.monthlyKgCo2eRange.low, estimate.monthlyKgCo2eRange.high, ends.low.monthlyKgCo2e, ends.high.monthlyKgCo2e)),
        monthlyCostUsd: roundRange(span(estimate.monthlyCostUsd, ends.low.monthlyCostUsd, ends.high.monthlyCostUsd)),
      },
    },
    deployable: deployabilityOf(instance),
    ...(candidate.offer.zones ? { zones: [...candidate.offer.zones] } : {}),
    artifact,
  };
}

function span(...values: number[]): { low: number; high: number } {
  return { low: Math.min(...values), high: Math.max(...values) };
}
