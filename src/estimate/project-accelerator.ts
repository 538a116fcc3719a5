// Projects a model onto an accelerator (GPU, Inferentia, TPU) from published efficiency priors: a CPU measurement
// says nothing about how well a GPU runs the model, so the prior fraction of the roof stands in for it.
import type { AcceleratorSpec, EfficiencyPrior, InstanceType } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { PerformanceProjection, ProjectionResult } from "./contract.ts";
import { profileLabel } from "./evidence.ts";
import { roundSignificant } from "./significant-figures.ts";
import { deviceMemoryGbPerReplica, modelMemoryGbPerReplica } from "./model-memory.ts";
import { fractionOfPeak } from "./priors.ts";
import { cpuCallOverheadMs } from "./project-cpu.ts";
import { mixedPrecisionPeak, quantizedFlopShare } from "./quantized-share.ts";
import { arithmeticIntensityAtBatch, isMemoryBound, ridgePointFlopsPerByte, rooflineTimeMs, weightBytesAtPrecision, type Roof } from "./roofline.ts";

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

export function projectOntoAccelerator(input: AcceleratorProjectionInput): ProjectionResult {
  const { profile, instance, accelerator, priors, precision, batchSize } = input;
  const attachment = instance.accelerator;
  if (attachment === null) throw new Error("projectOntoAccelerator called for a CPU-only type");
  if (accelerator === null) return { ok: false, reason: `no specification for accelerator ${attachment.model} in the catalog` };
  const fraction = fractionOfPeak(priors, accelerator.model);
  if (fraction === null) return { ok: false, reason: `no published efficiency prior (fraction of peak) in the catalog to project onto ${accelerator.model}` };

  const flopsPerInference = profile.model.cost.flopsPerInference;
  if (!(flopsPerInference > 0)) return { ok: false, reason: `${profileLabel(profile)} has no FLOP count to project with` };

  // One replica per whole device; a fractional partition (a third of a GPU) is one replica with that share.
  const replicas = Math.max(1, Math.floor(attachment.count));
  const devicesPerReplica = attachment.count / replicas;
  const deviceMemoryGb = deviceMemoryGbPerReplica(attachment, accelerator);
  const modelMemoryGb = modelMemoryGbPerReplica(profile, precision, batchSize);
  if (modelMemoryGb > deviceMemoryGb) {
    return {
      ok: false,
      reason: `model needs ${roundSignificant(modelMemoryGb)} GB of device memory at batch ${batchSize} (${precision}); ${instance.instanceType} has ${roundSignificant(deviceMemoryGb)} GB per replica`,
    };
  }

  const peakTflops = precision === "fp32" ? accelerator.fp32Tflops : accelerator.int8Tops;
  const quantizedShare = precision === "int8" ? quantizedFlopShare(profile) : 0;
  const effectivePeakTflops = precision === "int8" ? mixedPrecisionPeak(accelerator.fp32Tflops.value, accelerator.int8Tops.value, quantizedShare) : peakTflops.value;
  const roof: Roof = {
    peakGflops: effectivePeakTflops * 1000 * devicesPerReplica,
    memoryBandwidthGbPerSecond: accelerator.memoryBandwidthGbPerSecond.value * devicesPerReplica,
  };
  const intensity = arithmeticIntensityAtBatch(profile.model.cost, weightBytesAtPrecision(profile, precision), batchSize);
  const roofTimeMs = rooflineTimeMs(flopsPerInference, batchSize, roof, intensity);
  const hostOverheadMs = cpuCallOverheadMs(profile, precision) ?? 0;
  const overheadMs = hostOverheadMs + acceleratorCallOverheadMs.central;

  const serviceTimeMs = overheadMs + roofTimeMs / fraction.central;
  const lowMs = hostOverheadMs + acceleratorCallOverheadMs.low + roofTimeMs / fraction.high;
  const highMs = hostOverheadMs + acceleratorCallOverheadMs.high + roofTimeMs / fraction.low;
  const memoryBound = isMemoryBound(roof, intensity);
  const toCapacity = (timeMs: number) => (replicas * batchSize * 1000) / timeMs;

  const priorNames = (fraction.matched.length > 0 ? fraction.matched : fraction.all).map((prior) => prior.id);
  const assumptions = [
    `${replicas} model replica${replicas === 1 ? "" : "s"}, one per ${devicesPerReplica === 1 ? "device" : `${roundSignificant(devicesPerReplica)} of a device`} (${attachment.count} × ${accelerator.model})`,
    fraction.matched.length > 0
      ? `${accelerator.model} reaches ${roundSignificant(fraction.central)} of its attainable roof (published prior ${priorNames.join(", ")}); range ${roundSignificant(fraction.low)}–${roundSignificant(fraction.high)} across all published fractions`
      : `no prior for ${accelerator.model}: the mean published fraction of peak (${roundSignificant(fraction.central)}, range ${roundSignificant(fraction.low)}–${roundSignificant(fraction.high)}) across ${priorNames.join(", ")}`,
    "the priors are optimised engines (TensorRT, large batches); onnxruntime's CUDA provider may reach less — the low end of the range covers part of that",
    precision === "fp32"
      ? "FP32 runs on the FP32 peak (onnxruntime may use TF32 tensor cores for MatMul/Conv on Ampere and later, which would be faster)"
      : `INT8: ${roundSignificant(quantizedShare * 100)} % of the FLOPs were quantized (the profile's MatMul/Gemm share); they run on the INT8 tensor-core peak (dense, no sparsity), the rest on the FP32 peak: ${roundSignificant(effectivePeakTflops)} TFLOPS combined`,
    `${memoryBound ? "memory-bound" : "compute-bound"} at batch ${batchSize}: ${roundSignificant(intensity)} FLOP/byte vs ${accelerator.model}'s ridge at ${roundSignificant(ridgePointFlopsPerByte(roof))} (${roundSignificant(accelerator.memoryBandwidthGbPerSecond.value)} GB/s)`,
    `per-call overhead ${roundSignificant(overheadMs)} ms: ${roundSignificant(hostOverheadMs)} ms from the CPU profile's batch curve + ${acceleratorCallOverheadMs.central} ms (range ${acceleratorCallOverheadMs.low}–${acceleratorCallOverheadMs.high}) assumed for kernel launches, copies and synchronisation on the device`,
  ];
  const projection: PerformanceProjection = {
    method: "prior",
    source: `priors ${priorNames.join(", ")} × ${accelerator.model} peaks (${peakTflops.source}); model cost from ${profileLabel(profile)}`,
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
    efficiency: fraction.central,
    overheadMs,
    batchSize,
    assumptions,
  };
  return { ok: true, projection };
}
