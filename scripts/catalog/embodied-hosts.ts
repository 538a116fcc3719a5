import type { Figure } from "../../src/domain/figure.ts";
import { optionalNumber, readReferenceCsv, roundTo } from "./instances-csv.ts";
import type { Architecture } from "./instances-families.ts";
import { instanceSourceIds } from "./instances-sources.ts";
import type { InstanceTypeDraft } from "./instances-drafts.ts";

/** CCF's component coefficients (kgCO2e), read back from its per-type breakdowns; see the ccf-embodied source. */
export const ccfEmbodiedCoefficients = {
  basePlatformKg: 1000,
  memoryKgPerGbAbove16: 533 / 384,
  baseMemoryGb: 16,
  extraCpuSocketKg: 100,
  gpuKg: 150,
} as const;

const ccfEmbodiedAsOf = "2023-05-08";
const ccfTypesAsOf = "2024-03-25";

export interface HostPlatform {
  vcpus: number;
  memoryGb: number;
  sockets: number;
  accelerators: number;
  largestType: string;
}

/**
 * The host a family runs on, as CCF defines it: the family's largest size. Sockets are not in the reference data:
 * x86 hosts of 64 or more vCPUs are dual-socket (every such family here uses 24- to 64-core parts with SMT); Arm hosts
 * carry one socket per 96 cores (single-socket Graviton3, Axion and Altra; dual-socket Graviton4 at 192 cores).
 */
export function hostPlatform(familyTypes: InstanceTypeDraft[], architecture: Architecture): HostPlatform {
  const largest = familyTypes.reduce((best, type) =>
    type.vcpus > best.vcpus || (type.vcpus === best.vcpus && type.memoryGb > best.memoryGb) ? type : best,
  );
  const sockets = architecture === "arm64" ? Math.max(1, Math.ceil(largest.vcpus / 96)) : largest.vcpus >= 64 ? 2 : 1;
  const accelerators = largest.accelerator ? Math.ceil(largest.accelerator.count) : 0;
  const statedHostVcpus = Math.max(0, ...familyTypes.map((type) => type.hostVcpus ?? 0));
  if (statedHostVcpus > largest.vcpus) {
    return { vcpus: statedHostVcpus, memoryGb: largest.memoryGb, sockets, accelerators, largestType: `a ${statedHostVcpus}-vCPU host per CCF's platform table` };
  }
  return { vcpus: largest.vcpus, memoryGb: largest.memoryGb, sockets, accelerators, largestType: largest.instanceType };
}

export function componentPlatformKg(platform: HostPlatform): number {
  const coefficients = ccfEmbodiedCoefficients;
  return (
    coefficients.basePlatformKg +
    Math.max(0, platform.memoryGb - coefficients.baseMemoryGb) * coefficients.memoryKgPerGbAbove16 +
    (platform.sockets - 1) * coefficients.extraCpuSocketKg +
    platform.accelerators * coefficients.gpuKg
  );
}

interface CcfTypeFigure {
  platformTonnes: number;
  gpuCount: number | undefined;
}

/** CCF's per-type platform totals, keyed by the provider's machine type name. */
export function ccfTypeFigures(referenceDirectory: string): Map<string, CcfTypeFigure> {
  const figures = new Map<string, CcfTypeFigure>();
  for (const row of readReferenceCsv(referenceDirectory, "embodied/ccf-aws-instance-types.csv")) {
    const tonnes = optionalNumber(row, "embodied_platform_tco2e");
    if (tonnes !== undefined) figures.set(`aws/${row.instance_type}`, { platformTonnes: tonnes, gpuCount: optionalNumber(row, "gpu_count") });
  }
  for (const row of readReferenceCsv(referenceDirectory, "embodied/ccf-gcp-machine-types.csv")) {
    const tonnes = optionalNumber(row, "embodied_platform_tco2e");
    // CCF's GCP table has no GPU column; its a2 totals include the A100s.
    const gpuCount = row.machine_family.startsWith("a2") ? 1 : undefined;
    if (tonnes !== undefined) figures.set(`gcp/${row.machine_type}`, { platformTonnes: tonnes, gpuCount });
  }
  for (const row of readReferenceCsv(referenceDirectory, "embodied/ccf-azure-vm-types.csv")) {
    const tonnes = optionalNumber(row, "embodied_platform_tco2e");
    if (tonnes !== undefined) {
      const armName = `Standard_${row.vm_type_ccf_name.replaceAll(" ", "_")}`;
      figures.set(`azure/${armName}`, { platformTonnes: tonnes, gpuCount: optionalNumber(row, "gpu_count") });
    }
  }
  return figures;
}

