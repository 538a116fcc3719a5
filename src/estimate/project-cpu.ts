// Projects a CPU profile onto a CPU instance type: for each thread count per replica, the measured batch curve on a
// calibrated roofline (./cpu-roofline.ts), INT8 from the type's integer throughput (./project-cpu-int8.ts); the
// fastest wins.
import type { InstanceType } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { PerformanceProjection, ProjectionResult } from "./contract.ts";
import { projectOnRoofline, type ThreadOption, type ThreadProjectionRequest } from "./cpu-roofline.ts";
import { cpuCells, hostRoofForThreads, measuredThreadCounts, profileLabel } from "./evidence.ts";
import { projectInt8AtThreads } from "./project-cpu-int8.ts";
import { modelMemoryGbPerReplica, replicasThatFit } from "./model-memory.ts";
import { arithmeticIntensityAtBatch, rooflineTimeMs, weightBytesAtPrecision } from "./roofline.ts";
import { roundSignificant } from "./significant-figures.ts";

/** A projection from one profile, or null when the profile has no CPU cell at this precision. */
export function projectCpuFromProfile(
  profile: ModelProfile,
  instance: InstanceType,
  precision: Precision,
  batchSize: number,
  forcedThreads?: number,
): ProjectionResult | null {
  const cells = cpuCells(profile, precision);
  if (cells.length === 0) return null;
  const flopsPerInference = profile.model.cost.flopsPerInference;
  if (!(flopsPerInference > 0)) return { ok: false, reason: `${profileLabel(profile)} has no FLOP count to project with` };

  const modelMemoryGb = modelMemoryGbPerReplica(profile, precision, batchSize);
  const memoryReplicas = replicasThatFit(instance.memoryGb, modelMemoryGb);
  if (memoryReplicas < 1) {
    return {
      ok: false,
      reason: `model needs ${roundSignificant(modelMemoryGb)} GB per replica at batch ${batchSize} (${precision}); ${instance.instanceType} has ${instance.memoryGb} GB`,
    };
  }

  const threadCounts = measuredThreadCounts(cells);
  const projections = threadOptions(threadCounts, instance.vcpus, forcedThreads).map((option) => projectAtThreads({ profile, instance, precision, batchSize, option, memoryReplicas, modelMemoryGb }));
  const best = projections.reduce((chosen, candidate) =>
    candidate.capacityPerInstanceRps > chosen.capacityPerInstanceRps * (1 + 1e-9) ||
    (Math.abs(candidate.capacityPerInstanceRps - chosen.capacityPerInstanceRps) <= chosen.capacityPerInstanceRps * 1e-9 && candidate.threadsPerReplica > chosen.threadsPerReplica)
      ? candidate
      : chosen,
  );
  if (projections.length > 1) {
    best.assumptions.push(
      () => `thread count ${best.threadsPerReplica} chosen among measured ${threadCounts.join(", ")} for the most inferences per second per instance`,
    );
  }
  return { ok: true, projection: best };
}

/**
 * Every measured thread count that fits the instance (or all its vCPUs on the smallest measured count's
 * efficiency); a forced count carries the nearest measured count at or below it.
 */
function threadOptions(threadCounts: readonly number[], vcpus: number, forcedThreads: number | undefined): ThreadOption[] {
  if (forcedThreads !== undefined) {
    const threads = Math.min(forcedThreads, vcpus);
    const measuredThreads = [...threadCounts].reverse().find((count) => count <= threads) ?? threadCounts[0];
    return [{ measuredThreads, threads }];
  }
  const fitting = threadCounts.filter((threads) => threads <= vcpus);
  return fitting.length > 0 ? fitting.map((threads) => ({ measuredThreads: threads, threads })) : [{ measuredThreads: threadCounts[0], threads: vcpus }];
}

/** FP32 on its calibrated roofline; INT8 from the type's integer throughput (./project-cpu-int8.ts). */
function projectAtThreads(request: ThreadProjectionRequest): PerformanceProjection {
  return request.precision === "int8" ? projectInt8AtThreads(request) : projectOnRoofline(request);
}
