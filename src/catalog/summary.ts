import type { Catalog, IntensityBasis, ProviderId } from "../domain/catalog.ts";
import { effectivePue, offersForType, regionIntensity } from "./queries.ts";

export interface CleanRegion {
  provider: ProviderId;
  region: string;
  name: string;
  gCo2ePerKwh: number;
  basis: IntensityBasis;
  year: number;
  zone: string;
  source: string;
  pue: number;
}

export interface RegionChoice {
  region: string;
  usdPerHour: number;
  gCo2ePerKwh: number;
  basis: IntensityBasis;
  year: number;
}

/** For one instance type: the cheapest region and the cleanest region that offer it (on-demand price). */
export interface InstanceTypeRegions {
  provider: ProviderId;
  instanceType: string;
  offeredInRegions: number;
  cheapest: RegionChoice;
  cleanest: RegionChoice;
}

export interface CatalogSummary {
  catalogVersion: string;
  basis: IntensityBasis;
  cleanestRegions: CleanRegion[];
  instanceTypes: InstanceTypeRegions[];
}

/** Types a newcomer recognises: one CPU and one GPU type per cloud (those present in the catalog are shown). */
export const summaryInstanceTypes = [
  "c7i.xlarge",
  "g5.xlarge",
  "g6.xlarge",
  "n2-standard-8",
  "g2-standard-8",
  "Standard_D8s_v5",
  "Standard_NC4as_T4_v3",
];

/** What `npm start` prints for now: the cleanest regions per provider and where a few types are cheapest. */
export function catalogSummary(catalog: Catalog, regionsPerProvider = 5, basis: IntensityBasis = "lifecycle"): CatalogSummary {
  const cleanestRegions: CleanRegion[] = [];
  for (const provider of catalog.providers) {
    const ranked = catalog.regions
      .filter((region) => region.provider === provider.id)
      .flatMap((region) => {
        const intensity = regionIntensity(region, basis);
        return intensity ? [{ region, intensity }] : [];
      })
      .sort((a, b) => a.intensity.value - b.intensity.value || (a.region.code < b.region.code ? -1 : 1))
      .slice(0, regionsPerProvider);
    for (const { region, intensity } of ranked) {
      cleanestRegions.push({
        provider: region.provider,
        region: region.code,
        name: region.name,
        gCo2ePerKwh: intensity.value,
        basis: intensity.basis,
        year: intensity.year,
        zone: intensity.zone,
        source: intensity.source,
        pue: effectivePue(catalog, region).value,
      });
    }
  }
  const regionsByKey = new Map(catalog.regions.map((region) => [`${region.provider}/${region.code}`, region]));
  const instanceTypes: InstanceTypeRegions[] = [];
  for (const name of summaryInstanceTypes) {
    const type = catalog.instanceTypes.find((candidate) => candidate.instanceType === name);
    if (!type) continue;
    const choices = offersForType(catalog, type).flatMap((offer): RegionChoice[] => {
      const region = regionsByKey.get(`${offer.provider}/${offer.region}`);
      const intensity = region && regionIntensity(region, basis);
      if (!intensity) return [];
      return [{ region: offer.region, usdPerHour: offer.usdPerHour.onDemand, gCo2ePerKwh: intensity.value, basis: intensity.basis, year: intensity.year }];
    });
    if (choices.length === 0) continue;
    const byRegion = (a: RegionChoice, b: RegionChoice) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0);
    const cheapest = [...choices].sort((a, b) => a.usdPerHour - b.usdPerHour || a.gCo2ePerKwh - b.gCo2ePerKwh || byRegion(a, b))[0];
    const cleanest = [...choices].sort((a, b) => a.gCo2ePerKwh - b.gCo2ePerKwh || a.usdPerHour - b.usdPerHour || byRegion(a, b))[0];
    instanceTypes.push({ provider: type.provider, instanceType: type.instanceType, offeredInRegions: choices.length, cheapest, cleanest });
  }
  return { catalogVersion: catalog.meta.version, basis, cleanestRegions, instanceTypes };
}