export interface EmbodiedFigures {
  kgCo2e: Figure;
  lifespanHours: Figure;
}

/**
 * This instance's share of its host's manufacturing emissions: platform total x instance vCPUs / platform vCPUs
 * (CCF). CCF's own per-type total is used where CCF lists the type and, for accelerated types, counted its GPUs;
 * otherwise the total is derived with CCF's component method. A GPU attached to an N1 VM is the instance's alone
 * and adds its full 150 kg.
 */
/**
 * CCF's platform total for a family: the figure of any of its types CCF lists (they share one host), provided that,
 * for accelerated families, CCF counted the GPUs (N1 is CPU-only at CCF; its T4s are added per instance).
 */
export function familyCcfFigure(familyTypes: InstanceTypeDraft[], ccfFigures: Map<string, CcfTypeFigure>): CcfTypeFigure | undefined {
  for (const type of familyTypes) {
    const figure = ccfFigures.get(`${type.provider}/${type.instanceType}`);
    if (!figure) continue;
    const attachedToN1 = type.provider === "gcp" && type.family === "n1";
    if (!type.accelerator || attachedToN1 || (figure.gpuCount ?? 0) > 0) return figure;
    return undefined;
  }
  return undefined;
}

export function embodiedFigures(
  type: InstanceTypeDraft,
  platform: HostPlatform,
  ccf: CcfTypeFigure | undefined,
  ccfOmitsGpus: boolean,
  lifespanHours: number,
): EmbodiedFigures {
  const lifespan: Figure = { value: lifespanHours, source: instanceSourceIds.ccfConstants, asOf: ccfTypesAsOf };
  const share = type.vcpus / platform.vcpus;
  const shareText = `x ${type.vcpus}/${platform.vcpus} vCPUs of the host (${platform.largestType})`;
  const attachedToN1 = type.provider === "gcp" && type.family === "n1" && type.accelerator;
  if (ccf) {
    const attachedKg = attachedToN1 && type.accelerator ? type.accelerator.count * ccfEmbodiedCoefficients.gpuKg : 0;
    const value = ccf.platformTonnes * 1000 * share + attachedKg;
    const attachedText = attachedKg ? ` + ${type.accelerator?.count} attached ${type.accelerator?.model} x 150 kg (CCF per-GPU coefficient)` : "";
    return {
      kgCo2e: {
        value: roundTo(value, 2),
        source: instanceSourceIds.ccfInstanceTypes,
        asOf: ccfTypesAsOf,
        method: `CCF platform total for the family ${roundTo(ccf.platformTonnes * 1000, 1)} kgCO2e ${shareText}${attachedText}`,
        estimated: true,
      },
      lifespanHours: lifespan,
    };
  }
  const platformKg = componentPlatformKg(platform);
  const parts = [
    `1000 base`,
    `${roundTo(Math.max(0, platform.memoryGb - 16) * ccfEmbodiedCoefficients.memoryKgPerGbAbove16, 1)} for ${platform.memoryGb} GB memory`,
    `${(platform.sockets - 1) * 100} for ${platform.sockets} socket(s)`,
    `${platform.accelerators * 150} for ${platform.accelerators} accelerator(s)`,
  ];
  return {
    kgCo2e: {
      value: roundTo(platformKg * share, 2),
      source: instanceSourceIds.ccfEmbodied,
      asOf: ccfEmbodiedAsOf,
      method:
        `CCF component method, host ${roundTo(platformKg, 1)} kgCO2e (${parts.join(" + ")}; local SSDs not counted: drive counts not in the reference data) ${shareText}` +
        (ccfOmitsGpus ? "; CCF's per-type figure for this family omits its GPUs and was not used" : ""),
      estimated: true,
    },
    lifespanHours: lifespan,
  };
}
