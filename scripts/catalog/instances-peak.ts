import type { Figure } from "../../src/domain/figure.ts";
import { INT8_THROUGHPUT } from "../../src/domain/int8-throughput.ts";
import { factsOf } from "./cpu-generations.ts";
import { optionalNumber, readReferenceCsv, roundTo, type ReferenceRow } from "./instances-csv.ts";
import type { Architecture } from "./instances-families.ts";
import { instanceSourceIds } from "./instances-sources.ts";

export interface CpuPeakRates {
  fp32FlopsPerCyclePerCore: number;
  int8OpsPerCyclePerCore: number;
  allCoreClockGhz: number;
  /** How the FP32 rate and clock were obtained, when not read directly from one reference row. */
  fp32Note: string;
  /** How the INT8 rate was obtained. */
  int8Note: string;
}

const peakRowName: Record<string, string> = {
  "Ampere Altra (Neoverse N1)": "Ampere Altra / Altra Max (Neoverse N1)",
};

/** Classes whose reference INT8 column is the instruction-level rate, three times the multiply-add rate. */
const threeInstructionsPerMultiplyAdd = new Set(["avx2", "avx512"]);

/**
 * Per-core peak rates for a microarchitecture: FP32 and clock from power/cpu-peak-flops.csv (or, for the older
 * Intel generations it lacks, from scripts/catalog/cpu-generations.csv), INT8 = FP32 × the INT8 class's ops per
 * FP32 FLOP (src/domain/int8-throughput.ts), the same table the projection uses for the measuring host. The
 * reference's own INT8 column is checked against it: equal for VNNI, AMX and Arm dot products, three times it
 * without VNNI (the reference gives the instruction-level rate there and says the effective one is a third).
 * Skylake has no row: it is the Cascade Lake core without VNNI (same FP32 rate and clock).
 */
export function cpuPeakRates(referenceDirectory: string, microarchitecture: string): CpuPeakRates {
  const facts = factsOf(microarchitecture);
  const ratio = INT8_THROUGHPUT[facts.int8Isa].opsPerFp32Flop;
  const rows = readReferenceCsv(referenceDirectory, "power/cpu-peak-flops.csv");
  const find = (name: string): ReferenceRow | undefined => rows.find((row) => row.microarchitecture === name);
  const rowName = microarchitecture === "Skylake" ? "Cascade Lake" : (peakRowName[microarchitecture] ?? microarchitecture);
  const row = find(rowName);
  const classNote = `INT8 = FP32 x ${roundTo(ratio, 3)}, the ${facts.int8Isa} class's INT8 ops per FP32 FLOP (SOURCES.md caveats)`;
  if (!row) {
    if (!facts.peak) throw new Error(`no peak row for '${microarchitecture}' in power/cpu-peak-flops.csv or scripts/catalog/cpu-generations.csv`);
    const { fp32FlopsPerCyclePerCore, allCoreClockGhz, source } = facts.peak;
    return { fp32FlopsPerCyclePerCore, int8OpsPerCyclePerCore: roundTo(fp32FlopsPerCyclePerCore * ratio, 2), allCoreClockGhz, fp32Note: source, int8Note: classNote };
  }
  const fp32 = optionalNumber(row, "fp32_flops_per_cycle_per_core");
  const referenceInt8 = optionalNumber(row, "int8_ops_per_cycle_per_core");
  const clock = optionalNumber(row, "allcore_clock_ghz");
  if (fp32 === undefined || referenceInt8 === undefined || clock === undefined) throw new Error(`incomplete peak row for ${row.microarchitecture}`);
  const int8 = roundTo(fp32 * ratio, 2);
  const instructionLevel = threeInstructionsPerMultiplyAdd.has(facts.int8Isa) && microarchitecture !== "Skylake";
  const expected = instructionLevel ? referenceInt8 / 3 : microarchitecture === "Skylake" ? int8 : referenceInt8;
  if (Math.abs(expected - int8) > 0.01) {
    throw new Error(`power/cpu-peak-flops.csv ${row.microarchitecture}: INT8 ${referenceInt8} ops per cycle disagrees with FP32 ${fp32} × ${ratio} (${facts.int8Isa})`);
  }
  const fp32Note = microarchitecture === "Skylake" ? "Skylake-SP has no row: Cascade Lake's FP32 rate and clock (same core)" : "";
  const int8Note = [instructionLevel ? `the reference's ${referenceInt8} INT8 ops per cycle is the instruction-level rate; a third of it is used` : "", classNote].filter(Boolean).join("; ");
  return { fp32FlopsPerCyclePerCore: fp32, int8OpsPerCyclePerCore: int8, allCoreClockGhz: clock, fp32Note, int8Note };
}

/** Physical cores behind the vCPUs: x86 clouds expose both SMT threads of a core; Arm vCPUs are whole cores. */
export function physicalCores(vcpus: number, architecture: Architecture): number {
  return architecture === "arm64" ? vcpus : vcpus / 2;
}

export function cpuPeakFigures(
  rates: CpuPeakRates,
  vcpus: number,
  architecture: Architecture,
  generationNote: string,
): { cpuFp32Gflops: Figure; cpuInt8Gops: Figure } {
  const cores = physicalCores(vcpus, architecture);
  const coresNote = architecture === "arm64" ? `${cores} cores (1 vCPU = 1 core)` : `${cores} cores (${vcpus} vCPUs / 2 SMT threads)`;
  const figure = (opsPerCycle: number, kind: string, note: string): Figure => ({
    value: roundTo(opsPerCycle * rates.allCoreClockGhz * cores, 1),
    source: instanceSourceIds.cpuPeak,
    asOf: "2026-08",
    method:
      `${roundTo(opsPerCycle, 2)} ${kind} per cycle per core x ${rates.allCoreClockGhz} GHz all-core clock x ${coresNote}` +
      (note ? `; ${note}` : "") +
      generationNote,
    estimated: true,
  });
  return {
    cpuFp32Gflops: figure(rates.fp32FlopsPerCyclePerCore, "FP32 FLOPs", rates.fp32Note),
    cpuInt8Gops: figure(rates.int8OpsPerCyclePerCore, "INT8 ops", rates.int8Note),
  };
}
