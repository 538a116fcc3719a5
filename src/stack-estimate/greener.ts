// A greener place for a resource: the same type, or its successor of the same size, in a cleaner region of the
// same cloud that the user allows (--regions / --residency).
import { findRegion, offersForType } from "../catalog/queries.ts";
import type { Catalog, InstanceType, IntensityBasis, ProviderId, Region } from "../domain/catalog.ts";
import { compileRegionFilter } from "../plan/region-filter.ts";
import type { EstimateOptions, GreenerAlternative } from "./contract.ts";
import { monthlyFigures } from "./monthly-figures.ts";

/**
 * Families whose types are priced in one region only (or are a generation behind) → the current family of the same
 * role and CPU vendor that the catalog offers widely. The size suffix is kept ("c5.2xlarge" → "c7i.2xlarge").
 */
const SUCCESSOR_FAMILY: Record<string, string> = {
  m5: "m7i", m5d: "m7i", m5n: "m7i", m5dn: "m7i", m5zn: "m7i", m6i: "m7i", m6a: "m7i",
  c5: "c7i", c5d: "c7i", c5n: "c7i", c5a: "c7i", c5ad: "c7i", c6a: "c7i", c6i: "c7i",
  r5: "r7i", r5d: "r7i", r5b: "r7i", r5n: "r7i", r5dn: "r7i", r6i: "r7i",
  c6g: "c7g", c6gd: "c7g", c6gn: "c7g", m6g: "m7g", m6gd: "m7g",
};

function successorOf(catalog: Catalog, instance: InstanceType): InstanceType | undefined {
  const family = SUCCESSOR_FAMILY[instance.family];
  if (instance.provider !== "aws" || !family) return undefined;
  const name = `${family}.${instance.instanceType.split(".")[1]}`;
  return catalog.instanceTypes.find((type) => type.provider === "aws" && type.instanceType === name);
}

export type RegionAllowed = (provider: ProviderId, region: Region) => boolean;

export function regionAllowance(options: EstimateOptions): RegionAllowed {
  const filter = compileRegionFilter({ regions: options.regions?.allow ? { allow: options.regions.allow, deny: [] } : undefined, residency: options.regions?.residency });
  return (provider, region) => filter(provider, region) === null;
}

export interface CurrentPlacement {
  instance: InstanceType;
  region: Region;
  count: number;
  monthlyKgCo2e: number;
}

/** The lowest-carbon allowed placement that beats the current one, or null when none does. */
export function greenerAlternative(catalog: Catalog, current: CurrentPlacement, utilization: number, basis: IntensityBasis, allowed: RegionAllowed): GreenerAlternative | null {
  const successor = successorOf(catalog, current.instance);
  let best: GreenerAlternative | null = null;
  for (const instance of successor ? [current.instance, successor] : [current.instance]) {
    for (const offer of offersForType(catalog, instance)) {
      if (offer.region === current.region.code && instance === current.instance) continue;
      const region = findRegion(catalog, offer.region, instance.provider);
      if (!allowed(instance.provider, region)) continue;
      const figures = monthlyFigures(catalog, instance, region, current.count, utilization, basis);
      if (figures.monthlyKgCo2e === null || figures.gridIntensityGCo2ePerKwh === null || figures.monthlyKgCo2e >= current.monthlyKgCo2e) continue;
      if (best && figures.monthlyKgCo2e >= best.monthlyKgCo2e) continue;
      const saving = current.monthlyKgCo2e - figures.monthlyKgCo2e;
      best = {
        instanceType: instance.instanceType,
        region: region.code,
        regionName: region.name,
        typeNote: instance === current.instance ? "same type" : `successor of ${current.instance.instanceType} (same size; performance not compared)`,
        monthlyKgCo2e: figures.monthlyKgCo2e,
        savingKgCo2e: saving,
        savingPercent: current.monthlyKgCo2e > 0 ? (saving / current.monthlyKgCo2e) * 100 : 0,
        monthlyCostUsd: figures.monthlyCostUsd,
        gridIntensityGCo2ePerKwh: figures.gridIntensityGCo2ePerKwh,
      };
    }
  }
  return best;
}
