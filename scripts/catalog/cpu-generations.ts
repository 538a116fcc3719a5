// The CPU generations instance families land on: each one's INT8 instruction class, memory system and (for the
// generations the reference peak table lacks) peak rates, from scripts/catalog/cpu-generations.csv, and the rule
// that picks the generation a family's figures describe: the least capable one it can land on.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { int8IsaClassSchema, type Int8IsaClass } from "../../src/domain/int8-isa.ts";
import { INT8_THROUGHPUT } from "../../src/domain/int8-throughput.ts";
import { numberCell, readCsv } from "./csv.ts";
import type { CpuPeakRates } from "./instances-peak.ts";

const scriptDirectory = dirname(fileURLToPath(import.meta.url));

export interface GenerationFacts {
  microarchitecture: string;
  int8Isa: Int8IsaClass;
  isaSource: string;
  memoryChannels: number;
  memoryMegatransfersPerSecond: number;
  memorySource: string;
  /** Theoretical: channels × MT/s × 8 bytes ÷ 1000. */
  memoryBandwidthGbPerSecondPerSocket: number;
  /** Peak rates for generations the reference's power/cpu-peak-flops.csv has no row for. */
  peak?: { fp32FlopsPerCyclePerCore: number; allCoreClockGhz: number; source: string };
}

let cached: Map<string, GenerationFacts> | null = null;

export function generationFacts(): Map<string, GenerationFacts> {
  if (cached) return cached;
  cached = new Map();
  for (const row of readCsv(scriptDirectory, "cpu-generations.csv")) {
    const where = `cpu-generations.csv ${row.microarchitecture}`;
    const channels = numberCell(row, "memory_channels", where);
    const megatransfers = numberCell(row, "memory_mt_per_s", where);
    if (channels === undefined || megatransfers === undefined) throw new Error(`${where}: memory channels and speed are required`);
    const fp32 = numberCell(row, "fp32_flops_per_cycle_per_core", where);
    const clock = numberCell(row, "allcore_clock_ghz", where);
    cached.set(row.microarchitecture, {
      microarchitecture: row.microarchitecture,
      int8Isa: int8IsaClassSchema.parse(row.int8_isa),
      isaSource: row.isa_source,
      memoryChannels: channels,
      memoryMegatransfersPerSecond: megatransfers,
      memorySource: row.memory_source,
      memoryBandwidthGbPerSecondPerSocket: (channels * megatransfers * 8) / 1000,
      ...(fp32 !== undefined && clock !== undefined ? { peak: { fp32FlopsPerCyclePerCore: fp32, allCoreClockGhz: clock, source: row.peak_source } } : {}),
    });
  }
  return cached;
}

export function factsOf(microarchitecture: string): GenerationFacts {
  const facts = generationFacts().get(microarchitecture);
  if (!facts) throw new Error(`no row for '${microarchitecture}' in scripts/catalog/cpu-generations.csv`);
  return facts;
}

/**
 * The generation a family is projected on: the one with the least INT8 throughput per core (then FP32, then memory
 * bandwidth). Providers place a VM on any generation the family lists, so a plan must hold on the slowest.
 */
export function leastCapable<T extends { microarchitecture: string; rates: CpuPeakRates }>(generations: T[]): T {
  const perCore = (rates: CpuPeakRates, opsPerCycle: number) => opsPerCycle * rates.allCoreClockGhz;
  const key = (generation: T) => [
    perCore(generation.rates, generation.rates.int8OpsPerCyclePerCore),
    perCore(generation.rates, generation.rates.fp32FlopsPerCyclePerCore),
    factsOf(generation.microarchitecture).memoryBandwidthGbPerSecondPerSocket,
  ];
  return generations.reduce((least, candidate) => {
    const [a, b] = [key(candidate), key(least)];
    const index = a.findIndex((value, position) => value !== b[position]);
    return index >= 0 && a[index] < b[index] ? candidate : least;
  });
}

/** The CPU-generation section of catalog/SOURCES.md: each generation's INT8 class and memory system with sources. */
export function generationSourcesMarkdown(): string[] {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "## CPU generations (scripts/catalog/cpu-generations.csv)",
    "",
    "The INT8 instruction class and memory system of every generation a listed type can land on. A type's figures describe",
    "its least capable generation; its memory bandwidth is the socket's times its share of the socket's vCPUs.",
    "",
    "| generation | INT8 class | memory per socket | GB/s | INT8 class source | memory source |",
    "|---|---|---|---|---|---|",
    ...[...generationFacts().values()].map(
      (facts) =>
        `| ${facts.microarchitecture} | ${facts.int8Isa} | ${facts.memoryChannels} x ${facts.memoryMegatransfersPerSecond} MT/s | ${facts.memoryBandwidthGbPerSecondPerSocket.toFixed(1)} | ${cell(facts.isaSource)} | ${cell(facts.memorySource)} |`,
    ),
    "",
    "INT8 ops per FP32 FLOP by class (src/domain/int8-throughput.ts; the catalog's INT8 peaks and the measuring host's INT8 peak both use it):",
    "",
    ...Object.entries(INT8_THROUGHPUT).map(([isa, throughput]) => `- ${isa}: ${Number(throughput.opsPerFp32Flop.toFixed(3))} (${throughput.basis})`),
    "",
  ];
}
