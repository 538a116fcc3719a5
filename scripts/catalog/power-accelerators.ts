import type { Figure } from "../../src/domain/figure.ts";
import { optionalNumber, readReferenceCsv } from "./instances-csv.ts";
import { instanceSourceIds } from "./instances-sources.ts";

export interface DevicePower {
  idleWatts?: Figure;
  maxWatts?: Figure;
}

/** accelerators.csv model name → row name in power/accelerator-power.csv. */
const powerRowByModel: Record<string, string> = {
  T4: "NVIDIA T4",
  A10G: "NVIDIA A10G (AWS g5)",
  A10: "NVIDIA A10 (Azure NVadsA10_v5 / NCadsA10_v4)",
  L4: "NVIDIA L4",
  L40S: "NVIDIA L40S",
  "A100 40GB PCIe": "NVIDIA A100 40GB PCIe",
  "A100 40GB SXM": "NVIDIA A100 40GB SXM4",
  "A100 80GB PCIe": "NVIDIA A100 80GB PCIe",
  "A100 80GB SXM": "NVIDIA A100 80GB SXM4",
  "H100 SXM": "NVIDIA H100 SXM5 80GB",
  "H100 PCIe": "NVIDIA H100 PCIe 80GB",
  "H200 SXM": "NVIDIA H200 SXM 141GB",
  Inferentia2: "AWS Inferentia2",
};

/** The one idle figure that is derived rather than read (24 W P8 + the 66 W CUDA-context step). */
const derivedIdleModels = new Set(["L40S"]);

const asOf = "2026-08";

/**
 * Idle and maximum watts per device. Idle is the "parked" state of an inference server (driver and CUDA context
 * loaded, no work), the state a fleet sits in between requests.
 * Maximum is the datasheet TDP/TBP except the A10G (300 W enforced cap; see the source's notes). Inferentia2 has no
 * published figure and stays absent.
 */
export function acceleratorPowerFigures(referenceDirectory: string): Map<string, DevicePower> {
  const rows = readReferenceCsv(referenceDirectory, "power/accelerator-power.csv");
  const specRows = readReferenceCsv(referenceDirectory, "accelerators/accelerators.csv");
  const figures = new Map<string, DevicePower>();
  for (const [model, rowName] of Object.entries(powerRowByModel)) {
    const row = rows.find((candidate) => candidate.accelerator === rowName);
    if (!row) throw new Error(`no row '${rowName}' in power/accelerator-power.csv`);
    const idleHigh = optionalNumber(row, "idle_watts_high");
    const idleLow = optionalNumber(row, "idle_watts_low");
    const max = optionalNumber(row, "max_watts");
    const power: DevicePower = {};
    if (idleHigh !== undefined) {
      power.idleWatts = derivedIdleModels.has(model)
        ? {
            value: idleHigh,
            source: instanceSourceIds.acceleratorPower,
            asOf,
            method: `P8 reading ${idleLow} W plus the 66 W CUDA-context step measured on GDDR6 boards (arXiv:2605.23918)`,
            estimated: true,
          }
        : { value: idleHigh, source: instanceSourceIds.acceleratorPower, asOf };
    }
    if (max !== undefined) {
      power.maxWatts =
        model === "A10G"
          ? {
              value: max,
              source: instanceSourceIds.acceleratorPower,
              asOf,
              method: "enforced power cap on AWS g5 (nvidia-smi), chosen over the 150 W of mlco2/TechPowerUp; 257 W observed at 100% utilisation",
              estimated: true,
            }
          : { value: max, source: instanceSourceIds.acceleratorPower, asOf };
    }
    figures.set(model, power);
  }
  // H100 NVL (Azure NC H100 v5) has no idle reading; its datasheet maximum still applies.
  for (const row of specRows) {
    if (figures.has(row.accelerator)) continue;
    const tdp = optionalNumber(row, "tdp_watts");
    if (tdp !== undefined) figures.set(row.accelerator, { maxWatts: { value: tdp, source: instanceSourceIds.acceleratorSpecs, asOf } });
  }
  return figures;
}
