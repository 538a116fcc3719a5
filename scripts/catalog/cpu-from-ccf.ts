import { readReferenceCsv } from "./instances-csv.ts";
import type { CpuDescription, FamilyDefinition } from "./instances-families.ts";
import { instanceSourceIds } from "./instances-sources.ts";

/** CCF's microarchitecture names → the catalog's. */
const catalogName: Record<string, string> = {
  Skylake: "Skylake",
  "Cascade Lake": "Cascade Lake",
  Broadwell: "Broadwell",
  Haswell: "Haswell",
  "AMD EPYC 2nd Gen": "AMD EPYC 2nd Gen (Rome)",
  "AMD EPYC 3rd Gen": "AMD EPYC 3rd Gen (Milan)",
  "AWS Graviton2": "AWS Graviton2 (Neoverse N1)",
};

/** The generations CCF lists for a family's types (its embodied tables' cpu_microarchitectures column). */
function ccfGenerations(referenceDirectory: string, definition: FamilyDefinition): Set<string> {
  const table = definition.provider === "aws" ? "embodied/ccf-aws-instance-types.csv" : "embodied/ccf-gcp-machine-types.csv";
  const familyColumn = definition.provider === "aws" ? "family" : "machine_family";
  const generations = new Set<string>();
  for (const row of readReferenceCsv(referenceDirectory, table)) {
    const rowFamily = row[familyColumn];
    if (rowFamily !== definition.family && !rowFamily.startsWith(`${definition.family}-`)) continue;
    for (const name of row.cpu_microarchitectures.split("|")) if (name) generations.add(catalogName[name] ?? name);
  }
  return generations;
}

/** The CPU models AWS's platform table (Teads, via CCF) names for the family's sizes, e.g. "Xeon Platinum 8175M". */
function teadsCpuNames(referenceDirectory: string, family: string): string[] {
  const names = new Set<string>();
  for (const row of readReferenceCsv(referenceDirectory, "ccf-coefficients/aws-instances.csv")) {
    if (row["Instance type"].split(".")[0] === family && row["Platform CPU Name"]) names.add(row["Platform CPU Name"]);
  }
  return [...names].sort();
}

/**
 * A family's CPU from CCF's instance-type tables, for families the reference's microarchitecture file does not list.
 * The generations in the family definition must be exactly those CCF lists (blank and "Unknown" entries aside), so a
 * definition cannot drift from its source; the model is the platform CPU the Teads table names, where it has one.
 */
export function describeFromCcf(referenceDirectory: string, definition: FamilyDefinition): CpuDescription {
  const listed = ccfGenerations(referenceDirectory, definition);
  listed.delete("Unknown");
  const defined = new Set([definition.microarchitecture, ...(definition.otherGenerations ?? [])]);
  const same = listed.size === defined.size && [...listed].every((name) => defined.has(name));
  if (!same) {
    throw new Error(`${definition.provider}/${definition.family}: CCF lists ${[...listed].join(", ") || "no generation"}; the family definition says ${[...defined].join(", ")}`);
  }
  const names = definition.provider === "aws" ? teadsCpuNames(referenceDirectory, definition.family) : [];
  const vendor = definition.architecture === "arm64" ? "" : definition.microarchitecture.startsWith("AMD") ? "AMD " : "Intel ";
  const model = names.length ? names.map((name) => (name.startsWith("Graviton") ? `AWS ${name}` : `${vendor}${name}`)).join(" or ") : `${definition.microarchitecture} (SKU not stated)`;
  return { model, microarchitecture: definition.microarchitecture, source: instanceSourceIds.ccfInstanceTypes };
}
