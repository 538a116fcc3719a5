import type { Figure } from "../../src/domain/figure.ts";
import { optionalNumber, readReferenceCsv, roundTo, type ReferenceRow } from "./instances-csv.ts";
import type { Architecture } from "./instances-families.ts";
import { instanceSourceIds } from "./instances-sources.ts";

export interface CpuPeakRates {
  fp32FlopsPerCyclePerCore: number;
  int8OpsPerCyclePerCore: number;
  allCoreClockGhz: number;
  /** How the rates were obtained, when not read directly from one row. */
  note: string;
}

const peakRowName: Record<string, string> = {
  "Ampere Altra (Neoverse N1)": "Ampere Altra / Altra Max (Neoverse N1)",
};

/**
 * Per-core peak rates for a microarchitecture from power/cpu-peak-flops.csv. Skylake has no row: it is the
 * Cascade Lake core without VNNI, so FP32 and clock come from the Cascade Lake row and INT8 is a third of the VNNI
 * rate (the file's own rule for AVX-512/AVX2 parts without VNNI: three instructions per 8-bit multiply-add).
 */
export function cpuPeakRates(referenceDirectory: string, microarchitecture: string): CpuPeakRates {
  const rows = readReferenceCsv(referenceDirectory, "power/cpu-peak-flops.csv");
  const find = (name: string): ReferenceRow | undefined => rows.find((row) => row.microarchitecture === name);
  const rates = (row: ReferenceRow, note: string): CpuPeakRates => {
    const fp32 = optionalNumber(row, "fp32_flops_per_cycle_per_core");
    const int8 = optionalNumber(row, "int8_ops_per_cycle_per_core");
    const clock = optionalNumber(row, "allcore_clock_ghz");
    if (fp32 === undefined || int8 === undefined || clock === undefined) throw new Error(`incomplete peak row for ${row.microarchitecture}`);
    return { fp32FlopsPerCyclePerCore: fp32, int8OpsPerCyclePerCore: int8, allCoreClockGhz: clock, note };
  };
  if (microarchitecture === "Skylake") {
    const cascadeLake = find("Cascade Lake");
    if (!cascadeLake) throw new Error("no Cascade Lake row in power/cpu-peak-flops.csv");
    const base = rates(cascadeLake, "");
    return {
      ...base,
      int8OpsPerCyclePerCore: roundTo(base.int8OpsPerCyclePerCore / 3, 2),
      note: "Skylake-SP has no row: Cascade Lake's FP32 rate and clock (same core), INT8 a third of its VNNI rate (no VNNI on Skylake)",
    };
  }
  const row = find(peakRowName[microarchitecture] ?? microarchitecture);
  if (!row) throw new Error(`no peak row for '${microarchitecture}' in power/cpu-peak-flops.csv`);
  return rates(row, "");
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
  const figure = (opsPerCycle: number, kind: string): Figure => ({
    value: roundTo(opsPerCycle * rates.allCoreClockGhz * cores, 1),
    source: instanceSourceIds.cpuPeak,
    asOf: "2026-08",
    method:
      `${opsPerCycle} ${kind} per cycle per core x ${rates.allCoreClockGhz} GHz all-core clock x ${coresNote}` +
      (rates.note ? `; ${rates.note}` : "") +
      generationNote,
    estimated: true,
  });
  return {
    cpuFp32Gflops: figure(rates.fp32FlopsPerCyclePerCore, "FP32 FLOPs"),
    cpuInt8Gops: figure(rates.int8OpsPerCyclePerCore, "INT8 ops"),
  };
}
