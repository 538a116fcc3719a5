import { describe, expect, it } from "vitest";
import type { InstanceType } from "../../src/domain/catalog.ts";
import type { Int8IsaClass } from "../../src/domain/int8-isa.ts";
import { INT8_THROUGHPUT } from "../../src/domain/int8-throughput.ts";
import type { ModelProfile, QuantizationReport } from "../../src/domain/profile.ts";
import { noteTexts, projectPerformance, type PerformanceProjection } from "../../src/estimate/index.ts";
import { figure, makeCell, makeInstance, makeProfile } from "./fixtures.ts";

// INT8 on CPU types comes from each type's integer throughput, calibrated by the host's INT8 efficiency against its
// own class's peak: never the host's INT8/FP32 ratio copied onto every type.

const amxFlags = ["avx2", "avx512f", "avx512bw", "avx512_vnni", "amx_tile", "amx_int8"];
const avx2Flags = ["avx", "avx2", "fma"];

function report(overrides: Partial<QuantizationReport> = {}): QuantizationReport {
  return {
    method: "dynamic: MatMul/Gemm weights to int8",
    quantizedNodes: 12,
    skipped: [],
    weightBytes: 1e6,
    drift: { maxAbsDifference: 0.01, cosineSimilarity: 0.999, top1Agreement: null },
    speedRatio: null,
    ...overrides,
  };
}

/** A 1-GFLOP model measured at batches 1 and 8 on one thread: FP32 1 ms + 10 ms per item, INT8 `int8PerItemMs` per item. */
function profileWith(options: { flags: string[]; matMulShare: number; int8PerItemMs: number; quantization: QuantizationReport | null }): ModelProfile {
  const base = makeProfile({
    fp32Gflops: 200,
    measurements: [1, 8].flatMap((batchSize) => [
      makeCell({ batchSize, latencyMs: 1 + 10 * batchSize }),
      makeCell({ batchSize, latencyMs: 1 + options.int8PerItemMs * batchSize, precision: "int8" }),
    ]),
  });
  const flops = base.model.cost.flopsPerInference;
  return {
    ...base,
    model: { ...base.model, cost: { ...base.model.cost, flopsByOperator: { MatMul: flops * options.matMulShare, Conv: flops * (1 - options.matMulShare) } } },
    host: { ...base.host, isaFlags: options.flags },
    quantization: options.quantization,
  };
}

/** A CPU type of one INT8 class: 8 vCPUs, FP32 800 GFLOPS, INT8 at the class's ratio. */
function typeOfClass(instanceType: string, isa: Int8IsaClass): InstanceType {
  return makeInstance({
    instanceType,
    cpu: { model: "fixture", microarchitecture: isa, source: "fixture", int8Isa: isa },
    peak: { cpuFp32Gflops: figure(800), cpuInt8Gops: figure(800 * INT8_THROUGHPUT[isa].opsPerFp32Flop), memoryBandwidthGbPerSecond: figure(1000) },
  });
}

function project(profile: ModelProfile, instance: InstanceType, precision: "fp32" | "int8"): PerformanceProjection {
  const result = projectPerformance({ profiles: [profile], instance, accelerator: null, priors: [], precision, batchSize: 8 });
  if (!result.ok) throw new Error(result.reason);
  return result.projection;
}

const amxType = typeOfClass("amx.2xlarge", "amx");
const vnniType = typeOfClass("vnni.2xlarge", "avx512-vnni");
const avx2Type = typeOfClass("avx2.2xlarge", "avx2");

