// A profile measured on the accelerator type itself (bench --execution-provider webgpu --instance-type T): the
// device's own batch curve, no prior needed.
import type { InstanceType } from "../domain/catalog.ts";
import type { Measurement, ModelProfile, Precision } from "../domain/profile.ts";
import { fitBatchCurve, latencyFromCurve } from "./batch-curve.ts";
import type { ProjectionResult } from "./contract.ts";
import { profileLabel } from "./evidence.ts";
import { roundSignificant } from "./significant-figures.ts";
import { deviceMemoryGbPerReplica, modelMemoryGbPerReplica } from "./model-memory.ts";

export function deviceCells(profile: ModelProfile, precision: Precision): Measurement[] {
  return profile.measurements.filter((cell) => cell.precision === precision && cell.executionProvider !== "cpu");
}

/** Null when the profile has no device measurement at this precision. */
export function projectMeasuredDevice(profile: ModelProfile, instance: InstanceType, precision: Precision, batchSize: number): ProjectionResult | null {
  const attachment = instance.accelerator;
  const cells = deviceCells(profile, precision);
  if (attachment === null || cells.length === 0) return null;
  const replicas = Math.max(1, Math.floor(attachment.count));
  const modelMemoryGb = modelMemoryGbPerReplica(profile, precision, batchSize);
  const deviceMemoryGb = deviceMemoryGbPerReplica(attachment);
  if (modelMemoryGb > deviceMemoryGb) {
    return { ok: false, reason: `model needs ${roundSignificant(modelMemoryGb)} GB of device memory at batch ${batchSize} (${precision}); ${instance.instanceType} has ${roundSignificant(deviceMemoryGb)} GB per replica` };
  }
  // On one device the "roofline time" of a call is simply proportional to its batch: fit overhead + b × per-item.
  const fit = fitBatchCurve(cells.map((cell) => ({ rooflineTimeMs: cell.batchSize, latencyMs: cell.latencyMs.p50 })));
  const exact = cells.find((cell) => cell.batchSize === batchSize);
  const serviceTimeMs = exact ? exact.latencyMs.p50 : latencyFromCurve(fit, batchSize);
  const uncertainty = Math.min(0.9, Math.hypot(exact?.medianRelativeCi95 ?? Math.max(...cells.map((cell) => cell.medianRelativeCi95)), exact ? 0 : fit.worstRelativeResidual));
  const lowMs = serviceTimeMs * (1 - uncertainty);
  const highMs = serviceTimeMs * (1 + uncertainty);
  const p95Ratio = exact ? Math.max(1, exact.latencyMs.p95 / exact.latencyMs.p50) : 1;
  const toCapacity = (timeMs: number) => (replicas * batchSize * 1000) / timeMs;
  const provider = cells[0].executionProvider;
  return {
    ok: true,
    projection: {
      method: "measured",
      source: `${profileLabel(profile)} (${provider} on ${profile.host.device})${exact ? "" : " (interpolated along its batch curve)"}`,
      serviceTimeMs,
      serviceTimeRangeMs: { low: lowMs, high: highMs },
      serviceTimeP95Ms: serviceTimeMs * p95Ratio,
      replicas,
      threadsPerReplica: 1,
      capacityPerInstanceRps: toCapacity(serviceTimeMs),
      capacityRangeRps: { low: toCapacity(highMs), high: toCapacity(lowMs) },
      modelMemoryGb,
      overheadMs: fit.overheadMs,
      batchSize,
      assumptions: [
        `measured on ${instance.instanceType} through onnxruntime's ${provider} provider; ${replicas} replica${replicas === 1 ? "" : "s"}, one per device, each as fast as the measured one`,
      ],
    },
  };
}
