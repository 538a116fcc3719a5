// What machine the measurements come from: CPU, cores, memory and the instruction-set extensions that decide which
// kernels onnxruntime picks (VNNI and AMX make INT8 fast; without them INT8 barely beats FP32).
import { readFile } from "node:fs/promises";
import { arch, cpus, platform, totalmem } from "node:os";

export interface HostFacts {
  cpuModel: string;
  architecture: string;
  platform: string;
  logicalCores: number;
  memoryGb: number;
  isaFlags: string[];
}

/** The extensions worth recording, by their /proc/cpuinfo names (x86 "flags", Arm "Features"). */
const interestingFlags = [
  "avx",
  "avx2",
  "fma",
  "f16c",
  "avx512f",
  "avx512bw",
  "avx512_vnni",
  "avx512_bf16",
  "avx512_fp16",
  "avx_vnni",
  "amx_tile",
  "amx_int8",
  "amx_bf16",
  "asimd",
  "asimddp",
  "i8mm",
  "bf16",
  "sve",
  "sve2",
];

export interface CpuInfo {
  cpuModel: string | null;
  isaFlags: string[];
}

export function parseCpuInfo(text: string): CpuInfo {
  let cpuModel: string | null = null;
  const flags = new Set<string>();
  for (const line of text.split("\n")) {
    const separator = line.indexOf(":");
    if (separator < 0) continue;
    const key = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    if (cpuModel === null && (key === "model name" || key === "hardware" || key === "cpu model")) cpuModel = value;
    if (key === "flags" || key === "features") for (const flag of value.split(/\s+/)) flags.add(flag.toLowerCase());
  }
  return { cpuModel, isaFlags: interestingFlags.filter((flag) => flags.has(flag)) };
}

export async function probeHost(cpuInfoPath = "/proc/cpuinfo"): Promise<HostFacts> {
  let info: CpuInfo = { cpuModel: null, isaFlags: [] };
  try {
    info = parseCpuInfo(await readFile(cpuInfoPath, "utf8"));
  } catch {
    // Not Linux (or a sandbox without /proc): the model name from os.cpus() still says what we ran on.
  }
  const processors = cpus();
  return {
    cpuModel: info.cpuModel ?? processors[0]?.model ?? "unknown CPU",
    architecture: arch(),
    platform: platform(),
    logicalCores: Math.max(processors.length, 1),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    isaFlags: info.isaFlags,
  };
}