describe("INT8 on CPU types from each type's integer throughput", () => {
  it("projects INT8 = FP32 everywhere when the transform quantized no node, whatever the INT8 cells timed", () => {
    // The same graph timed twice can read "×1.21": a 0-node transform must yield no speed-up anywhere.
    const profile = profileWith({ flags: amxFlags, matMulShare: 0.9, int8PerItemMs: 8.26, quantization: report({ quantizedNodes: 0 }) });
    for (const type of [amxType, vnniType, avx2Type]) {
      const fp32 = project(profile, type, "fp32");
      const int8 = project(profile, type, "int8");
      expect(int8.serviceTimeMs, type.instanceType).toBe(fp32.serviceTimeMs);
      expect(int8.capacityRangeRps, type.instanceType).toEqual(fp32.capacityRangeRps);
      expect(noteTexts(int8.assumptions).join("\n")).toMatch(/INT8 = the FP32 projection: the INT8 transform quantized no node/);
    }
  });

  it("does the same without a quantization report (nothing says anything was quantized)", () => {
    const profile = profileWith({ flags: amxFlags, matMulShare: 0.9, int8PerItemMs: 5, quantization: null });
    expect(project(profile, vnniType, "int8").serviceTimeMs).toBe(project(profile, vnniType, "fp32").serviceTimeMs);
  });

  it("does not copy the host's INT8/FP32 ratio: it carries within the host's instruction class, and is bounded across classes", () => {
    // Measured on an AMX host: INT8 3.5 × faster than FP32 on a 90 %-MatMul model.
    const profile = profileWith({ flags: amxFlags, matMulShare: 0.9, int8PerItemMs: 10 / 3.5, quantization: report() });
    const ratio = (type: InstanceType) => project(profile, type, "fp32").serviceTimeMs / project(profile, type, "int8").serviceTimeMs;
    const hostRatio = (1 + 10 * 8) / (1 + (10 / 3.5) * 8);
    // On a type of the host's class the measured speed-up carries over (same efficiency against the same ratio of peaks)...
    expect(ratio(amxType)).toBeCloseTo(hostRatio, 1);
    // ...on another class the AMX efficiency (a small share of a huge peak) would promise a slow-down: the quantized
    // share is held at no worse than FP32 and no better than the host's gain.
    for (const type of [vnniType, avx2Type]) {
      expect(ratio(type), type.instanceType).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(ratio(type), type.instanceType).toBeLessThan(ratio(amxType));
    }
  });

  it("does not let an AVX2 host's efficiency promise an AMX type more than the gain the host measured", () => {
    // Measured on an AVX2 host: INT8 1.3 × faster than FP32 (close to the class's 4/3 nominal).
    const profile = profileWith({ flags: avx2Flags, matMulShare: 0.9, int8PerItemMs: 10 / 1.3, quantization: report() });
    const onAvx2 = project(profile, avx2Type, "int8");
    const onAmx = project(profile, amxType, "int8");
    const fp32OnAmx = project(profile, amxType, "fp32");
    // Carried as an efficiency against AMX's 32 × peak it would be many times faster; the central figure keeps the host's gain.
    expect(fp32OnAmx.serviceTimeMs / onAmx.serviceTimeMs).toBeLessThanOrEqual((1 + 10 * 8) / (1 + (10 / 1.3) * 8) + 0.05);
    expect(onAmx.capacityRangeRps.high / onAmx.capacityPerInstanceRps).toBeGreaterThan(2);
    expect(noteTexts(onAmx.assumptions).join("\n")).toMatch(/host's INT8 class \(avx2\) differs from amx\.2xlarge \(amx\)'s/);
    expect(noteTexts(onAvx2.assumptions).join("\n")).toMatch(/same INT8 instruction class as the host \(avx2\)/);
  });

  it("claims no speed-up for a quantized share too small to measure: a CNN whose one Gemm was quantized stays at its FP32 speed", () => {
    // 0.02 % of the FLOPs quantized; the INT8 cells happen to read 10 % slower (noise on the same convolutions).
    const profile = profileWith({ flags: amxFlags, matMulShare: 0.0002, int8PerItemMs: 11, quantization: report({ quantizedNodes: 1 }) });
    for (const type of [amxType, vnniType, avx2Type]) {
      const fp32 = project(profile, type, "fp32").serviceTimeMs;
      const int8 = project(profile, type, "int8");
      expect(int8.serviceTimeMs, type.instanceType).toBe(fp32);
      expect(noteTexts(int8.assumptions).join("\n")).toMatch(/within the measurement's noise, so no INT8 speed-up can be read from it/);
    }
  });

  it("counts convolutions as quantized only for a static (QDQ) transform", () => {
    const dynamic = profileWith({ flags: amxFlags, matMulShare: 0.01, int8PerItemMs: 4, quantization: report() });
    const staticQdq = { ...dynamic, quantization: report({ method: "static QDQ: Conv/MatMul/Gemm weights and activations to int8, calibrated", transform: "static-int8-qdq" }) };
    const fp32 = project(dynamic, amxType, "fp32").serviceTimeMs;
    expect(project(dynamic, amxType, "int8").serviceTimeMs / fp32).toBeGreaterThan(0.98);
    expect(project(staticQdq, amxType, "int8").serviceTimeMs / fp32).toBeLessThan(0.6);
  });
});
