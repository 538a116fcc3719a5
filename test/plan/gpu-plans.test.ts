// The planner on GPUs with a CNN profile measured on a CPU (test/fixtures/profile.cnn.json: 8.1 GFLOP of
// convolutions, ResNet-50's 8.2; static QDQ INT8): it reaches MLPerf's per-accelerator figures (not only a library
// call at a hand-picked batch), chooses GPU batch sizes the CPU never measured, and its energy per inference at full
// load is the devices' and host's power over the throughput it projects.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { AcceleratorSpec, InstanceType } from "../../src/domain/catalog.ts";
import type { Candidate } from "../../src/domain/plan.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";
import { estimateCandidate, projectPerformance, type PerformanceProjection } from "../../src/estimate/index.ts";
import { plan } from "../../src/plan/index.ts";
import { plannerRows } from "../../scripts/validate-priors.ts";
import { cnnProfile, fixedNow } from "./helpers.ts";

const catalog = loadCatalog();
const profile = cnnProfile();
const typeNamed = (name: string): InstanceType => catalog.instanceTypes.find((type) => type.instanceType === name)!;
const acceleratorNamed = (model: string): AcceleratorSpec => catalog.accelerators.find((accelerator) => accelerator.model === model)!;

function gpuSpec(accelerators: string[], precisions: ("fp32" | "fp16" | "int8")[] = ["int8"]): WorkloadSpecInput {
  return {
    name: "gpu-validation",
    model: { profile: "./profile.cnn.json" },
    traffic: { meanRps: 2000, peakRps: 4000 },
    slo: { p95LatencyMs: 1000 },
    constraints: { accelerators },
    options: { precisions, batching: { maxBatch: 256, maxQueueDelayMs: 1000 } },
  };
}

