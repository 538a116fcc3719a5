// Region coordinates from the catalog shipped with wattplan, for callers that pass none (the CLI's
// `report --format html`). Read as module data, like the map itself, so renderHtml stays a pure function;
// a caller with another catalog passes its own lookup (regionLocationsFromCatalog).
import { z } from "zod";
import bundledRegions from "../../../catalog/regions.json" with { type: "json" };
import type { Plan } from "../../domain/plan.ts";
import { reportCandidates, regionKey, type RegionLocation } from "./plan-regions.ts";

const regionLocationRecords = z.array(
  z.object({ provider: z.string(), code: z.string(), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
);

let cached: Map<string, RegionLocation> | undefined;

function bundledLocations(): Map<string, RegionLocation> {
  if (cached) return cached;
  const parsed = regionLocationRecords.safeParse(bundledRegions);
  // A catalog that does not parse only costs the map its dots: the catalog's own loader reports the problem.
  const records = parsed.success ? parsed.data : [];
  cached = new Map(records.map((region) => [`${region.provider}/${region.code}`, { latitude: region.latitude, longitude: region.longitude }]));
  return cached;
}

/** The plan's regions that the bundled catalog knows, keyed "provider/region". */
export function bundledRegionLocations(plan: Plan): Record<string, RegionLocation> {
  const locations = bundledLocations();
  const lookup: Record<string, RegionLocation> = {};
  for (const candidate of reportCandidates(plan)) {
    const location = locations.get(regionKey(candidate));
    if (location) lookup[regionKey(candidate)] = location;
  }
  return lookup;
}
