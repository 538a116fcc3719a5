import type { ProviderId } from "../../src/domain/catalog.ts";
import type { Figure } from "../../src/domain/figure.ts";
import { readReferenceCsv, readReferenceJson, requiredNumber, roundTo, type ReferenceRow } from "./instances-csv.ts";
import { instanceSourceIds } from "./instances-sources.ts";

export interface CpuPowerFigures {
  minWattsPerVcpu: Figure;
  maxWattsPerVcpu: Figure;
}

const specpowerAsOf = "2026-04-24";
const ccfAsOf = "2024-03-25";

/** Our microarchitecture names → the SPECpower file's, for the families measured there (2021 or later). */
const specpowerName: Record<string, string> = {
  "Ice Lake-SP": "Ice Lake-SP",
  "Sapphire Rapids": "Sapphire Rapids",
  "Emerald Rapids": "Emerald Rapids",
  "Granite Rapids": "Granite Rapids",
  Genoa: "Genoa",
  "AMD EPYC 3rd Gen (Milan)": "Milan",
  "Ampere Altra (Neoverse N1)": "Ampere Altra",
};

/** Older microarchitectures (no SPECpower result since 2021 in the file): CCF's own coefficients. */
const ccfName: Record<string, string> = {
  "Cascade Lake": "Cascade Lake",
  Skylake: "Skylake",
  "AMD EPYC 2nd Gen (Rome)": "AMD EPYC 2nd Gen",
  Broadwell: "Broadwell",
  Haswell: "Haswell",
  "Ivy Bridge": "Ivy Bridge",
  "Sandy Bridge": "Sandy Bridge",
};

function aggregateRow(rows: ReferenceRow[], microarchitecture: string): ReferenceRow {
  const aggregates = rows.filter((row) => row.microarchitecture === microarchitecture && row.cpu_model.startsWith("AGGREGATE"));
  const topBin = aggregates.find((row) => row.cpu_model.startsWith("AGGREGATE top-bin"));
  const chosen = topBin ?? aggregates.find((row) => row.cpu_model.startsWith("AGGREGATE all"));
  if (!chosen) throw new Error(`no AGGREGATE row for ${microarchitecture} in power/cpu-power-specpower.csv`);
  return chosen;
}

const perThread = (row: ReferenceRow) => ({
  min: requiredNumber(row, "min_w_per_thread", row.cpu_model),
  max: requiredNumber(row, "max_w_per_thread", row.cpu_model),
});

function measuredFigures(row: ReferenceRow, note: string): CpuPowerFigures {
  const { min, max } = perThread(row);
  const method = `SPECpower_ssj2008 ${row.cpu_model.replace("AGGREGATE ", "").replace(" SKUs", "-SKU")} (${row.microarchitecture}), W per hardware thread${note}`;
  return {
    minWattsPerVcpu: { value: min, source: instanceSourceIds.specpower, asOf: specpowerAsOf, method, estimated: true },
    maxWattsPerVcpu: { value: max, source: instanceSourceIds.specpower, asOf: specpowerAsOf, method, estimated: true },
  };
}

/**
 * CPU W per vCPU at idle and at 100% for one microarchitecture (CCF's linear model). Sources in order: SPECpower
 * aggregates (top-bin where given), CCF's coefficients for pre-2021 parts, and for the Arm Neoverse V cores, which
 * have no measurement of any Graviton or Axion, the two measured Neoverse anchors:
 * N1 (Ampere Altra, three results) and V2 (NVIDIA Grace, one result). Graviton4 and Axion are V2 cores; Graviton3
 * is the V1 core between them, taken as the midpoint. Without this, every Graviton generation would carry CCF's
 * copy of EPYC Rome's figures and c7g and c8g would be indistinguishable.
 */
