import type { ProviderId } from "../../src/domain/catalog.ts";
import { readReferenceCsv } from "./instances-csv.ts";
import { describeFromCcf } from "./cpu-from-ccf.ts";
import { instanceSourceIds } from "./instances-sources.ts";

export type Architecture = "x86_64" | "arm64";

/** One instance family the catalog lists, and which CPU generation we describe it with. */
export interface FamilyDefinition {
  provider: ProviderId;
  family: string;
  /** The family's key in power/instance-family-microarchitecture.csv. */
  microarchitectureFamily: string;
  /** A generation the family runs on (the one the source names first). */
  microarchitecture: string;
  architecture: Architecture;
  /** Other generations the family also runs on: the figures describe the least capable of them all. */
  otherGenerations?: string[];
  /**
   * Where the CPU is described when power/instance-family-microarchitecture.csv has no row: "ccf" = CCF's instance-type
   * table (checked at build to list these generations), or a provider document naming the model.
   */
  cpuFrom?: "ccf" | { model: string; source: string };
}

const family = (
  provider: ProviderId,
  name: string,
  microarchitecture: string,
  architecture: Architecture = "x86_64",
  otherGenerations?: string[],
  microarchitectureFamily = name,
): FamilyDefinition => ({ provider, family: name, microarchitectureFamily, microarchitecture, architecture, otherGenerations });

/** A family described by CCF's instance-type table (older AWS generations, GCP E2). */
const ccfFamily = (provider: ProviderId, name: string, microarchitecture: string, architecture: Architecture = "x86_64", otherGenerations?: string[]) => ({
  ...family(provider, name, microarchitecture, architecture, otherGenerations),
  cpuFrom: "ccf" as const,
});

const iceLake = "Ice Lake-SP";
const sapphireRapids = "Sapphire Rapids";
const emeraldRapids = "Emerald Rapids";
const cascadeLake = "Cascade Lake";
const rome = "AMD EPYC 2nd Gen (Rome)";
const milan = "AMD EPYC 3rd Gen (Milan)";
const graviton3 = "AWS Graviton3 (Neoverse V1)";
const graviton4 = "AWS Graviton4 (Neoverse V2)";
const altra = "Ampere Altra (Neoverse N1)";
const skylake = "Skylake";
const genoa = "Genoa";
const graviton2 = "AWS Graviton2 (Neoverse N1)";

export const familyDefinitions: FamilyDefinition[] = [
  family("aws", "c6i", iceLake),
  family("aws", "c7i", sapphireRapids),
  family("aws", "c7g", graviton3, "arm64"),
  family("aws", "c8g", graviton4, "arm64"),
  family("aws", "m7i", sapphireRapids),
  family("aws", "m7g", graviton3, "arm64"),
  family("aws", "g4dn", cascadeLake),
  family("aws", "g5", rome),
  family("aws", "g6", milan),
  family("aws", "g6e", milan),
  family("aws", "p4d", cascadeLake),
  family("aws", "p5", milan),
  family("aws", "inf2", milan),
  family("gcp", "n2", iceLake, "x86_64", [cascadeLake]),
  family("gcp", "c3", sapphireRapids),
  family("gcp", "c4", "Granite Rapids", "x86_64", [emeraldRapids]),
  family("gcp", "t2a", altra, "arm64"),
  family("gcp", "c4a", "Google Axion (Neoverse V2)", "arm64"),
  family("gcp", "n1", "Skylake", "x86_64", ["Broadwell", "Haswell", "Ivy Bridge", "Sandy Bridge"]),
  family("gcp", "g2", cascadeLake),
  family("gcp", "a2", cascadeLake),
  family("gcp", "a3", sapphireRapids),
  family("azure", "Dsv5", emeraldRapids, "x86_64", [iceLake, sapphireRapids]),
  family("azure", "Dpsv5", altra, "arm64"),
  family("azure", "Fsv2", emeraldRapids, "x86_64", ["Skylake", cascadeLake, iceLake]),
  family("azure", "NCasT4_v3", rome),
  family("azure", "NVadsA10_v5", milan),
  family("azure", "NC_A100_v4", milan),
  family("azure", "ND_H100_v5", sapphireRapids),
  // General-purpose families, for estimating existing stacks (wattplan estimate); see instances-general-families.ts.
  family("aws", "r7i", sapphireRapids),
  family("aws", "m6i", iceLake),
  family("aws", "r6i", iceLake),
  ccfFamily("aws", "t3", cascadeLake),
  ccfFamily("aws", "t4g", graviton2, "arm64"),
  ccfFamily("aws", "m5", skylake),
  ccfFamily("aws", "m5d", skylake),
  ccfFamily("aws", "m5n", cascadeLake),
  ccfFamily("aws", "m5dn", cascadeLake),
  ccfFamily("aws", "m5zn", cascadeLake),
  ccfFamily("aws", "c5", cascadeLake, "x86_64", [skylake]),
  ccfFamily("aws", "c5d", cascadeLake, "x86_64", [skylake]),
  ccfFamily("aws", "c5n", cascadeLake, "x86_64", [skylake]),
  ccfFamily("aws", "c5a", rome),
  ccfFamily("aws", "c5ad", rome),
  ccfFamily("aws", "r5", cascadeLake, "x86_64", [skylake]),
  ccfFamily("aws", "r5d", cascadeLake, "x86_64", [skylake]),
  ccfFamily("aws", "r5b", cascadeLake),
  ccfFamily("aws", "r5n", cascadeLake),
  ccfFamily("aws", "r5dn", cascadeLake),
  ccfFamily("aws", "m6a", milan),
  ccfFamily("aws", "c6a", milan),
  ccfFamily("aws", "m6g", graviton2, "arm64"),
  ccfFamily("aws", "m6gd", graviton2, "arm64"),
  ccfFamily("aws", "c6g", graviton2, "arm64"),
  ccfFamily("aws", "c6gd", graviton2, "arm64"),
  ccfFamily("aws", "c6gn", graviton2, "arm64"),
  ccfFamily("aws", "r6g", graviton2, "arm64"),
  ccfFamily("aws", "r6gd", graviton2, "arm64"),
  ccfFamily("gcp", "e2", rome, "x86_64", [skylake, "Broadwell", "Haswell"]),
  family("gcp", "n2d", milan, "x86_64", [rome]),
  family("gcp", "c3d", genoa),
  family("azure", "Dasv5", genoa, "x86_64", [milan]),
  family("azure", "Dsv6", emeraldRapids),
  {
    ...family("azure", "Dasv6", genoa),
    cpuFrom: { model: "AMD EPYC 9004 (Genoa; SKU not stated)", source: instanceSourceIds.azureSizeDocs },
  },
];

