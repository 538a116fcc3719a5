// One thread option of a CPU projection on a calibrated roofline: calibrate the measured batch curve on the
// host → re-evaluate it under the target's roof → bound the error → place replicas → load the instance's roof.
import type { InstanceType } from "../domain/catalog.ts";
import type { Measurement, ModelProfile, Precision } from "../domain/profile.ts";
import { fitBatchCurve, latencyFromCurve, type BatchCurveFit } from "./batch-curve.ts";
import type { PerformanceProjection } from "./contract.ts";
import { cellP95Ratio, cpuCells, hostRoofForThreads, instanceRoofForThreads, median, normalizeArchitecture, profileLabel } from "./evidence.ts";
import { arithmeticIntensityAtBatch, attainableGflops, isMemoryBound, ridgePointFlopsPerByte, rooflineTimeMs, weightBytesAtPrecision, type Roof } from "./roofline.ts";
import type { Note } from "./notes.ts";
import { roundSignificant } from "./significant-figures.ts";

/**
 * How far a roofline projection may miss beyond what the measurement shows (relative, either way). Assumptions:
 * the same ISA on another CPU model differs in caches and memory system; another ISA also runs different
 * onnxruntime kernels (MLAS has separate AVX-512 and NEON paths).
 */
export const projectionSpreadSameArchitecture = 0.15;
export const projectionSpreadCrossArchitecture = 0.3;
/** ASSUMPTION: carrying one thread count's efficiency to another misses by up to this much (measured here: −8 to +3 %). */
export const projectionSpreadThreadExtrapolation = 0.1;

/** A thread count per replica, and the measured count whose efficiency it carries. */
export interface ThreadOption {
  measuredThreads: number;
  threads: number;
}

/** One thread option of a CPU projection: what each of its steps reads. */
export interface ThreadProjectionRequest {
  profile: ModelProfile;
  instance: InstanceType;
  precision: Precision;
  batchSize: number;
  option: ThreadOption;
  /** How many replicas of `modelMemoryGb` each the instance's memory holds. */
  memoryReplicas: number;
  modelMemoryGb: number;
  /** The precision whose cells are fitted, when not `precision` (an INT8-only profile's cells, on FP32 roofs). */
  cellPrecision?: Precision;
}

/** The measured batch curve at one thread count, fitted against the host's roof. */
export interface HostCalibration {
  cells: readonly Measurement[];
  fit: BatchCurveFit;
  flopsPerInference: number;
  intensityAt: (batchSize: number) => number;
  /** A roof as the model sees it: compute peaks alone when the measurement beats the host's memory roof. */
  roofOf: (roof: Roof) => Roof;
  beatsMemoryRoof: boolean;
  /** What the fit says of the per-call overhead, for the assumptions. */
  overheadAssumption: string;
  /** Whether the profile was measured on this very instance type (its calibrated roof is then the instance's). */
  sameType: boolean;
  /** The cells' median p95/p50 ratio: a projection between measured batch sizes takes it. */
  medianP95Ratio: number;
  /** The fit's points' best and worst efficiency (the ends of a projection's range) and the cells' widest confidence. */
  bestPointEfficiency: number;
  worstPointEfficiency: number;
  widestRelativeCi95: number;
}

/** Unloaded service time of one replica with its range, before replicas compete for the instance's roof. */
interface ServiceTimes {
  serviceTimeMs: number;
  lowMs: number;
  highMs: number;
  relativeUncertainty: number;
  /** The cell measured at this batch size, if any (its p95/p50 ratio applies). */
  exactCell: Measurement | undefined;
  /** Whether the service time is that cell's own median (same type, same thread count): no projection at all. */
  fromExactCell: boolean;
}