export function cpuPowerFigures(referenceDirectory: string, provider: ProviderId, microarchitecture: string, note: string): CpuPowerFigures {
  const specpowerRows = readReferenceCsv(referenceDirectory, "power/cpu-power-specpower.csv");
  const measured = specpowerName[microarchitecture];
  if (measured) return measuredFigures(aggregateRow(specpowerRows, measured), note);

  const ccf = ccfName[microarchitecture];
  if (ccf) {
    const ccfRows = readReferenceCsv(referenceDirectory, "power/ccf-microarchitecture-watts.csv");
    const row = ccfRows.find((candidate) => candidate.provider === provider && candidate.processor === ccf && candidate.kind === "cpu");
    if (!row) throw new Error(`no CCF coefficient for ${provider}/${ccf}`);
    const method = `CCF coefficient for ${ccf} (SPECpower-derived, W per vCPU); no newer SPECpower aggregate for this microarchitecture${note}`;
    return {
      minWattsPerVcpu: { value: requiredNumber(row, "min_watts", ccf), source: instanceSourceIds.ccfConstants, asOf: ccfAsOf, method, estimated: true },
      maxWattsPerVcpu: { value: requiredNumber(row, "max_watts", ccf), source: instanceSourceIds.ccfConstants, asOf: ccfAsOf, method, estimated: true },
    };
  }

  const neoverseN1 = perThread(aggregateRow(specpowerRows, "Ampere Altra"));
  const neoverseV2 = perThread(aggregateRow(specpowerRows, "NVIDIA Grace"));
  const estimate = (value: number, method: string): Figure => ({
    value: roundTo(value, 4),
    source: instanceSourceIds.specpower,
    asOf: specpowerAsOf,
    method: method + note,
    estimated: true,
  });
  if (microarchitecture === "AWS Graviton4 (Neoverse V2)" || microarchitecture === "Google Axion (Neoverse V2)") {
    const method =
      "no SPECpower result for this CPU; the only measured Neoverse V2 system (NVIDIA Grace Superchip, 1 result, W per core = W per vCPU) stands in for the same core design";
    return { minWattsPerVcpu: estimate(neoverseV2.min, method), maxWattsPerVcpu: estimate(neoverseV2.max, method) };
  }
  if (microarchitecture === "AWS Graviton2 (Neoverse N1)") {
    const method =
      "no SPECpower result for any Graviton; Graviton2 is a Neoverse N1 core, so the measured N1 system (Ampere Altra, 3 results, W per core = W per vCPU) " +
      "stands in, not CCF's Graviton2 coefficient (a copy of EPYC Rome's)";
    return { minWattsPerVcpu: estimate(neoverseN1.min, method), maxWattsPerVcpu: estimate(neoverseN1.max, method) };
  }
  if (microarchitecture === "AWS Graviton3 (Neoverse V1)") {
    const method =
      `no SPECpower result for any Neoverse V1 system; midpoint of the measured Neoverse N1 (Ampere Altra, ${neoverseN1.min}/${neoverseN1.max} W) and ` +
      `Neoverse V2 (NVIDIA Grace, ${neoverseV2.min}/${neoverseV2.max} W) per-core figures, V1 being the generation between them`;
    return {
      minWattsPerVcpu: estimate((neoverseN1.min + neoverseV2.min) / 2, method),
      maxWattsPerVcpu: estimate((neoverseN1.max + neoverseV2.max) / 2, method),
    };
  }
  throw new Error(`no CPU power figures for microarchitecture '${microarchitecture}'`);
}

interface CcfProviderConstants {
  MEMORY_COEFFICIENT: number;
  SERVER_EXPECTED_LIFESPAN: number;
}

export function ccfProviderConstants(referenceDirectory: string, provider: ProviderId): CcfProviderConstants {
  const constants = readReferenceJson(referenceDirectory, "power/ccf-constants.json") as { providers: Record<string, CcfProviderConstants> };
  const values = constants.providers[provider];
  if (!values) throw new Error(`no CCF constants for ${provider}`);
  return values;
}

/** CCF's memory power: 0.000392 kWh per GB-hour = 0.392 W per GB. */
export function memoryWattsPerGbFigure(referenceDirectory: string, provider: ProviderId): Figure {
  const kilowattHoursPerGbHour = ccfProviderConstants(referenceDirectory, provider).MEMORY_COEFFICIENT;
  return { value: roundTo(kilowattHoursPerGbHour * 1000, 6), source: instanceSourceIds.ccfConstants, asOf: ccfAsOf };
}
