// How fast one instance of a type serves the model at a precision and batch size, with the evidence it rests on.
import type { ModelProfile } from "../domain/profile.ts";
import type { PerformanceProjection, ProjectionInput, ProjectionResult } from "./contract.ts";
import { cpuCells, hasPrecision, normalizeArchitecture } from "./evidence.ts";
import { projectOntoAccelerator } from "./project-accelerator.ts";
import { projectCpuFromProfile } from "./project-cpu.ts";
import { projectMeasuredDevice } from "./project-measured-device.ts";

export function projectPerformance(input: ProjectionInput): ProjectionResult {
  const { profiles, instance, precision, batchSize } = input;
  if (!Number.isInteger(batchSize) || batchSize < 1) return { ok: false, reason: `batch size must be a whole number ≥ 1, got ${batchSize}` };
  // An FP16 engine is built from the FP32 model (TensorRT), so FP16 stands on the FP32 measurement.
  const measuredPrecision = precision === "fp16" ? "fp32" : precision;
  if (!hasPrecision(profiles, measuredPrecision)) {
    return { ok: false, reason: `no ${measuredPrecision} measurement in any profile (bench the model at ${measuredPrecision} too)` };
  }

  if (instance.accelerator !== null) {
    for (const profile of profiles.filter((candidate) => candidate.host.instanceType === instance.instanceType)) {
      const measured = projectMeasuredDevice(profile, instance, precision, batchSize);
      if (measured !== null) return measured;
    }
    const profile =
      profiles.find((candidate) => cpuCells(candidate, measuredPrecision).length > 0) ?? profiles.find((candidate) => hasPrecision([candidate], measuredPrecision))!;
    return projectOntoAccelerator({ profile, instance, accelerator: input.accelerator, priors: input.priors, precision, batchSize });
  }
  if (precision === "fp16") {
    return { ok: false, reason: `${instance.instanceType} is a CPU type: onnxruntime's CPU provider computes FP16 matrix products in FP32, so FP16 is served on GPUs only` };
  }

  const measuredHere = profiles.filter((profile) => profile.host.instanceType === instance.instanceType);
  for (const profile of measuredHere) {
    const result = projectCpuFromProfile(profile, instance, precision, batchSize, input.threadsPerReplica);
    if (result !== null) return result;
  }

  const results = profiles
    .map((profile) => ({ profile, result: projectCpuFromProfile(profile, instance, precision, batchSize, input.threadsPerReplica) }))
    .filter((entry): entry is { profile: ModelProfile; result: ProjectionResult } => entry.result !== null);
  const failure = results.find((entry) => !entry.result.ok);
  if (failure) return failure.result;
  if (results.length === 0) return { ok: false, reason: `no CPU measurement at ${precision} in any profile to project onto ${instance.instanceType}` };

  const projections = results.map((entry) => ({ profile: entry.profile, projection: (entry.result as { ok: true; projection: PerformanceProjection }).projection }));
  const primary =
    projections.find((entry) => normalizeArchitecture(entry.profile.host.architecture) === instance.architecture) ?? projections[0];
  if (projections.length === 1) return { ok: true, projection: primary.projection };
  return { ok: true, projection: widenAcrossProfiles(primary.projection, projections.map((entry) => entry.projection)) };
}

/**
 * Several profiles (hosts) are several pieces of evidence: the primary one (same architecture as the target)
 * gives the figure, all of them together give the range.
 */
function widenAcrossProfiles(primary: PerformanceProjection, all: PerformanceProjection[]): PerformanceProjection {
  const capacityLow = Math.min(...all.map((projection) => projection.capacityRangeRps.low));
  const capacityHigh = Math.max(...all.map((projection) => projection.capacityRangeRps.high));
  const capacity = primary.capacityPerInstanceRps;
  return {
    ...primary,
    capacityRangeRps: { low: capacityLow, high: capacityHigh },
    // At a fixed number of replicas, service time is inversely proportional to capacity.
    serviceTimeRangeMs: { low: (primary.serviceTimeMs * capacity) / capacityHigh, high: (primary.serviceTimeMs * capacity) / capacityLow },
    source: `${primary.source}; range across ${all.length} profiles`,
    assumptions: [...primary.assumptions, () => `range spans the projections from ${all.length} profiles`],
  };
}