/** Calibrate on the host → re-evaluate under the target's roof → bound the error → place replicas → load the roof. */
export function projectOnRoofline(request: ThreadProjectionRequest): PerformanceProjection {
  const { instance, batchSize, option } = request;
  const assumptions: Note[] = [];
  const calibration = calibrateOnHost(request, assumptions);
  const targetRoof = targetRoofOf(request, calibration, assumptions);
  const unloaded = unloadedServiceTimes(request, calibration, targetRoof, assumptions);
  const replicas = replicasOn(request, assumptions);
  if (option.threads !== option.measuredThreads) {
    assumptions.push(() => `${option.threads} threads per replica not measured: the ${option.measuredThreads}-thread efficiency applied to ${option.threads} threads`);
  }
  assumptions.push(calibration.overheadAssumption);
  const times = withLoadedFloor(request, calibration, unloaded, replicas, assumptions);

  const intensity = calibration.intensityAt(batchSize);
  const memoryBound = isMemoryBound(targetRoof, intensity);
  assumptions.push(
    () => `${memoryBound ? "memory-bound" : "compute-bound"} at batch ${batchSize}: ${roundSignificant(intensity)} FLOP/byte vs the ridge at ${roundSignificant(ridgePointFlopsPerByte(targetRoof))}`,
  );
  const { profile } = request;
  const { exactCell } = unloaded;
  const p95Ratio = exactCell ? cellP95Ratio(exactCell) : calibration.medianP95Ratio;
  const toCapacity = (timeMs: number) => (replicas * batchSize * 1000) / timeMs;
  return {
    method: calibration.sameType ? "measured" : "roofline",
    source: calibration.sameType
      ? `${profileLabel(profile)}${unloaded.fromExactCell ? "" : " (interpolated along its batch curve)"}`
      : `${profileLabel(profile)}, calibrated roofline onto ${instance.instanceType} peaks (${instance.peak.cpuFp32Gflops.source})`,
    serviceTimeMs: times.serviceTimeMs,
    serviceTimeRangeMs: { low: times.lowMs, high: times.highMs },
    serviceTimeP95Ms: times.serviceTimeMs * p95Ratio,
    replicas,
    threadsPerReplica: option.threads,
    capacityPerInstanceRps: toCapacity(times.serviceTimeMs),
    capacityRangeRps: { low: toCapacity(times.highMs), high: toCapacity(times.lowMs) },
    modelMemoryGb: request.modelMemoryGb,
    memoryBound,
    arithmeticIntensityFlopsPerByte: intensity,
    efficiency: calibration.fit.efficiency,
    overheadMs: calibration.fit.overheadMs,
    batchSize,
    assumptions,
  };
}

/** The part of a host calibration that depends on the profile alone: kept per profile, as every type reuses it. */
type HostFit = Omit<HostCalibration, "sameType">;

/** A profile's calibrations, a few per profile (precisions × measured thread counts × same type or not). */
interface KeptCalibration {
  precision: Precision;
  cellPrecision: Precision;
  measuredThreads: number;
  calibration: HostCalibration;
}
const hostCalibrations = new WeakMap<ModelProfile, KeptCalibration[]>();

/**
 * Fits the measured batch curve against the host's roof. A model that runs faster than the host's memory roof
 * allows is not waiting on DRAM: its activations stay in cache, so counting every activation byte as memory
 * traffic was wrong; it is then calibrated (and projected) on compute alone.
 */
export function calibrateOnHost(request: ThreadProjectionRequest, assumptions: Note[]): HostCalibration {
  const { profile, instance, precision, option } = request;
  const sameType = profile.host.instanceType !== null && profile.host.instanceType === instance.instanceType;
  const cellPrecision = request.cellPrecision ?? precision;
  let kept = hostCalibrations.get(profile);
  if (!kept) hostCalibrations.set(profile, (kept = []));
  // Looked up by its parts, not a key string: this runs for every projection, mostly before the code is optimised.
  let calibration = kept.find(
    (entry) => entry.precision === precision && entry.cellPrecision === cellPrecision && entry.measuredThreads === option.measuredThreads && entry.calibration.sameType === sameType,
  )?.calibration;
  if (!calibration) {
    calibration = { ...fitOnHost(request), sameType };
    kept.push({ precision, cellPrecision, measuredThreads: option.measuredThreads, calibration });
  }
  if (calibration.beatsMemoryRoof) assumptions.push("the measurement beats the host's memory roof (activations stay in cache): projected on compute peaks alone");
  return calibration;
}

