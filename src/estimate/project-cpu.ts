// Projects a CPU profile onto a CPU instance type: for each thread count per replica, the measured batch curve on a
// calibrated roofline (./cpu-roofline.ts), INT8 through the host's measured INT8/FP32 ratio; the fastest wins.
import type { InstanceType } from "../domain/catalog.ts";
import type { Measurement, ModelProfile, Precision } from "../domain/profile.ts";
import { fitBatchCurve } from "./batch-curve.ts";
import type { PerformanceProjection, ProjectionResult } from "./contract.ts";
import { projectOnRoofline, type ThreadOption, type ThreadProjectionRequest } from "./cpu-roofline.ts";
import { cellP95Ratio, cpuCells, hostRoofForThreads, measuredThreadCounts, median, profileLabel } from "./evidence.ts";
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
      `thread count ${best.threadsPerReplica} chosen among measured ${threadCounts.join(", ")} for the most inferences per second per instance`,
    );
  }
  return { ok: true, projection: best };
}

/**
 * Every measured thread count that fits the instance (or all its vCPUs on the smallest measured count's
 * efficiency); a forced count carries the nearest measured count at or below it.
 */
function threadOptions(threadCounts: number[], vcpus: number, forcedThreads: number | undefined): ThreadOption[] {
  if (forcedThreads !== undefined) {
    const threads = Math.min(forcedThreads, vcpus);
    const measuredThreads = [...threadCounts].reverse().find((count) => count <= threads) ?? threadCounts[0];
    return [{ measuredThreads, threads }];
  }
  const fitting = threadCounts.filter((threads) => threads <= vcpus);
  return fitting.length > 0 ? fitting.map((threads) => ({ measuredThreads: threads, threads })) : [{ measuredThreads: threadCounts[0], threads: vcpus }];
}

/**
 * INT8 where FP32 was measured at the same thread count: the FP32 projection × the measured INT8/FP32 ratio.
 * Everything else (FP32, or INT8 alone): the precision's own calibrated roofline.
 */
function projectAtThreads(request: ThreadProjectionRequest): PerformanceProjection {
  const pairs = request.precision === "int8" ? measuredPrecisionPair(request.profile, request.option.measuredThreads) : null;
  if (pairs === null) return projectOnRoofline(request);
  return scaleByMeasuredInt8Ratio(projectOnRoofline({ ...request, precision: "fp32" }), pairs.int8Cells, pairs.fp32Cells, request.batchSize);
}

/** The INT8 and FP32 cells measured at one thread count, when FP32 was measured there. */
function measuredPrecisionPair(profile: ModelProfile, threads: number): { int8Cells: Measurement[]; fp32Cells: Measurement[] } | null {
  const atThreads = (cells: Measurement[]) => cells.filter((cell) => cell.intraOpThreads === threads);
  const fp32Cells = atThreads(cpuCells(profile, "fp32"));
  return fp32Cells.length === 0 ? null : { int8Cells: atThreads(cpuCells(profile, "int8")), fp32Cells };
}

/**
 * INT8 as the FP32 projection × the INT8/FP32 time ratio measured on the host. A dynamically quantized graph mixes
 * INT8 MatMuls with FP32 convolutions, quantize/dequantize steps and the rest, so its speed follows what the host
 * measured, not the INT8 peak (which on AMX parts is 32 × the FP32 one).
 */
function scaleByMeasuredInt8Ratio(fp32: PerformanceProjection, int8Cells: Measurement[], fp32Cells: Measurement[], batchSize: number): PerformanceProjection {
  const pairs = int8Cells
    .map((cell) => ({ cell, fp32: fp32Cells.find((other) => other.batchSize === cell.batchSize) }))
    .filter((pair): pair is { cell: Measurement; fp32: Measurement } => pair.fp32 !== undefined)
    .map((pair) => ({ batchSize: pair.cell.batchSize, ratio: pair.cell.latencyMs.p50 / pair.fp32.latencyMs.p50, confidence: Math.hypot(pair.cell.medianRelativeCi95, pair.fp32.medianRelativeCi95), p95Ratio: cellP95Ratio(pair.cell) }));
  if (pairs.length === 0) {
    // No batch measured at both precisions on this thread count: compare the two curves' per-item times instead.
    const perItem = (cells: Measurement[]) => median(cells.map((cell) => cell.latencyMs.p50 / cell.batchSize));
    pairs.push({ batchSize, ratio: perItem(int8Cells) / perItem(fp32Cells), confidence: Math.max(...int8Cells.map((cell) => cell.medianRelativeCi95)), p95Ratio: median(int8Cells.map(cellP95Ratio)) });
  }
  const exact = pairs.find((pair) => pair.batchSize === batchSize);
  const chosen = exact ?? { ratio: median(pairs.map((pair) => pair.ratio)), confidence: Math.max(...pairs.map((pair) => pair.confidence)), p95Ratio: median(pairs.map((pair) => pair.p95Ratio)) };
  const lowRatio = Math.min(chosen.ratio, ...pairs.map((pair) => pair.ratio)) * (1 - Math.min(0.9, chosen.confidence));
  const highRatio = Math.max(chosen.ratio, ...pairs.map((pair) => pair.ratio)) * (1 + chosen.confidence);
  const serviceTimeMs = fp32.serviceTimeMs * chosen.ratio;
  const lowMs = fp32.serviceTimeRangeMs.low * lowRatio;
  const highMs = fp32.serviceTimeRangeMs.high * highRatio;
  const toCapacity = (timeMs: number) => (fp32.replicas * batchSize * 1000) / timeMs;
  return {
    ...fp32,
    source: `${fp32.source}; INT8 scaled by the host's measured INT8/FP32 time ratio`,
    serviceTimeMs,
    serviceTimeRangeMs: { low: lowMs, high: highMs },
    serviceTimeP95Ms: serviceTimeMs * chosen.p95Ratio,
    capacityPerInstanceRps: toCapacity(serviceTimeMs),
    capacityRangeRps: { low: toCapacity(highMs), high: toCapacity(lowMs) },
    efficiency: fp32.efficiency === undefined ? undefined : fp32.efficiency / chosen.ratio,
    assumptions: [
      ...fp32.assumptions,
      `INT8 = the FP32 projection × the INT8/FP32 time ratio measured on the host at ` +
        `${exact ? `batch ${batchSize}` : "the median batch"}: ×${roundSignificant(chosen.ratio)} (${roundSignificant(Math.min(...pairs.map((pair) => pair.ratio)))}–${roundSignificant(Math.max(...pairs.map((pair) => pair.ratio)))} across batches); ` +
        "a dynamically quantized graph follows the measured ratio, not the INT8 peak",
    ],
  };
}

/** The per-call overhead a CPU profile shows, for projections that have no curve of their own (accelerators). */
export function cpuCallOverheadMs(profile: ModelProfile, precision: Precision): number | null {
  const cells = cpuCells(profile, precision);
  if (cells.length === 0) return null;
  const threads = measuredThreadCounts(cells).at(-1)!;
  const atThreads = cells.filter((cell) => cell.intraOpThreads === threads);
  const weightBytes = weightBytesAtPrecision(profile, precision);
  const roof = hostRoofForThreads(profile.host, precision, threads);
  const fit = fitBatchCurve(
    atThreads.map((cell) => ({
      rooflineTimeMs: rooflineTimeMs(profile.model.cost.flopsPerInference, cell.batchSize, roof, arithmeticIntensityAtBatch(profile.model.cost, weightBytes, cell.batchSize)),
      latencyMs: cell.latencyMs.p50,
    })),
  );
  return fit.overheadMs;
}
