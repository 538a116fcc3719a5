// Projects a CPU profile onto a CPU instance type: the measured batch curve, calibrated against the host's roof,
// re-evaluated under the instance's roof, with the instance's vCPUs split into replicas.
import type { InstanceType } from "../domain/catalog.ts";
import type { Measurement, ModelProfile, Precision } from "../domain/profile.ts";
import { fitBatchCurve, latencyFromCurve, type BatchCurveFit } from "./batch-curve.ts";
import type { PerformanceProjection, ProjectionResult } from "./contract.ts";
import { cpuCells, hostRoofForThreads, instanceRoofForThreads, measuredThreadCounts, normalizeArchitecture, profileLabel } from "./evidence.ts";
import { roundSignificant } from "./significant-figures.ts";
import { modelMemoryGbPerReplica, replicasThatFit } from "./model-memory.ts";
import { arithmeticIntensityAtBatch, attainableGflops, isMemoryBound, ridgePointFlopsPerByte, rooflineTimeMs, weightBytesAtPrecision, type Roof } from "./roofline.ts";

/**
 * How far a roofline projection may miss beyond what the measurement shows (relative, either way). Assumptions:
 * the same ISA on another CPU model differs in caches and memory system; another ISA also runs different
 * onnxruntime kernels (MLAS has separate AVX-512 and NEON paths).
 */
export const projectionSpreadSameArchitecture = 0.15;
export const projectionSpreadCrossArchitecture = 0.3;
/** ASSUMPTION: carrying one thread count's efficiency to another misses by up to this much (measured here: −8 to +3 %). */
export const projectionSpreadThreadExtrapolation = 0.1;

interface ThreadOption {
  measuredThreads: number;
  threads: number;
}

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
  const fitting = threadCounts.filter((threads) => threads <= instance.vcpus);
  let options: ThreadOption[] =
    fitting.length > 0
      ? fitting.map((threads) => ({ measuredThreads: threads, threads }))
      : [{ measuredThreads: threadCounts[0], threads: instance.vcpus }];
  if (forcedThreads !== undefined) {
    const threads = Math.min(forcedThreads, instance.vcpus);
    // The nearest measured thread count at or below the one asked for carries its efficiency over.
    const measuredThreads = [...threadCounts].reverse().find((count) => count <= threads) ?? threadCounts[0];
    options = [{ measuredThreads, threads }];
  }

  const projections = options.map((option) => projectAtThreads(profile, cells, instance, precision, batchSize, option, memoryReplicas, modelMemoryGb));
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

