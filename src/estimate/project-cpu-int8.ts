// INT8 on a CPU type from that type's integer throughput: the share of FLOPs the quantizer rewrote runs on the
// type's INT8 peak (its catalog peak, set by its INT8 instruction class) at the INT8 efficiency the host measured
// against its own class's peak; the rest runs as the FP32 projection does. Never the host's INT8/FP32 ratio: that
// ratio belongs to the host's instruction set (AMX, VNNI, AVX2...), not to the type's.
import { INT8_THROUGHPUT } from "../domain/int8-throughput.ts";
import { int8IsaClassOfFlags, type Int8IsaClass } from "../domain/int8-isa.ts";
import { timedInt8Transform, type Measurement, type ModelProfile } from "../domain/profile.ts";
import type { PerformanceProjection } from "./contract.ts";
import { calibrateOnHost, projectOnRoofline, type HostCalibration, type ThreadProjectionRequest } from "./cpu-roofline.ts";
import { cellP95Ratio, cpuCells, hostRoofForThreads, instanceRoofForThreads, median } from "./evidence.ts";
import { quantizedFlopShare } from "./quantized-share.ts";
import { activationBytesAtPrecision, arithmeticIntensityAtBatch, rooflineTimeMs, weightBytesAtPrecision, type Roof } from "./roofline.ts";
import { roundSignificant } from "./significant-figures.ts";

/** ASSUMPTION: the spread of the same INT8 efficiency on another CPU of the same class (other caches, clocks). */
export const int8SameClassSpread = 0.15;

interface Int8Efficiency {
  value: number;
  /** The host's quantized share ran this many times faster than the same share in FP32 (its measured gain). */
  hostGain: number;
  /** How it was obtained, for the assumptions. */
  how: string;
}

/**
 * onnxruntime reaches very different shares of each class's nominal INT8 peak, so an efficiency measured on one class
 * does not carry to another: the same transformer block (width 768, sequence 128, dynamic INT8) ran INT8 at 3.8 × its
 * FP32 on an AMX host (nominal 32 ×) and at 1.57 × on an AVX2 EPYC (nominal 1.33 ×; `npm run bench:harness`, both
 * measured for this project). Carried across classes, the efficiency alone would promise an AVX2 host's model 17 ×
 * on AMX and an AMX host's model a slow-down on AVX2. So on a type of another class the quantized share's gain over
 * FP32 is held between 1 (every class with integer dot products ran it faster than FP32, the weakest measured 1.57 ×)
 * and the gain the host measured; the efficiency-based figure is the range's favourable end where it is faster.
 */
function crossClassPartMs(fp32PartMs: number, carriedPartMs: number, hostGain: number): number {
  return Math.min(fp32PartMs, Math.max(carriedPartMs, fp32PartMs / Math.max(1, hostGain)));
}

/**
 * What an INT8 projection reads of the host at one measured thread count, whatever the target type: the quantized
 * share, the cells, the host's INT8 roof and efficiency. Kept per profile and thread count: a plan projects INT8 on
 * hundreds of types, mostly before the code is optimised, and each would otherwise filter and fit the same cells.
 */
interface Int8HostBasis {
  share: number;
  hasFp32Cells: boolean;
  /** Only where share > 0 and FP32 cells exist (otherwise INT8 is projected as FP32). */
  measured: {
    hostClass: Int8IsaClass;
    hostInt8Roof: Roof;
    intensity8: (batchSize: number) => number;
    efficiency: Int8Efficiency | null;
    /** The INT8 cells' median p95/p50 ratio; null without INT8 cells at this thread count. */
    int8P95Ratio: number | null;
  } | null;
}

const int8HostBases = new WeakMap<ModelProfile, Map<number, Int8HostBasis>>();

function int8HostBasis(request: ThreadProjectionRequest, fp32Request: ThreadProjectionRequest): Int8HostBasis {
  const { profile, option } = request;
  let byThreads = int8HostBases.get(profile);
  if (!byThreads) int8HostBases.set(profile, (byThreads = new Map()));
  let basis = byThreads.get(option.measuredThreads);
  if (!basis) byThreads.set(option.measuredThreads, (basis = int8HostBasisOf(request, fp32Request)));
  return basis;
}

