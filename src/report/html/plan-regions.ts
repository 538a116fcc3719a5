// Which candidates and regions a report shows: the Pareto front, the alternatives, the chosen candidate and the
// baseline, each once, and per region the best of them by carbon per inference.
import type { Catalog } from "../../domain/catalog.ts";
import type { Candidate, Plan } from "../../domain/plan.ts";

export interface RegionLocation {
  latitude: number;
  longitude: number;
}

/** Region coordinates keyed by "provider/region" (e.g. "aws/eu-north-1"). */
export type RegionLocations = Readonly<Record<string, RegionLocation>>;

export function regionKey(candidate: Pick<Candidate, "provider" | "region">): string {
  return `${candidate.provider}/${candidate.region}`;
}

/** Every candidate the plan carries, deduplicated by key: chosen first, then the front, alternatives, baseline. */
export function reportCandidates(plan: Plan): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const candidate of [plan.chosen, ...plan.pareto, ...plan.alternatives, plan.baseline]) {
    if (!seen.has(candidate.key)) seen.set(candidate.key, candidate);
  }
  return [...seen.values()];
}

export interface ReportRegion {
  key: string;
  provider: Candidate["provider"];
  region: string;
  regionName: string;
  country: string;
  gridIntensityGCo2ePerKwh: number;
  gridIntensity: Candidate["gridIntensity"];
  /** The candidate with the least carbon per inference in this region (the baseline only where nothing else is). */
  best: Candidate;
  hostsChosen: boolean;
  hostsBaseline: boolean;
}

/** One entry per region of the report's candidates, sorted by the best carbon per inference (ties by key). */
export function reportRegions(plan: Plan): ReportRegion[] {
  const regions = new Map<string, ReportRegion>();
  const rankedFirst = [...reportCandidates(plan)].sort((first, second) => Number(first.key === plan.baseline.key) - Number(second.key === plan.baseline.key));
  for (const candidate of rankedFirst) {
    const key = regionKey(candidate);
    const isBaseline = candidate.key === plan.baseline.key;
    const existing = regions.get(key);
    if (!existing) {
      regions.set(key, {
        key,
        provider: candidate.provider,
        region: candidate.region,
        regionName: candidate.regionName,
        country: candidate.country,
        gridIntensityGCo2ePerKwh: candidate.gridIntensityGCo2ePerKwh,
        gridIntensity: candidate.gridIntensity,
        best: candidate,
        hostsChosen: candidate.key === plan.chosen.key,
        hostsBaseline: isBaseline,
      });
      continue;
    }
    existing.hostsChosen ||= candidate.key === plan.chosen.key;
    existing.hostsBaseline ||= isBaseline;
    // The baseline never stands for a region that has planned candidates: it is shown on its own.
    if (!isBaseline && candidate.sciGCo2ePerInference < existing.best.sciGCo2ePerInference) existing.best = candidate;
  }
  return [...regions.values()].sort(
    (first, second) => first.best.sciGCo2ePerInference - second.best.sciGCo2ePerInference || first.key.localeCompare(second.key),
  );
}

/** The coordinates the plan's candidates carry (none in plans of schemaVersion 1). */
export function regionLocationsOf(plan: Plan): Record<string, RegionLocation> {
  const locations: Record<string, RegionLocation> = {};
  for (const candidate of reportCandidates(plan)) {
    if (candidate.latitude !== undefined && candidate.longitude !== undefined) locations[regionKey(candidate)] = { latitude: candidate.latitude, longitude: candidate.longitude };
  }
  return locations;
}

/** The coordinates of the plan's regions from a catalog, for plans that carry none (regions it lacks are left out). */
export function regionLocationsFromCatalog(catalog: Pick<Catalog, "regions">, plan: Plan): Record<string, RegionLocation> {
  const wanted = new Set(reportCandidates(plan).map(regionKey));
  const locations: Record<string, RegionLocation> = {};
  for (const region of catalog.regions) {
    const key = `${region.provider}/${region.code}`;
    if (wanted.has(key)) locations[key] = { latitude: region.latitude, longitude: region.longitude };
  }
  return locations;
}
