import { readFileSync } from "node:fs";
import type { Offer } from "../../src/domain/catalog.ts";
import { optionalNumber, readReferenceCsv, requiredNumber, roundTo, type ReferenceRow } from "./instances-csv.ts";
import { gcpSharedCoreBaseline, gcpSharedCoreTypes } from "./burstable.ts";
import { attachment, positive, uniqueDrafts, type InstanceTypeDraft, type KnownRegions, type ProviderDrafts } from "./instances-drafts.ts";
import { instanceSourceIds } from "./instances-sources.ts";

const pricesAsOf = "2026-07-30";
const hoursPerMonth = 730;

/** Which machine types of each series the catalog lists: the inference-relevant shapes, no local-SSD or bare-metal variants. */
const includedMachineType: Record<string, RegExp> = {
  n2: /^n2-(standard|highcpu|highmem)-\d+$/,
  n2d: /^n2d-(standard|highcpu|highmem)-\d+$/,
  e2: /^e2-((standard|highcpu|highmem)-\d+|micro|small|medium)$/,
  c3: /^c3-(standard|highcpu|highmem)-\d+$/,
  c3d: /^c3d-(standard|highcpu|highmem)-\d+$/,
  c4: /^c4-(standard|highcpu|highmem)-\d+$/,
  c4a: /^c4a-(standard|highcpu|highmem)-\d+$/,
  t2a: /^t2a-standard-\d+$/,
  g2: /^g2-standard-\d+$/,
  a2: /^a2-(highgpu|megagpu|ultragpu)-\d+g$/,
  a3: /^a3-highgpu-\d+g$/,
};

const acceleratorModelByKey: Record<string, string> = {
  l4: "L4",
  a100: "A100 40GB SXM",
  "a100-80gb": "A100 80GB SXM",
  "h100-80gb": "H100 SXM",
};

/**
 * N1 appears only with a T4 attached: the catalog keys types by machine type, so a CPU-only n1-standard-8 and an
 * n1-standard-8 with a T4 cannot both be listed. T4 counts follow Google's N1 limits (1 T4 up to 48 vCPUs).
 */
const n1WithT4: Record<string, number> = { "n1-standard-4": 1, "n1-standard-8": 1, "n1-standard-16": 1, "n1-standard-32": 2, "n1-standard-64": 4 };

interface GpuAvailability {
  machineSeries: Record<string, { gpu: string; zonesByRegion: Record<string, string[]> }>;
  attachableGpus: Record<string, { zonesByRegion: Record<string, string[]> }>;
}