function projectionOf(candidate: Candidate): PerformanceProjection {
  const instance = typeNamed(candidate.instanceType);
  const result = projectPerformance({
    profiles: [profile],
    instance,
    accelerator: acceleratorNamed(instance.accelerator!.model),
    priors: catalog.priors,
    precision: candidate.precision,
    batchSize: candidate.batchSize,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.projection;
}

describe("the planner on GPUs, from a CNN profile measured on a CPU", () => {
  const offered = new Set(catalog.instanceTypes.filter((type) => type.accelerator && !type.planningExclusion).map((type) => type.accelerator!.model));

  it("reaches each published MLPerf ResNet-50 per-accelerator figure within ±50 %, at a GPU batch of 32 or more", () => {
    const rows = plannerRows(catalog, profile);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      const label = `${row.accelerator}: ${row.perDevice.toFixed(0)} vs ${row.published} (${row.round})`;
      expect(row.chosen.batchSize, label).toBeGreaterThanOrEqual(32);
      expect(Math.abs(row.perDevice / row.published - 1), label).toBeLessThan(0.5);
      // The same figure the library projects for that type, precision and batch: the plan adds nothing of the CPU's.
      expect(row.chosen.throughputPerInstanceRps, label).toBeCloseTo(projectionOf(row.chosen).capacityPerInstanceRps, 0);
    }
  });

  it("offers FP16 on NVIDIA GPUs only, and GPU INT8 only from a static (QDQ) artifact", () => {
    const mixed = plan({ ...gpuSpec(["none", "L4"], ["fp32", "fp16", "int8"]) }, { catalog, profiles: [profile], now: fixedNow });
    expect(mixed.search.excludedBy.serving).toBeGreaterThan(0);
    for (const candidate of [mixed.chosen, ...mixed.alternatives, ...mixed.pareto]) {
      if (candidate.precision === "fp16") expect(candidate.accelerator?.model, candidate.instanceType).toBe("L4");
    }
    const dynamic = { ...profile, quantization: { ...profile.quantization!, method: "dynamic: MatMul/Gemm weights to int8", transform: "dynamic-int8" as const } };
    const gpuOnly = plan(gpuSpec(["L4"], ["fp16", "int8"]), { catalog, profiles: [dynamic], now: fixedNow });
    for (const candidate of [gpuOnly.chosen, ...gpuOnly.alternatives]) expect(candidate.precision, candidate.instanceType).toBe("fp16");
  });

  it("gates FP16 on its measured drift when the profile has it", () => {
    const fp16File = { precision: "fp16" as const, recipe: { transform: "none" as const }, sha256: profile.model.sha256, bytes: 102_400_000, quantizedNodes: 0, driftNote: "fixture" };
    const drifted = { ...profile, artifacts: [{ ...fp16File, drift: { maxAbsDifference: 0.4, cosineSimilarity: 0.95, top1Agreement: 0.9 } }] };
    const result = plan(gpuSpec(["L4"], ["fp32", "fp16"]), { catalog, profiles: [drifted], now: fixedNow });
    for (const candidate of [result.chosen, ...result.alternatives, ...result.pareto]) expect(candidate.precision).toBe("fp32");
    expect(result.search.excludedBy.accuracy).toBeGreaterThan(0);
    const close = { ...profile, artifacts: [{ ...fp16File, drift: { maxAbsDifference: 0.001, cosineSimilarity: 0.99999, top1Agreement: 1 } }] };
    const accepted = plan(gpuSpec(["L4"], ["fp32", "fp16"]), { catalog, profiles: [close], now: fixedNow });
    expect(accepted.chosen.precision).toBe("fp16");
  });

  it("gives every GPU candidate an energy per inference at full load within ±30 % of its devices' and host's power over its throughput", () => {
    const models = [...offered].filter((model) => acceleratorNamed(model).vendor === "NVIDIA");
    const result = plan(gpuSpec(models, ["fp16", "int8"]), { catalog, profiles: [profile], now: fixedNow });
    const candidates = [result.chosen, ...result.pareto, ...result.alternatives].filter((candidate) => candidate.accelerator !== null);
    expect(candidates.length).toBeGreaterThan(5);
    for (const candidate of candidates) {
      const instance = typeNamed(candidate.instanceType);
      const accelerator = acceleratorNamed(instance.accelerator!.model);
      const projection = projectionOf(candidate);
      // Load the fleet fully: exactly `instances` instances' worth of traffic at 100 % target utilisation.
      const fullLoadRps = projection.capacityPerInstanceRps * 3;
      const estimate = estimateCandidate({
        projection,
        instance,
        accelerator,
        region: catalog.regions.find((region) => region.provider === candidate.provider && region.code === candidate.region)!,
        pue: candidate.pue,
        intensityBasis: "lifecycle",
        usdPerHour: candidate.usdPerHour,
        pricing: "on-demand",
        traffic: { meanRps: fullLoadRps, peakRps: fullLoadRps, quietestRps: fullLoadRps },
        cacheHitRate: 0,
        targetUtilization: 1,
        maxQueueDelayMs: 1000,
        networkRoundTripMs: 0,
      });
      expect(estimate.utilization, candidate.instanceType).toBeCloseTo(1, 9);
      // IT power at 100 %: the devices at their maximum, the host's vCPUs busy at theirs, its memory; no PUE.
      const devicesWatts = instance.accelerator!.count * (instance.power.acceleratorMaxWatts?.value ?? accelerator.maxWatts!.value);
      const hostWatts = instance.vcpus * instance.power.cpuMaxWattsPerVcpu.value + instance.memoryGb * instance.power.memoryWattsPerGb.value;
      const expectedJoules = (devicesWatts + hostWatts) / candidate.throughputPerInstanceRps;
      const name = `${candidate.provider}/${candidate.region}/${candidate.instanceType}/${candidate.precision}/b${candidate.batchSize}`;
      expect(Math.abs(estimate.energyPerInferenceJ / candidate.pue / expectedJoules - 1), name).toBeLessThanOrEqual(0.3);
    }
  });
});
