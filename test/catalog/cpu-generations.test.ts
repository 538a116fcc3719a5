import { describe, expect, it } from "vitest";
import { INT8_THROUGHPUT } from "../../src/domain/int8-throughput.ts";
import { int8WeightBitsFor } from "../../src/domain/int8-isa.ts";
import { loadCatalog } from "../../src/catalog/load.ts";

// The CPU side of the projection: which generations a type lands on, the one its figures describe, INT8 peaks per
// instruction class and memory bandwidth per type; the A10G's peaks and the MLPerf priors.
const catalog = loadCatalog();
const byName = new Map(catalog.instanceTypes.map((type) => [type.instanceType, type]));
const typeNamed = (instanceType: string) => byName.get(instanceType) ?? expect.fail(`catalog has no type ${instanceType}`);

describe("CPU generations per instance type", () => {
  it("lists every generation a type can land on, each with its INT8 class and a source, the described one first", () => {
    for (const type of catalog.instanceTypes) {
      const generations = type.cpu.generations ?? [];
      expect(generations.length, type.instanceType).toBeGreaterThan(0);
      expect(generations[0].microarchitecture, type.instanceType).toBe(type.cpu.microarchitecture);
      expect(type.cpu.int8Isa, type.instanceType).toBe(generations[0].int8Isa);
      for (const generation of generations) expect(generation.source.length, type.instanceType).toBeGreaterThan(0);
    }
  });

  it("describes each type by its least capable generation (least INT8 per core)", () => {
    for (const type of catalog.instanceTypes) {
      const [described, ...others] = type.cpu.generations!;
      for (const other of others) expect(described.int8GopsPerCore!, `${type.instanceType}: ${other.microarchitecture}`).toBeLessThanOrEqual(other.int8GopsPerCore!);
    }
  });

  it("no longer gives Fsv2 or Dsv5 Emerald Rapids' AMX INT8 peak: Fsv2 is Skylake (no VNNI), Dsv5 Ice Lake", () => {
    const fsv2 = typeNamed("Standard_F4s_v2");
    expect(fsv2.cpu.microarchitecture).toBe("Skylake");
    expect(fsv2.cpu.int8Isa).toBe("avx512");
    expect(fsv2.cpu.generations!.map((generation) => generation.microarchitecture)).toContain("Emerald Rapids");
    expect(fsv2.peak.cpuInt8Gops.value / fsv2.peak.cpuFp32Gflops.value).toBeCloseTo(4 / 3, 2);
    expect(typeNamed("Standard_D4s_v5").cpu.int8Isa).toBe("avx512-vnni");
    expect(typeNamed("n2-standard-4").cpu.microarchitecture).toBe("Cascade Lake");
    expect(typeNamed("c4-standard-4").cpu.microarchitecture).toBe("Emerald Rapids");
  });

  it("gives the 7-bit weight rule what it needs: Fsv2 needs 7-bit weights, Dsv5 and every Graviton do not", () => {
    const bitsOf = (name: string) => int8WeightBitsFor(typeNamed(name).cpu.generations!.map((generation) => generation.int8Isa));
    expect(bitsOf("Standard_F4s_v2")).toBe(7);
    expect(bitsOf("g5.xlarge")).toBe(7);
    expect(bitsOf("Standard_D4s_v5")).toBe(8);
    expect(bitsOf("c7g.xlarge")).toBe(8);
    expect(bitsOf("c7i.xlarge")).toBe(8);
  });

  it("keeps every type's INT8 peak at its FP32 peak × its class's INT8 ops per FP32 FLOP (the ratio the projection uses for the host)", () => {
    for (const type of catalog.instanceTypes) {
      const ratio = type.peak.cpuInt8Gops.value / type.peak.cpuFp32Gflops.value;
      expect(ratio, type.instanceType).toBeCloseTo(INT8_THROUGHPUT[type.cpu.int8Isa!].opsPerFp32Flop, 2);
    }
  });
});

describe("memory bandwidth per instance type", () => {
  it("is filled for every type, estimated, with channels × speed × the socket share in its method", () => {
    for (const type of catalog.instanceTypes) {
      const bandwidth = type.peak.memoryBandwidthGbPerSecond;
      expect(bandwidth, type.instanceType).toBeDefined();
      expect(bandwidth!.estimated, type.instanceType).toBe(true);
      expect(bandwidth!.method, type.instanceType).toMatch(/channels x \d+ MT\/s x 8 bytes = [\d.]+ GB\/s per socket x \d+ \/ \d+ vCPUs of the socket/);
    }
  });

  it("follows the socket's memory system and the type's share of it", () => {
    expect(typeNamed("c6i.2xlarge").peak.memoryBandwidthGbPerSecond!.value).toBeCloseTo(204.8 * (8 / 64), 1);
    expect(typeNamed("c7g.4xlarge").peak.memoryBandwidthGbPerSecond!.value).toBeCloseTo(307.2 * (16 / 64), 1);
    expect(typeNamed("c8g.4xlarge").peak.memoryBandwidthGbPerSecond!.value).toBeCloseTo(537.6 * (16 / 96), 1);
    expect(typeNamed("m7i.2xlarge").peak.memoryBandwidthGbPerSecond!.value).toBeCloseTo(307.2 * (8 / 96), 1);
    // Same vCPUs, different memory systems: the Graviton4 type has more per vCPU than the Graviton3 one.
    expect(typeNamed("c8g.4xlarge").peak.memoryBandwidthGbPerSecond!.value).toBeGreaterThan(typeNamed("c7g.4xlarge").peak.memoryBandwidthGbPerSecond!.value);
  });
});

describe("A10G tensor peaks", () => {
  it("carry the A10G's own, lower tensor rates with their source, not the A10's scaled by the FP32 clock ratio", () => {
    const a10g = catalog.accelerators.find((accelerator) => accelerator.model === "A10G")!;
    expect(a10g.fp16Tflops.value).toBe(70);
    expect(a10g.int8Tops.value).toBe(140);
    expect(a10g.int8Tops.source).toBe("a10g-tensor-rates");
    expect(catalog.sources.some((source) => source.id === "a10g-tensor-rates")).toBe(true);
  });
});

describe("MLPerf efficiency priors", () => {
  it("recompute from their published figures: per accelerator = system ÷ devices, × FLOPs ÷ the catalog's dense peak", () => {
    const records = catalog.priors.filter((prior) => prior.published);
    expect(records.length).toBeGreaterThan(40);
    for (const prior of records) {
      const published = prior.published!;
      const accelerator = catalog.accelerators.find((candidate) => candidate.model === prior.subject)!;
      const peak = prior.precision === "int8" ? accelerator.int8Tops.value : accelerator.fp16Tflops.value;
      expect(published.densePeakTeraOpsPerSecond, prior.id).toBe(peak);
      expect(published.samplesPerSecondPerAccelerator, prior.id).toBeCloseTo(published.systemSamplesPerSecond / published.accelerators, 1);
      expect(prior.low, prior.id).toBeCloseTo((published.samplesPerSecondPerAccelerator * published.flopsPerSample) / (peak * 1e12), 3);
      expect(prior.modelClass, prior.id).toBeDefined();
    }
  });

  it("let the A10 stand in for the A10G (no MLPerf result), labelled so", () => {
    const standIns = catalog.priors.filter((prior) => prior.subject === "A10G");
    expect(standIns.length).toBeGreaterThan(0);
    for (const prior of standIns) {
      expect(prior.published).toBeUndefined();
      expect(prior.notes).toMatch(/stands in for A10G, which has no MLPerf result/);
    }
  });
});