interface T4Prices {
  usdPerGpuHour: Record<string, { onDemand: number; spot?: number }>;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as T;

/** The availability file lists zone letters per region ("a", "c"); offers carry the full names (europe-west4-a). */
const zoneNames = (region: string, letters: string[]) => letters.map((letter) => `${region}-${letter}`);

/** g2 → "g2"; a2-ultragpu-8g → "a2-ultragpu"; a3-highgpu-1g → "a3-highgpu". */
const availabilityKey = (machineType: string, series: string) => (series === "g2" ? "g2" : machineType.split("-").slice(0, 2).join("-"));

function cudHourly(row: ReferenceRow, column: string): number | undefined {
  const monthly = positive(optionalNumber(row, column));
  return monthly === undefined ? undefined : roundTo(monthly / hoursPerMonth, 6);
}

export function buildGcpDrafts(referenceDirectory: string, isKnownRegion: KnownRegions, memoryByModel: Map<string, number>): ProviderDrafts {
  const availability = readJson<GpuAvailability>("./gcp-gpu-availability.json");
  const t4Prices = readJson<T4Prices>("./prices-gcp-t4.json");
  const types: InstanceTypeDraft[] = [];
  const offers: Offer[] = [];
  const rows = readReferenceCsv(referenceDirectory, "instances/gcp-compute-prices.csv");
  const ccfMachines = readReferenceCsv(referenceDirectory, "ccf-coefficients/gcp-instances.csv");
  const sharedCoreVcpus = (machineType: string): number => {
    const row = ccfMachines.find((candidate) => candidate["Machine type"] === machineType);
    if (!row) throw new Error(`ccf-coefficients/gcp-instances.csv has no ${machineType}`);
    return requiredNumber(row, "Instance vCPUs", `ccf gcp-instances ${machineType}`);
  };

  for (const row of rows) {
    const pattern = includedMachineType[row.series];
    if (!pattern || !pattern.test(row.machine_type)) continue;
    const where = `gcp-compute-prices ${row.machine_type}/${row.region}`;
    const acceleratorModel = row.accelerator_type ? acceleratorModelByKey[row.accelerator_type] : undefined;
    if (row.accelerator_type && !acceleratorModel) throw new Error(`${where}: unknown accelerator '${row.accelerator_type}'`);
    const billedVcpus = requiredNumber(row, "vcpus", where);
    const sharedCore = gcpSharedCoreTypes.has(row.machine_type);
    const vcpus = sharedCore ? sharedCoreVcpus(row.machine_type) : billedVcpus;
    types.push({
      provider: "gcp",
      instanceType: row.machine_type,
      family: row.series,
      vcpus,
      memoryGb: requiredNumber(row, "memory_gb", where),
      accelerator: acceleratorModel ? attachment(acceleratorModel, requiredNumber(row, "accelerator_count", where), memoryByModel) : null,
      ...(sharedCore ? { burstable: gcpSharedCoreBaseline(billedVcpus, vcpus, instanceSourceIds.gcpPrices, pricesAsOf) } : {}),
      ...(row.machine_type.includes("-highmem-") ? { hostGroup: `${row.series}-highmem` } : {}),
    });
    let zones: string[] | undefined;
    if (acceleratorModel) {
      const zonesByRegion = availability.machineSeries[availabilityKey(row.machine_type, row.series)]?.zonesByRegion;
      if (!zonesByRegion) throw new Error(`${where}: no GPU availability entry`);
      if (!zonesByRegion[row.region]) continue;
      zones = zoneNames(row.region, zonesByRegion[row.region]);
    }
    const onDemand = positive(optionalNumber(row, "price_hour_usd"));
    if (!onDemand || !isKnownRegion("gcp", row.region)) continue;
    const spot = positive(optionalNumber(row, "price_hour_spot_usd"));
    const reserved1y = cudHourly(row, "price_month_1y_cud_usd");
    const reserved3y = cudHourly(row, "price_month_3y_cud_usd");
    offers.push({
      provider: "gcp",
      instanceType: row.machine_type,
      region: row.region,
      usdPerHour: { onDemand, ...(spot ? { spot } : {}), ...(reserved1y ? { reserved1y } : {}), ...(reserved3y ? { reserved3y } : {}) },
      source: instanceSourceIds.gcpPrices,
      asOf: pricesAsOf,
      ...(zones ? { zones } : {}),
    });
  }

  const t4Zones = availability.attachableGpus.T4?.zonesByRegion ?? {};
  for (const [machineType, gpuCount] of Object.entries(n1WithT4)) {
    for (const row of rows.filter((candidate) => candidate.machine_type === machineType)) {
      const where = `gcp-compute-prices ${row.machine_type}/${row.region}`;
      if (!types.some((type) => type.instanceType === machineType)) {
        types.push({
          provider: "gcp",
          instanceType: machineType,
          family: "n1",
          vcpus: requiredNumber(row, "vcpus", where),
          memoryGb: requiredNumber(row, "memory_gb", where),
          accelerator: attachment("T4", gpuCount, memoryByModel),
        });
      }
      const gpuPrice = t4Prices.usdPerGpuHour[row.region];
      const machineOnDemand = positive(optionalNumber(row, "price_hour_usd"));
      if (!gpuPrice || !t4Zones[row.region] || !machineOnDemand || !isKnownRegion("gcp", row.region)) continue;
      const machineSpot = positive(optionalNumber(row, "price_hour_spot_usd"));
      const spot = machineSpot && gpuPrice.spot ? roundTo(machineSpot + gpuCount * gpuPrice.spot, 6) : undefined;
      offers.push({
        provider: "gcp",
        instanceType: machineType,
        region: row.region,
        usdPerHour: { onDemand: roundTo(machineOnDemand + gpuCount * gpuPrice.onDemand, 6), ...(spot ? { spot } : {}) },
        source: instanceSourceIds.gcpPrices,
        asOf: pricesAsOf,
        method:
          `machine ${machineOnDemand} USD/h (${instanceSourceIds.gcpPrices}) + ${gpuCount} x T4 ${gpuPrice.onDemand} USD/h (${instanceSourceIds.gcpGpuCatalog}); ` +
          "spot likewise; no committed-use price (GPU CUDs not in the data)",
        estimated: true,
        zones: zoneNames(row.region, t4Zones[row.region]),
      });
    }
  }

  return { types: uniqueDrafts(types), offers };
}
