import type { IntensityBasis, Region } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import type { IntensityMetadata, IntensityPoint } from "../domain/intensity.ts";
import { gridIntensityOn } from "../estimate/grid-intensity.ts";

/** An hourly series for one region (a forecast, or a source's fallback), as an intensity source answered it. */
export interface RegionHourlySeries {
  points: IntensityPoint[];
  metadata: IntensityMetadata;
}

/**
 * Grid intensity from a source other than the catalog (a live API, a forecast), keyed "provider/region".
 * Regions without a figure keep the catalog's, and the plan says so.
 */
export interface IntensityInput {
  /** "catalog" or the live source's name. */
  source: string;
  fetchedAt?: string;
  byRegion?: Record<string, { gCo2ePerKwh: number; year?: number; zone?: string }>;
  /**
   * Hourly series keyed "provider/region", fetched before planning (the planner never fetches). The chosen
   * region's series picks a batch schedule's hours; it does not re-rank regions (byRegion does that).
   */
  hourly?: Record<string, RegionHourlySeries>;
  /** Sentences for the plan's assumptions (how the series were fetched and used). */
  notes?: string[];
  /** Sentences for the plan's warnings (beyond each series' own). */
  warnings?: string[];
}

export interface IntensityAdjustment {
  source: string;
  fetchedAt: string | null;
  adjust: (region: Region) => Region;
  /** What the adjustment did, for the plan's assumptions (read after every region was adjusted). */
  readonly assumptions: string[];
}

export function applyIntensityOverride(input: IntensityInput | undefined, basis: IntensityBasis): IntensityAdjustment {
  if (!input || input.source === "catalog") return { source: "catalog", fetchedAt: null, adjust: (region) => region, assumptions: [] };
  const byRegion = input.byRegion;
  if (!byRegion) {
    if (input.hourly) return { source: "catalog", fetchedAt: null, adjust: (region) => region, assumptions: [] };
    throw new WattplanError("INVALID_INPUT", `intensity source '${input.source}' came without figures`, "pass byRegion figures, or use the catalog source");
  }
  let replaced = 0;
  const fallbacks: string[] = [];
  return {
    source: input.source,
    fetchedAt: input.fetchedAt ?? null,
    adjust: (region) => {
      const figure = byRegion[`${region.provider}/${region.code}`];
      if (!figure) return region;
      replaced++;
      // The catalog's figure the live one replaces lends it what the source did not say (year, zone, scope).
      const current = gridIntensityOn(region, basis, fallbacks);
      const replacement = {
        ...current,
        basis,
        value: figure.gCo2ePerKwh,
        source: input.source,
        year: figure.year ?? current.year,
        zone: figure.zone ?? current.zone,
        asOf: (input.fetchedAt ?? current.asOf).slice(0, 10),
      };
      return { ...region, intensity: { ...region.intensity, [basis]: replacement } };
    },
    get assumptions() {
      return [`grid intensity from ${input.source}${input.fetchedAt ? ` fetched ${input.fetchedAt}` : ""} for ${replaced} region(s); the catalog's figures elsewhere`, ...fallbacks];
    },
  };
}