function projectAtThreads(
  profile: ModelProfile,
  allCells: Measurement[],
  instance: InstanceType,
  precision: Precision,
  batchSize: number,
  option: ThreadOption,
  memoryReplicas: number,
  modelMemoryGb: number,
): PerformanceProjection {
  if (precision === "int8") {
    const fp32Cells = cpuCells(profile, "fp32");
    if (fp32Cells.some((cell) => cell.intraOpThreads === option.measuredThreads)) {
      const int8Cells = allCells.filter((cell) => cell.intraOpThreads === option.measuredThreads);
      const fp32 = projectAtThreads(profile, fp32Cells, instance, "fp32", batchSize, option, memoryReplicas, modelMemoryGb);
      return scaleByMeasuredInt8Ratio(fp32, int8Cells, fp32Cells.filter((cell) => cell.intraOpThreads === option.measuredThreads), batchSize);
    }
  }
  const { host, model } = profile;
  const flopsPerInference = model.cost.flopsPerInference;
  const weightBytes = weightBytesAtPrecision(profile, precision);
  const intensityAt = (batch: number) => arithmeticIntensityAtBatch(model.cost, weightBytes, batch);
  const sameType = host.instanceType !== null && host.instanceType === instance.instanceType;
  const assumptions: string[] = [];

  const cells = allCells.filter((cell) => cell.intraOpThreads === option.measuredThreads);
  const measuredHostRoof = hostRoofForThreads(host, precision, option.measuredThreads);
  const fitOn = (roof: Roof) =>
    fitBatchCurve(cells.map((cell) => ({ rooflineTimeMs: rooflineTimeMs(flopsPerInference, cell.batchSize, roof, intensityAt(cell.batchSize)), latencyMs: cell.latencyMs.p50 })));
  let fit = fitOn(measuredHostRoof);
  // A model that runs faster than the host's memory roof allows is not waiting on DRAM: its activations stay in
  // cache, so counting every activation byte as memory traffic was wrong. Calibrate and project on compute alone.
  const beatsMemoryRoof = fit.efficiency > 1 && cells.some((cell) => isMemoryBound(measuredHostRoof, intensityAt(cell.batchSize)));
  const roofOf = (roof: Roof): Roof => (beatsMemoryRoof ? { peakGflops: roof.peakGflops, memoryBandwidthGbPerSecond: Number.POSITIVE_INFINITY } : roof);
  if (beatsMemoryRoof) {
    fit = fitOn(roofOf(measuredHostRoof));
    assumptions.push("the measurement beats the host's memory roof (activations stay in cache): projected on compute peaks alone");
  }
  const exactCell = cells.find((cell) => cell.batchSize === batchSize);

  // On the measured type itself the host's calibrated roof is the instance's; elsewhere the catalog's.
  const targetSource = sameType
    ? { roof: hostRoofForThreads(host, precision, option.threads), bandwidthAssumption: null }
    : instanceRoofForThreads(instance, precision, option.threads, host);
  const target = { roof: roofOf(targetSource.roof) };
  if (targetSource.bandwidthAssumption && !beatsMemoryRoof) assumptions.push(targetSource.bandwidthAssumption);
  const targetRoofTimeMs = rooflineTimeMs(flopsPerInference, batchSize, target.roof, intensityAt(batchSize));

  const useExactCell = sameType && exactCell !== undefined && option.threads === option.measuredThreads;
  let serviceTimeMs = useExactCell ? exactCell.latencyMs.p50 : latencyFromCurve(fit, targetRoofTimeMs);
  const efficiencies = fit.pointEfficiencies;
  let lowMs = useExactCell ? serviceTimeMs : Math.min(serviceTimeMs, fit.overheadMs + targetRoofTimeMs / Math.max(...efficiencies));
  let highMs = useExactCell ? serviceTimeMs : Math.max(serviceTimeMs, fit.overheadMs + targetRoofTimeMs / Math.min(...efficiencies));

  const confidence = exactCell?.medianRelativeCi95 ?? Math.max(...cells.map((cell) => cell.medianRelativeCi95));
  const residual = useExactCell ? 0 : fit.worstRelativeResidual;
  const spread = sameType ? 0 : architectureSpread(profile, instance);
  if (spread > 0) {
    assumptions.push(
      `projection spread ±${spread * 100} % beyond the measurement's own (assumed: ${normalizeArchitecture(host.architecture)} host → ${instance.architecture} ${instance.cpu.microarchitecture})`,
    );
  }
  const threadSpread = option.threads === option.measuredThreads ? 0 : projectionSpreadThreadExtrapolation;
  const relativeUncertainty = Math.min(0.9, Math.hypot(confidence, residual, spread, threadSpread));
  lowMs *= 1 - relativeUncertainty;
  highMs *= 1 + relativeUncertainty;

  const coreReplicas = Math.max(1, Math.floor(instance.vcpus / option.threads));
  const replicas = Math.min(coreReplicas, memoryReplicas);
  assumptions.push(
    `${replicas} model replica${replicas === 1 ? "" : "s"} × ${option.threads} thread${option.threads === 1 ? "" : "s"} on ${instance.vcpus} vCPUs ` +
      `(floor(${instance.vcpus} / ${option.threads})${replicas < coreReplicas ? `, limited to ${replicas} by memory: ${roundSignificant(modelMemoryGb)} GB each` : ""})`,
  );
  if (option.threads !== option.measuredThreads) {
    assumptions.push(`${option.threads} threads per replica not measured: the ${option.measuredThreads}-thread efficiency applied to ${option.threads} threads`);
  }
  describeOverhead(fit, cells, assumptions);

  // With every vCPU busy, replicas share the instance's roof: a lone thread that beat its per-core share on the
  // measuring host (an idle SMT sibling, turbo) cannot keep that lead on a full instance.
  const fullRoof: Roof = roofOf(sameType ? hostRoofForThreads(host, precision, host.logicalCores) : instanceRoofForThreads(instance, precision, instance.vcpus, host).roof);
  const intensity = intensityAt(batchSize);
  // A catalog peak is the datasheet's hard limit; a calibrated one is only what a MatMul reached, which the model
  // itself may beat: then the model's own efficiency is the limit on that host.
  const roofEfficiencyLimit = sameType ? Math.max(1, fit.efficiency) : 1;
  const loadedFloorMs = fit.overheadMs + (replicas * batchSize * flopsPerInference) / (roofEfficiencyLimit * attainableGflops(fullRoof, intensity) * 1e6);
  if (serviceTimeMs < loadedFloorMs) {
    assumptions.push(
      `service time raised from ${roundSignificant(serviceTimeMs)} to ${roundSignificant(loadedFloorMs)} ms: ${replicas} replicas together cannot exceed the instance's roof of ${roundSignificant(roofEfficiencyLimit * attainableGflops(fullRoof, intensity))} GFLOPS`,
    );
    serviceTimeMs = loadedFloorMs;
  }
  lowMs = Math.max(lowMs, loadedFloorMs * (1 - relativeUncertainty));
  highMs = Math.max(highMs, loadedFloorMs * (1 + relativeUncertainty));

  const memoryBound = isMemoryBound(target.roof, intensity);
  assumptions.push(
    `${memoryBound ? "memory-bound" : "compute-bound"} at batch ${batchSize}: ${roundSignificant(intensity)} FLOP/byte vs the ridge at ${roundSignificant(ridgePointFlopsPerByte(target.roof))}`,
  );

  const p95Ratio = exactCell ? ratio(exactCell) : median(cells.map(ratio));
  const toCapacity = (timeMs: number) => (replicas * batchSize * 1000) / timeMs;
  return {
    method: sameType ? "measured" : "roofline",
    source: sameType
      ? `${profileLabel(profile)}${useExactCell ? "" : " (interpolated along its batch curve)"}`
      : `${profileLabel(profile)}, calibrated roofline onto ${instance.instanceType} peaks (${instance.peak.cpuFp32Gflops.source})`,
    serviceTimeMs,
    serviceTimeRangeMs: { low: lowMs, high: highMs },
    serviceTimeP95Ms: serviceTimeMs * p95Ratio,
    replicas,
    threadsPerReplica: option.threads,
    capacityPerInstanceRps: toCapacity(serviceTimeMs),
    capacityRangeRps: { low: toCapacity(highMs), high: toCapacity(lowMs) },
    modelMemoryGb,
    memoryBound,
    arithmeticIntensityFlopsPerByte: intensity,
    efficiency: fit.efficiency,
    overheadMs: fit.overheadMs,
    batchSize,
    assumptions,
  };
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
    .map((pair) => ({ batchSize: pair.cell.batchSize, ratio: pair.cell.latencyMs.p50 / pair.fp32.latencyMs.p50, confidence: Math.hypot(pair.cell.medianRelativeCi95, pair.fp32.medianRelativeCi95), p95Ratio: ratio(pair.cell) }));
  if (pairs.length === 0) {
    // No batch measured at both precisions on this thread count: compare the two curves' per-item times instead.
    const perItem = (cells: Measurement[]) => median(cells.map((cell) => cell.latencyMs.p50 / cell.batchSize));
    pairs.push({ batchSize, ratio: perItem(int8Cells) / perItem(fp32Cells), confidence: Math.max(...int8Cells.map((cell) => cell.medianRelativeCi95)), p95Ratio: median(int8Cells.map(ratio)) });
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

function architectureSpread(profile: ModelProfile, instance: InstanceType): number {
  return normalizeArchitecture(profile.host.architecture) === instance.architecture ? projectionSpreadSameArchitecture : projectionSpreadCrossArchitecture;
}

function describeOverhead(fit: BatchCurveFit, cells: Measurement[], assumptions: string[]): void {
  const batches = [...new Set(cells.map((cell) => cell.batchSize))].sort((a, b) => a - b);
  if (fit.overheadFitted) {
    assumptions.push(`per-call overhead ${roundSignificant(fit.overheadMs)} ms fitted from the batch curve (batches ${batches.join(", ")}), assumed the same on every CPU`);
  } else {
    assumptions.push(`no per-call overhead separated from the batch curve (batches ${batches.join(", ")}): all time attributed to the model`);
  }
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

function ratio(cell: Measurement): number {
  return cell.latencyMs.p50 > 0 ? Math.max(1, cell.latencyMs.p95 / cell.latencyMs.p50) : 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
