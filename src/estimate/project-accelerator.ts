// Projects a model onto an accelerator (GPU, Inferentia) from published efficiency priors: a CPU measurement says
// nothing about how well a GPU runs the model, so the published share of the peak of the precision run stands in.
// The model's matrix FLOPs (the published figures' convention) at that share of the peak, on a roofline, plus a
// device's fixed cost per call; nothing of the CPU profile's timings.
import type { AcceleratorSpec, EfficiencyPrior, InstanceType } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { PerformanceProjection, ProjectionResult } from "./contract.ts";
import type { Note } from "./notes.ts";
import { profileLabel } from "./evidence.ts";
import { macFlopsPerInference, modelClassOf } from "./model-class.ts";
import { deviceMemoryGbPerReplica, modelMemoryGbPerReplica } from "./model-memory.ts";
import { acceleratorEfficiency } from "./priors.ts";
import { acceleratorInt8Transform, mixedPrecisionPeak, quantizedFlopShare } from "./quantized-share.ts";
import { activationBytesAtPrecision, isMemoryBound, ridgePointFlopsPerByte, rooflineTimeMs, weightBytesAtPrecision, type Roof } from "./roofline.ts";
import { roundSignificant } from "./significant-figures.ts";

/**
 * ASSUMPTION (not measured here: no accelerator on the build machines): a call through onnxruntime on a device
 * pays kernel launches for each layer, the input and output copies and a synchronisation, whatever its batch —
 * taken as 0.5 ms (0.2–1 ms) for models of tens of layers.
 */
export const acceleratorCallOverheadMs = { central: 0.5, low: 0.2, high: 1 };

export interface AcceleratorProjectionInput {
  profile: ModelProfile;
  instance: InstanceType;
  accelerator: AcceleratorSpec | null;
  priors: EfficiencyPrior[];
  precision: Precision;
  batchSize: number;
}

interface PrecisionPeak {
  teraOpsPerSecond: number;
  description: string;
}

/**
 * The dense peak of the precision the engine runs: FP32 (onnxruntime's CUDA provider), FP16 (TensorRT FP16
 * engines), INT8 (TensorRT INT8 engines from the static QDQ file: its quantized share of the matrix FLOPs on the INT8
 * peak, the rest on FP32).
 */
function precisionPeak(accelerator: AcceleratorSpec, precision: Precision, share: number): PrecisionPeak {
  if (precision === "fp32") return { teraOpsPerSecond: accelerator.fp32Tflops.value, description: `the FP32 peak, ${accelerator.fp32Tflops.value} TFLOPS (onnxruntime may use TF32 tensor cores on Ampere and later, which would be faster)` };
  if (precision === "fp16") return { teraOpsPerSecond: accelerator.fp16Tflops.value, description: `the dense FP16 tensor peak, ${accelerator.fp16Tflops.value} TFLOPS` };
  const peak = mixedPrecisionPeak(accelerator.fp32Tflops.value, accelerator.int8Tops.value, share);
  return {
    teraOpsPerSecond: peak,
    description: `${roundSignificant(share * 100)} % of the matrix FLOPs quantized run on the dense INT8 peak (${accelerator.int8Tops.value} TOPS, no sparsity), the rest on FP32: ${roundSignificant(peak)} T combined`,
  };
}