function fitOnHost(request: ThreadProjectionRequest): HostFit {
  const { profile, precision, option } = request;
  const { host, model } = profile;
  const flopsPerInference = model.cost.flopsPerInference;
  const weightBytes = weightBytesAtPrecision(profile, precision);
  const intensityAt = (batchSize: number) => arithmeticIntensityAtBatch(model.cost, weightBytes, batchSize);
  const cells = cpuCells(profile, request.cellPrecision ?? precision).filter((cell) => cell.intraOpThreads === option.measuredThreads);
  const hostRoof = hostRoofForThreads(host, precision, option.measuredThreads);
  const fitOn = (roof: Roof) =>
    fitBatchCurve(cells.map((cell) => ({ rooflineTimeMs: rooflineTimeMs(flopsPerInference, cell.batchSize, roof, intensityAt(cell.batchSize)), latencyMs: cell.latencyMs.p50 })));
  let fit = fitOn(hostRoof);
  const beatsMemoryRoof = fit.efficiency > 1 && cells.some((cell) => isMemoryBound(hostRoof, intensityAt(cell.batchSize)));
  const roofOf = (roof: Roof): Roof => (beatsMemoryRoof ? { peakGflops: roof.peakGflops, memoryBandwidthGbPerSecond: Number.POSITIVE_INFINITY } : roof);
  if (beatsMemoryRoof) fit = fitOn(roofOf(hostRoof));
  return {
    cells,
    fit,
    flopsPerInference,
    intensityAt,
    roofOf,
    beatsMemoryRoof,
    overheadAssumption: describeOverhead(fit, cells),
    medianP95Ratio: median(cells.map(cellP95Ratio)),
    bestPointEfficiency: Math.max(...fit.pointEfficiencies),
    worstPointEfficiency: Math.min(...fit.pointEfficiencies),
    widestRelativeCi95: Math.max(...cells.map((cell) => cell.medianRelativeCi95)),
  };
}

/** One replica's roof on the target: on the measured type itself the host's calibrated roof, elsewhere the catalog's. */
function targetRoofOf(request: ThreadProjectionRequest, calibration: HostCalibration, assumptions: Note[]): Roof {
  const { profile, instance, precision, option } = request;
  const source = calibration.sameType
    ? { roof: hostRoofForThreads(profile.host, precision, option.threads), bandwidthAssumption: null }
    : instanceRoofForThreads(instance, precision, option.threads, profile.host);
  if (source.bandwidthAssumption && !calibration.beatsMemoryRoof) assumptions.push(source.bandwidthAssumption);
  return calibration.roofOf(source.roof);
}

/**
 * The fitted curve re-evaluated under the target's roof (or the exact cell, measured on this type at these
 * threads), with a range from the points' spread of efficiency, widened by the measurement's confidence, the
 * fit's residual and the assumed error of crossing to another CPU or thread count.
 */
function unloadedServiceTimes(request: ThreadProjectionRequest, calibration: HostCalibration, targetRoof: Roof, assumptions: Note[]): ServiceTimes {
  const { profile, instance, batchSize, option } = request;
  const { cells, fit, sameType } = calibration;
  const exactCell = cells.find((cell) => cell.batchSize === batchSize);
  const targetRoofTimeMs = rooflineTimeMs(calibration.flopsPerInference, batchSize, targetRoof, calibration.intensityAt(batchSize));
  const fromExactCell = sameType && exactCell !== undefined && option.threads === option.measuredThreads;
  const serviceTimeMs = fromExactCell ? exactCell.latencyMs.p50 : latencyFromCurve(fit, targetRoofTimeMs);
  const lowMs = fromExactCell ? serviceTimeMs : Math.min(serviceTimeMs, fit.overheadMs + targetRoofTimeMs / calibration.bestPointEfficiency);
  const highMs = fromExactCell ? serviceTimeMs : Math.max(serviceTimeMs, fit.overheadMs + targetRoofTimeMs / calibration.worstPointEfficiency);

  const confidence = exactCell?.medianRelativeCi95 ?? calibration.widestRelativeCi95;
  const residual = fromExactCell ? 0 : fit.worstRelativeResidual;
  const spread = sameType ? 0 : architectureSpread(profile, instance);
  if (spread > 0) {
    assumptions.push(
      () => `projection spread ±${spread * 100} % beyond the measurement's own (assumed: ${normalizeArchitecture(profile.host.architecture)} host → ${instance.architecture} ${instance.cpu.microarchitecture})`,
    );
  }
  const threadSpread = option.threads === option.measuredThreads ? 0 : projectionSpreadThreadExtrapolation;
  const relativeUncertainty = Math.min(0.9, Math.hypot(confidence, residual, spread, threadSpread));
  return { serviceTimeMs, lowMs: lowMs * (1 - relativeUncertainty), highMs: highMs * (1 + relativeUncertainty), relativeUncertainty, exactCell, fromExactCell };
}