export interface CpuDescription {
  model: string;
  microarchitecture: string;
  source: string;
}

/** Every CPU generation a family can land on. */
export function generationsOf(definition: FamilyDefinition): string[] {
  return [definition.microarchitecture, ...(definition.otherGenerations ?? [])];
}

/**
 * CPU model of one generation of a family, from the reference mapping. Families it does not list are described from
 * CCF's instance-type table (which names SKUs for the family as a whole) or a provider document; GCP N1 is in neither:
 * its platforms come from CCF's machine-type table, which states no SKU.
 */
export function describeGeneration(referenceDirectory: string, definition: FamilyDefinition, microarchitecture: string): CpuDescription {
  const key = `${definition.provider}/${definition.family}`;
  if (definition.cpuFrom === "ccf") return { ...describeFromCcf(referenceDirectory, definition), microarchitecture };
  if (definition.cpuFrom) return { model: definition.cpuFrom.model, microarchitecture, source: definition.cpuFrom.source };
  if (definition.provider === "gcp" && definition.family === "n1") {
    return { model: `Intel Xeon (${microarchitecture}; SKU not stated)`, microarchitecture, source: instanceSourceIds.ccfInstanceTypes };
  }
  const row = readReferenceCsv(referenceDirectory, "power/instance-family-microarchitecture.csv").find(
    (candidate) => candidate.provider === definition.provider && candidate.family === definition.microarchitectureFamily && candidate.microarchitecture === microarchitecture,
  );
  if (!row) throw new Error(`no CPU row for ${key} (${microarchitecture}) in power/instance-family-microarchitecture.csv`);
  return { model: row.cpu_model, microarchitecture: row.microarchitecture, source: instanceSourceIds.familyMicroarchitecture };
}

export function familyDefinition(provider: ProviderId, familyName: string): FamilyDefinition {
  const definition = familyDefinitions.find((candidate) => candidate.provider === provider && candidate.family === familyName);
  if (!definition) throw new Error(`unknown family ${provider}/${familyName}`);
  return definition;
}

/** "X is the least capable of the family's CPU generations (it also runs on Y, Z)", for methods. */
export function generationNote(definition: FamilyDefinition, described: string): string {
  const others = generationsOf(definition).filter((name) => name !== described);
  if (others.length === 0) return "";
  return `; ${described}, the least capable of the family's CPU generations (also ${others.join(", ")})`;
}
