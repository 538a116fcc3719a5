import type { Offer } from "../../src/domain/catalog.ts";
import { optionalNumber, readReferenceCsv, requiredNumber, type ReferenceRow } from "./instances-csv.ts";
import { attachment, positive, uniqueDrafts, type InstanceTypeDraft, type KnownRegions, type ProviderDrafts } from "./instances-drafts.ts";
import { instanceSourceIds } from "./instances-sources.ts";

const cpuFamilies = new Set(["c6i", "c7i", "c7g", "c8g", "m7i", "m7g", "r7i"]);
const acceleratedFamilies = new Set(["g4dn", "g5", "g6", "g6e", "p4d", "p5", "inf2"]);

/** The Vantage file's accelerator names → accelerators.csv models (p4d carries the 40 GB SXM4 A100, p5 the SXM5 H100). */
const acceleratorModelByName: Record<string, string> = {
  "NVIDIA T4": "T4",
  "NVIDIA A10G": "A10G",
  "NVIDIA L4": "L4",
  "NVIDIA L40S": "L40S",
  "NVIDIA A100": "A100 40GB SXM",
  "NVIDIA H100": "H100 SXM",
  "AWS Inferentia2": "Inferentia2",
};

const cpuPricesAsOf = "2026-07-20";

/** The Vantage file writes some memory sizes with their unit ("2048 GiB"); the number is the same GiB figure. */
function memoryGib(row: ReferenceRow, where: string): number {
  const value = Number(row.memory_gib.replace(/\s*GiB$/, ""));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${where}: memory_gib is not a size: '${row.memory_gib}'`);
  return value;
}

/** Bare-metal sizes are whole hosts without a hypervisor, not inference serving units; they are left out. */
const isMetal = (instanceType: string) => instanceType.includes(".metal");

export function buildAwsDrafts(referenceDirectory: string, isKnownRegion: KnownRegions, memoryByModel: Map<string, number>): ProviderDrafts {
  const types: InstanceTypeDraft[] = [];
  const offers: Offer[] = [];

  for (const row of readReferenceCsv(referenceDirectory, "instances/aws-ec2-prices-skypilot.csv")) {
    if (!cpuFamilies.has(row.family) || isMetal(row.instance_type)) continue;
    const where = `aws-ec2-prices-skypilot ${row.instance_type}/${row.region}`;
    types.push({
      provider: "aws",
      instanceType: row.instance_type,
      family: row.family,
      vcpus: requiredNumber(row, "vcpus", where),
      memoryGb: requiredNumber(row, "memory_gib", where),
      accelerator: null,
    });
    const onDemand = positive(optionalNumber(row, "price_hour_usd_linux_ondemand"));
    if (!onDemand || !isKnownRegion("aws", row.region)) continue;
    const spot = positive(optionalNumber(row, "spot_price_hour_usd_median"));
    offers.push({
      provider: "aws",
      instanceType: row.instance_type,
      region: row.region,
      usdPerHour: { onDemand, ...(spot ? { spot } : {}) },
      source: instanceSourceIds.awsCpuPrices,
      asOf: cpuPricesAsOf,
    });
  }

  for (const row of readReferenceCsv(referenceDirectory, "instances/aws-ec2-accelerated-prices-vantage.csv")) {
    if (!acceleratedFamilies.has(row.family) || isMetal(row.instance_type)) continue;
    const where = `aws-ec2-accelerated-prices-vantage ${row.instance_type}/${row.region}`;
    const model = acceleratorModelByName[row.accelerator_name];
    if (!model) throw new Error(`${where}: unknown accelerator '${row.accelerator_name}'`);
    types.push({
      provider: "aws",
      instanceType: row.instance_type,
      family: row.family,
      vcpus: requiredNumber(row, "vcpus", where),
      memoryGb: memoryGib(row, where),
      accelerator: attachment(model, requiredNumber(row, "accelerator_count", where), memoryByModel),
    });
    const onDemand = positive(optionalNumber(row, "price_hour_usd_linux_ondemand"));
    if (!onDemand || !isKnownRegion("aws", row.region)) continue;
    const reserved1y = positive(optionalNumber(row, "price_hour_usd_reserved"));
    offers.push({
      provider: "aws",
      instanceType: row.instance_type,
      region: row.region,
      usdPerHour: { onDemand, ...(reserved1y ? { reserved1y } : {}) },
      source: instanceSourceIds.awsAcceleratedPrices,
      asOf: row.data_last_updated || "2026-01-21",
    });
  }

  return { types: uniqueDrafts(types), offers };
}