function int8HostBasisOf(request: ThreadProjectionRequest, fp32Request: ThreadProjectionRequest): Int8HostBasis {
  const { profile, option } = request;
  const transform = timedInt8Transform(profile);
  const share = transform ? quantizedFlopShare(profile, transform) : 0;
  const hasFp32Cells = cpuCells(profile, "fp32").some((cell) => cell.intraOpThreads === option.measuredThreads);
  if (share === 0 || !hasFp32Cells) return { share, hasFp32Cells, measured: null };
  const calibration = calibrateOnHost(fp32Request, []);
  const hostClass = int8IsaClassOfFlags(profile.host.isaFlags);
  const hostInt8Roof = int8RoofOf(calibration.roofOf(hostRoofForThreads(profile.host, "fp32", option.measuredThreads)), hostClass);
  const intensity8 = (batchSize: number) =>
    arithmeticIntensityAtBatch(profile.model.cost, weightBytesAtPrecision(profile, "int8"), batchSize, activationBytesAtPrecision(profile, "int8"));
  const int8Cells = cpuCells(profile, "int8").filter((cell) => cell.intraOpThreads === option.measuredThreads);
  const efficiency = int8EfficiencyOnHost(request, calibration, int8Cells, share, hostInt8Roof, intensity8);
  const int8P95Ratio = int8Cells.length > 0 ? median(int8Cells.map(cellP95Ratio)) : null;
  return { share, hasFp32Cells, measured: { hostClass, hostInt8Roof, intensity8, efficiency, int8P95Ratio } };
}

/** An INT8 projection for one thread option. */
export function projectInt8AtThreads(request: ThreadProjectionRequest): PerformanceProjection {
  const { profile, option } = request;
  const fp32Request: ThreadProjectionRequest = { ...request, precision: "fp32" };
  const { share, hasFp32Cells, measured } = int8HostBasis(request, fp32Request);
  if (share === 0) return int8AsFp32(request, hasFp32Cells);
  if (!hasFp32Cells) {
    const projection = projectOnRoofline({ ...request, precision: "fp32", cellPrecision: "int8" });
    return { ...projection, assumptions: [...projection.assumptions, "INT8 only (no FP32 cell at this thread count): the INT8 cells fitted on the FP32 roofs, as measured"] };
  }

  const { hostClass, hostInt8Roof, intensity8, efficiency, int8P95Ratio } = measured!;
  if (efficiency === null) return int8AsFp32(request, true, "the quantized share's time on the host is within the measurement's noise, so no INT8 speed-up can be read from it");
  const fp32 = projectOnRoofline(fp32Request);
  const calibration = calibrateOnHost(fp32Request, []);

  const targetClass = request.instance.cpu.int8Isa;
  const targetRoof = calibration.sameType
    ? hostInt8Roof
    : calibration.roofOf(instanceRoofForThreads(request.instance, "int8", option.threads, profile.host).roof);
  const int8RoofTimeMs = rooflineTimeMs(calibration.flopsPerInference, request.batchSize, targetRoof, intensity8(request.batchSize));
  const sameClass = calibration.sameType || targetClass === hostClass;
  const overheadMs = fp32.overheadMs ?? 0;
  // A service time from an FP32 one: the unquantized share as FP32, the quantized share as `partMs` says.
  const at = (fp32TimeMs: number, partMs: (fp32PartMs: number) => number) => {
    const modelMs = Math.max(0, fp32TimeMs - overheadMs);
    return overheadMs + (1 - share) * modelMs + partMs(share * modelMs);
  };
  const carried = (int8Efficiency: number) => () => (share * int8RoofTimeMs) / int8Efficiency;
  let serviceTimeMs: number, lowMs: number, highMs: number;
  if (sameClass) {
    serviceTimeMs = at(fp32.serviceTimeMs, carried(efficiency.value));
    lowMs = Math.min(serviceTimeMs, at(fp32.serviceTimeRangeMs.low, carried(Math.min(1, efficiency.value * (1 + int8SameClassSpread)))));
    highMs = Math.max(serviceTimeMs, at(fp32.serviceTimeRangeMs.high, carried(efficiency.value * (1 - int8SameClassSpread))));
  } else {
    const carriedMs = carried(efficiency.value)();
    serviceTimeMs = at(fp32.serviceTimeMs, (fp32PartMs) => crossClassPartMs(fp32PartMs, carriedMs, efficiency.hostGain));
    lowMs = Math.min(serviceTimeMs, at(fp32.serviceTimeRangeMs.low, (fp32PartMs) => Math.min(crossClassPartMs(fp32PartMs, carriedMs, efficiency.hostGain), carriedMs)));
    highMs = Math.max(serviceTimeMs, at(fp32.serviceTimeRangeMs.high, (fp32PartMs) => fp32PartMs));
  }
  const p95Ratio = int8P95Ratio ?? (fp32.serviceTimeP95Ms ?? fp32.serviceTimeMs) / fp32.serviceTimeMs;
  const toCapacity = (timeMs: number) => (fp32.replicas * request.batchSize * 1000) / timeMs;
  const quantizedNodes = profile.quantization!.quantizedNodes;
  const targetName = `${request.instance.instanceType}${targetClass ? ` (${targetClass})` : ""}`;
  return {
    ...fp32,
    source: `${fp32.source}; INT8 share on ${targetName}'s INT8 peak at the host's measured INT8 efficiency`,
    serviceTimeMs,
    serviceTimeRangeMs: { low: lowMs, high: highMs },
    serviceTimeP95Ms: serviceTimeMs * p95Ratio,
    capacityPerInstanceRps: toCapacity(serviceTimeMs),
    capacityRangeRps: { low: toCapacity(highMs), high: toCapacity(lowMs) },
    efficiency: efficiency.value,
    assumptions: [
      ...fp32.assumptions,
      () =>
        `INT8: ${roundSignificant(share * 100)} % of the FLOPs were quantized (${quantizedNodes} node(s)); they run on ${targetName}'s INT8 roof ` +
        `(${roundSignificant(targetRoof.peakGflops)} GOPS per replica) at ${roundSignificant(efficiency.value)} of it, ${efficiency.how}; the rest as the FP32 projection`,
      sameClass
        ? `same INT8 instruction class as the host (${hostClass}): ±${int8SameClassSpread * 100} % on the INT8 efficiency`
        : () =>
            `the host's INT8 class (${hostClass}) differs from ${targetName}'s, and onnxruntime reaches different shares of each class's peak: ` +
            `the quantized share's gain over FP32 is held between ×1 and the host's measured ×${roundSignificant(efficiency.hostGain)}; the range spans no gain to the efficiency-based figure`,
    ],
  };
}