export function projectOntoAccelerator(input: AcceleratorProjectionInput): ProjectionResult {
  const { profile, instance, accelerator, priors, batchSize } = input;
  const matrixFlops = macFlopsPerInference(profile);
  const int8Share = input.precision === "int8" ? quantizedFlopShare(profile, acceleratorInt8Transform, matrixFlops) : 0;
  // No speed-up without a change: an INT8 file that quantized nothing is the FP32 graph, projected as FP32.
  const unchangedInt8 = input.precision === "int8" && int8Share === 0;
  const precision = unchangedInt8 ? "fp32" : input.precision;
  const attachment = instance.accelerator;
  if (attachment === null) throw new Error("projectOntoAccelerator called for a CPU-only type");
  if (accelerator === null) return { ok: false, reason: `no specification for accelerator ${attachment.model} in the catalog` };
  const modelClass = modelClassOf(profile);
  const efficiency = acceleratorEfficiency(priors, accelerator.model, modelClass, precision);
  if (efficiency === null) return { ok: false, reason: `no published efficiency prior (fraction of peak) in the catalog to project onto ${accelerator.model}` };
  if (!(matrixFlops > 0)) return { ok: false, reason: `${profileLabel(profile)} has no FLOP count to project with` };

  // One replica per whole device; a fractional partition (a third of a GPU) is one replica with that share.
  const replicas = Math.max(1, Math.floor(attachment.count));
  const devicesPerReplica = attachment.count / replicas;
  const deviceMemoryGb = deviceMemoryGbPerReplica(attachment, accelerator);
  const modelMemoryGb = modelMemoryGbPerReplica(profile, precision, batchSize, acceleratorInt8Transform);
  if (modelMemoryGb > deviceMemoryGb) {
    return {
      ok: false,
      reason: `model needs ${roundSignificant(modelMemoryGb)} GB of device memory at batch ${batchSize} (${precision}); ${instance.instanceType} has ${roundSignificant(deviceMemoryGb)} GB per replica`,
    };
  }

  const peak = precisionPeak(accelerator, precision, int8Share);
  const roof: Roof = {
    peakGflops: peak.teraOpsPerSecond * 1000 * devicesPerReplica,
    memoryBandwidthGbPerSecond: accelerator.memoryBandwidthGbPerSecond.value * devicesPerReplica,
  };
  const bytesPerCall = weightBytesAtPrecision(profile, precision) + batchSize * activationBytesAtPrecision(profile, precision, acceleratorInt8Transform);
  const intensity = bytesPerCall > 0 ? (batchSize * matrixFlops) / bytesPerCall : Number.POSITIVE_INFINITY;
  const roofTimeMs = rooflineTimeMs(matrixFlops, batchSize, roof, intensity);

  const overhead = acceleratorCallOverheadMs;
  const serviceTimeMs = overhead.central + roofTimeMs / efficiency.central;
  const lowMs = overhead.low + roofTimeMs / efficiency.high;
  const highMs = overhead.high + roofTimeMs / efficiency.low;
  const memoryBound = isMemoryBound(roof, intensity);
  const toCapacity = (timeMs: number) => (replicas * batchSize * 1000) / timeMs;
  const priorIds = efficiency.basis.map((prior) => prior.id);

  // The figures the sentences read, bound as constants: the sentences are written when read.
  const model = accelerator.model;
  const deviceCount = attachment.count;
  const bandwidthGbPerSecond = accelerator.memoryBandwidthGbPerSecond.value;
  const assumptions: Note[] = [
    () => `${replicas} model replica${replicas === 1 ? "" : "s"}, one per ${devicesPerReplica === 1 ? "device" : `${roundSignificant(devicesPerReplica)} of a device`} (${deviceCount} × ${model})`,
    () => `model class ${modelClass} (from its FLOPs by operator); ${roundSignificant(matrixFlops / 1e9)} GFLOP of matrix products per inference, the published figures' convention`,
    `${efficiency.description}; applied to ${peak.description}`,
    "the priors are TensorRT engines at large batches; onnxruntime's TensorRT provider adds graph partitioning and may reach less: the low end of the range covers part of that",
    () =>
      `${memoryBound ? "memory-bound" : "compute-bound"} at batch ${batchSize}: ${roundSignificant(intensity)} FLOP/byte vs ${model}'s ridge at ${roundSignificant(ridgePointFlopsPerByte(roof))} (${roundSignificant(bandwidthGbPerSecond)} GB/s)`,
    `per-call overhead ${overhead.central} ms (range ${overhead.low}–${overhead.high}) assumed for kernel launches, copies and synchronisation on the device; none of the CPU profile's own overhead`,
  ];
  if (unchangedInt8) assumptions.push("INT8 = the FP32 projection: the static QDQ file TensorRT would build INT8 engines from quantizes none of the matrix FLOPs");
  const projection: PerformanceProjection = {
    method: "prior",
    source: `priors ${priorIds.join(", ")} × ${accelerator.model} peaks; model cost from ${profileLabel(profile)}`,
    serviceTimeMs,
    serviceTimeRangeMs: { low: lowMs, high: highMs },
    serviceTimeP95Ms: serviceTimeMs,
    replicas,
    threadsPerReplica: 1,
    capacityPerInstanceRps: toCapacity(serviceTimeMs),
    capacityRangeRps: { low: toCapacity(highMs), high: toCapacity(lowMs) },
    modelMemoryGb,
    memoryBound,
    arithmeticIntensityFlopsPerByte: intensity,
    efficiency: efficiency.central,
    overheadMs: overhead.central,
    batchSize,
    assumptions,
  };
  return { ok: true, projection };
}
