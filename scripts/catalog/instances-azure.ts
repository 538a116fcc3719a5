import type { AcceleratorAttachment, Offer } from "../../src/domain/catalog.ts";
import { optionalNumber, readReferenceCsv, requiredNumber, roundTo, type ReferenceRow } from "./instances-csv.ts";
import { attachment, positive, type InstanceTypeDraft, type KnownRegions, type ProviderDrafts } from "./instances-drafts.ts";
import { instanceSourceIds } from "./instances-sources.ts";

const pricesAsOf = "2026-06-18";

/** The price file's family labels → catalog family names (those of instance-family-microarchitecture.csv). */
const familyByPriceLabel: Record<string, string> = {
  Dsv5: "Dsv5",
  Dasv5: "Dasv5",
  Dsv6: "Dsv6",
  Dasv6: "Dasv6",
  Dpsv5: "Dpsv5",
  Fsv2: "Fsv2",
  NCasT4_v3: "NCasT4_v3",
  NVadsA10_v5: "NVadsA10_v5",
  NCadsA100_v4: "NC_A100_v4",
  NDisrH100_v5: "ND_H100_v5",
};

/** The memory-heavy NV36adms variant shares the NV36ads GPU share; one A10 shape per size is enough. */
const excludedSizes = new Set(["Standard_NV36adms_A10_v5"]);

/**
 * NVadsA10_v5 sizes below NV36 get a partition of one A10 (1/6, 1/3, 1/2) although the size list says 1 GPU;
 * the share follows the vCPUs (36 vCPUs per whole A10), so count is fractional and power scales with it.
 */
function azureAccelerator(row: ReferenceRow, family: string, vcpus: number, memoryByModel: Map<string, number>): AcceleratorAttachment | null {
  const gpuCount = optionalNumber(row, "gpu_count") ?? 0;
  if (gpuCount === 0) return null;
  if (family === "NVadsA10_v5") return attachment("A10", roundTo(vcpus / 36, 6), memoryByModel);
  if (family === "NCasT4_v3") return attachment("T4", gpuCount, memoryByModel);
  if (family === "NC_A100_v4") return attachment("A100 80GB PCIe", gpuCount, memoryByModel);
  if (family === "ND_H100_v5") return attachment("H100 SXM", gpuCount, memoryByModel);
  throw new Error(`no accelerator mapping for Azure family ${family}`);
}

export function buildAzureDrafts(referenceDirectory: string, isKnownRegion: KnownRegions, memoryByModel: Map<string, number>): ProviderDrafts {
  const specs = new Map(readReferenceCsv(referenceDirectory, "instances/azure-vm-specs.csv").map((row) => [row.vm_size, row]));
  const types = new Map<string, InstanceTypeDraft>();
  const offers: Offer[] = [];
  for (const row of readReferenceCsv(referenceDirectory, "instances/azure-vm-ondemand-prices.csv")) {
    const family = familyByPriceLabel[row.family];
    if (!family || excludedSizes.has(row.vm_size)) continue;
    const spec = specs.get(row.vm_size);
    if (!spec) continue;
    if (!types.has(row.vm_size)) {
      const where = `azure-vm-specs ${row.vm_size}`;
      const vcpus = requiredNumber(spec, "vcpus", where);
      types.set(row.vm_size, {
        provider: "azure",
        instanceType: row.vm_size,
        family,
        vcpus,
        memoryGb: requiredNumber(spec, "memory_gb", where),
        accelerator: azureAccelerator(spec, family, vcpus, memoryByModel),
      });
    }
    const onDemand = positive(optionalNumber(row, "price_hour_usd_linux_ondemand"));
    if (!onDemand || !isKnownRegion("azure", row.region)) continue;
    offers.push({
      provider: "azure",
      instanceType: row.vm_size,
      region: row.region,
      usdPerHour: { onDemand },
      source: instanceSourceIds.azurePrices,
      asOf: pricesAsOf,
    });
  }
  return { types: [...types.values()], offers };
}