/** A class's INT8 roof from an FP32 roof: the peak × the class's INT8 ops per FP32 FLOP, the same memory. */
function int8RoofOf(fp32Roof: Roof, isa: Int8IsaClass): Roof {
  return { peakGflops: fp32Roof.peakGflops * INT8_THROUGHPUT[isa].opsPerFp32Flop, memoryBandwidthGbPerSecond: fp32Roof.memoryBandwidthGbPerSecond };
}

/**
 * The host's INT8 efficiency: the INT8 cells' time beyond what their unquantized share takes at the FP32 fit,
 * against the quantized share's time at the host class's INT8 roof (least squares through the origin). Null when
 * the quantized share's time is within the measurement's noise: nothing can be read from it.
 */
function int8EfficiencyOnHost(
  request: ThreadProjectionRequest,
  calibration: HostCalibration,
  int8Cells: Measurement[],
  share: number,
  hostInt8Roof: Roof,
  intensity8: (batchSize: number) => number,
): Int8Efficiency | null {
  const { fit } = calibration;
  const hostClass = int8IsaClassOfFlags(request.profile.host.isaFlags);
  const hostFp32Roof = calibration.roofOf(hostRoofForThreads(request.profile.host, "fp32", request.option.measuredThreads));
  const points = int8Cells.map((cell) => {
    const fp32ModelMs = rooflineTimeMs(calibration.flopsPerInference, cell.batchSize, hostFp32Roof, calibration.intensityAt(cell.batchSize)) / fit.efficiency;
    return {
      excessMs: cell.latencyMs.p50 - fit.overheadMs - (1 - share) * fp32ModelMs,
      int8RoofMs: share * rooflineTimeMs(calibration.flopsPerInference, cell.batchSize, hostInt8Roof, intensity8(cell.batchSize)),
      quantizedFp32Ms: share * fp32ModelMs,
      noiseMs: 2 * cell.medianRelativeCi95 * cell.latencyMs.p50,
    };
  });
  if (points.length === 0 || points.some((point) => point.quantizedFp32Ms <= point.noiseMs)) return null;
  const classText = `the host's ${hostClass} INT8 peak = its calibrated FP32 peak × ${roundSignificant(INT8_THROUGHPUT[hostClass].opsPerFp32Flop)}`;
  const slope = points.reduce((sum, point) => sum + point.int8RoofMs * point.excessMs, 0) / points.reduce((sum, point) => sum + point.int8RoofMs ** 2, 0);
  const value = slope > 0 ? Math.min(1, 1 / slope) : 1;
  const hostGain = median(points.map((point) => point.quantizedFp32Ms / Math.max(point.excessMs, point.quantizedFp32Ms * 1e-3)));
  return { value, hostGain, how: `measured on the host against ${classText}` };
}

/**
 * Nothing (measurable) was quantized: INT8 is the FP32 projection everywhere (the INT8 cells, a second timing of the
 * same convolutions, are not read). Without FP32 cells, the INT8 cells are that graph's.
 */
function int8AsFp32(request: ThreadProjectionRequest, haveFp32Cells: boolean, why?: string): PerformanceProjection {
  const projection = projectOnRoofline({ ...request, precision: "fp32", ...(haveFp32Cells ? {} : { cellPrecision: "int8" as const }) });
  const reason = why ?? (request.profile.quantization ? "the INT8 transform quantized no node" : "the profile has no quantization report");
  return {
    ...projection,
    source: `${projection.source}; INT8 = FP32 (${reason})`,
    assumptions: [...projection.assumptions, `INT8 = the FP32 projection: ${reason}`],
  };
}