/** As many replicas of `threads` threads as the vCPUs allow, fewer when memory runs out first. */
function replicasOn(request: ThreadProjectionRequest, assumptions: Note[]): number {
  const { instance, option, memoryReplicas, modelMemoryGb } = request;
  const coreReplicas = Math.max(1, Math.floor(instance.vcpus / option.threads));
  const replicas = Math.min(coreReplicas, memoryReplicas);
  assumptions.push(
    () =>
      `${replicas} model replica${replicas === 1 ? "" : "s"} × ${option.threads} thread${option.threads === 1 ? "" : "s"} on ${instance.vcpus} vCPUs ` +
      `(floor(${instance.vcpus} / ${option.threads})${replicas < coreReplicas ? `, limited to ${replicas} by memory: ${roundSignificant(modelMemoryGb)} GB each` : ""})`,
  );
  return replicas;
}

/**
 * With every vCPU busy, replicas share the instance's roof: a lone thread that beat its per-core share on the
 * measuring host (an idle SMT sibling, turbo) cannot keep that lead on a full instance. A catalog peak is the
 * datasheet's hard limit; a calibrated one is only what a MatMul reached, which the model itself may beat: then
 * the model's own efficiency is the limit on that host.
 */
function withLoadedFloor(request: ThreadProjectionRequest, calibration: HostCalibration, unloaded: ServiceTimes, replicas: number, assumptions: Note[]): ServiceTimes {
  const { profile, instance, precision, batchSize } = request;
  const { fit, sameType } = calibration;
  const fullRoof = calibration.roofOf(
    sameType ? hostRoofForThreads(profile.host, precision, profile.host.logicalCores) : instanceRoofForThreads(instance, precision, instance.vcpus, profile.host).roof,
  );
  const roofEfficiencyLimit = sameType ? Math.max(1, fit.efficiency) : 1;
  const loadedGflops = roofEfficiencyLimit * attainableGflops(fullRoof, calibration.intensityAt(batchSize));
  const loadedFloorMs = fit.overheadMs + (replicas * batchSize * calibration.flopsPerInference) / (loadedGflops * 1e6);
  const unloadedMs = unloaded.serviceTimeMs;
  const raised = unloadedMs < loadedFloorMs;
  if (raised) {
    // Figures bound as constants: the sentence is written when read.
    assumptions.push(
      () =>
        `service time raised from ${roundSignificant(unloadedMs)} to ${roundSignificant(loadedFloorMs)} ms: ${replicas} replicas together cannot exceed the instance's roof of ${roundSignificant(loadedGflops)} GFLOPS`,
    );
  }
  const uncertainty = unloaded.relativeUncertainty;
  return {
    ...unloaded,
    serviceTimeMs: raised ? loadedFloorMs : unloadedMs,
    lowMs: Math.max(unloaded.lowMs, loadedFloorMs * (1 - uncertainty)),
    highMs: Math.max(unloaded.highMs, loadedFloorMs * (1 + uncertainty)),
  };
}

function architectureSpread(profile: ModelProfile, instance: InstanceType): number {
  return normalizeArchitecture(profile.host.architecture) === instance.architecture ? projectionSpreadSameArchitecture : projectionSpreadCrossArchitecture;
}

function describeOverhead(fit: BatchCurveFit, cells: readonly Measurement[]): string {
  const batches = [...new Set(cells.map((cell) => cell.batchSize))].sort((a, b) => a - b);
  return fit.overheadFitted
    ? `per-call overhead ${roundSignificant(fit.overheadMs)} ms fitted from the batch curve (batches ${batches.join(", ")}), assumed the same on every CPU`
    : `no per-call overhead separated from the batch curve (batches ${batches.join(", ")}): all time attributed to the model`;
}
