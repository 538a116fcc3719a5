// Planning with time: the planner is pure and never fetches, so the hourly series are fetched here, between a
// first catalog-based pass (which picks the region) and the final pass (which uses the series).
//
// Which regions get a series: only the chosen one. Regions are ranked on the catalog's yearly figures (one basis
// with complete coverage); fetching all of them would be hundreds of API calls, and a ranking that mixes live
// figures for a few regions with yearly ones for the rest would rank wrongly. So:
// - batch work: the chosen region's forecast picks the schedule's hours; the ranking does not change.
// - live traffic: the chosen region's forecast, weighted by the traffic's hourly shape (uniform without one),
//   replaces its yearly figure (average signals on the ranking's basis only). If that moves the choice to
//   another region, that region is fetched too, up to MOST_REGIONS_FETCHED.
import { findRegion } from "../catalog/queries.ts";
import type { Catalog, ProviderId, Region } from "../domain/catalog.ts";
import type { Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { IntensitySource } from "../intensity/types.ts";
import { plan } from "../plan/index.ts";
import type { IntensityInput, RegionHourlySeries } from "../plan/intensity-input.ts";
import { trafficWeightedIntensity } from "../plan/traffic-weighted-intensity.ts";

/** Two days: a whole occurrence of any daily window starts within the first 24 hours. */
export const FORECAST_HOURS = 48;
const MOST_REGIONS_FETCHED = 3;

export interface PlanInputs {
  catalog: Catalog;
  profiles: ModelProfile[];
  now?: Date | string;
}

export async function planWithIntensitySource(spec: WorkloadSpec, inputs: PlanInputs, source: IntensitySource): Promise<Plan> {
  const first = plan(spec, inputs);
  const hourly: Record<string, RegionHourlySeries> = {};
  const notes: string[] = [];
  const warnings: string[] = [];
  const fetchFor = async (provider: ProviderId, code: string) => {
    const key = `${provider}/${code}`;
    if (hourly[key]) return hourly[key];
    const region = findRegion(inputs.catalog, code, provider);
    const series = await source.forecast(region, FORECAST_HOURS);
    hourly[key] = { points: series.points, metadata: series.metadata };
    const mismatch = series.metadata.source === "file" ? zoneMismatch(series.metadata.zone, region) : null;
    if (mismatch) warnings.push(mismatch);
    return hourly[key];
  };

  if (spec.traffic.batch) {
    await fetchFor(first.chosen.provider, first.chosen.region);
    notes.push(`hourly intensity: a ${FORECAST_HOURS} h forecast fetched for the chosen region only (the regions were ranked on the catalog's yearly figures first)`);
    return plan(spec, { ...inputs, intensity: { source: "catalog", hourly, notes, warnings } });
  }

  const byRegion: NonNullable<IntensityInput["byRegion"]> = {};
  let current = first;
  let liveSource: string | null = null;
  for (let round = 0; round < MOST_REGIONS_FETCHED; round += 1) {
    const key = `${current.chosen.provider}/${current.chosen.region}`;
    if (hourly[key]) break;
    const series = await fetchFor(current.chosen.provider, current.chosen.region);
    const usable = usableForFigures(series, spec);
    if (usable !== true) {
      notes.push(`hourly intensity for ${key} not used in the figures: ${usable}`);
      break;
    }
    byRegion[key] = { gCo2ePerKwh: round2(trafficWeightedIntensity(series.points, spec.traffic.hourly)), zone: series.metadata.zone ?? undefined };
    liveSource = series.metadata.source;
    current = plan(spec, { ...inputs, intensity: { source: liveSource, fetchedAt: series.metadata.fetchedAt, byRegion, hourly, notes, warnings } });
  }
  const chosenKey = `${current.chosen.provider}/${current.chosen.region}`;
  if (Object.keys(byRegion).length > 0 && !byRegion[chosenKey]) {
    warnings.push(`the chosen region ${chosenKey} keeps the catalog's yearly figure: after ${MOST_REGIONS_FETCHED} fetches the choice still moved between regions`);
  }
  notes.push(
    `hourly intensity: fetched for the chosen region (then for any region the figures moved the choice to, at most ${MOST_REGIONS_FETCHED}); ` +
      `its figure is the forecast's mean weighted by the traffic's hourly shape${spec.traffic.hourly ? "" : " (uniform: the spec gives no hourly shape)"}; every other region keeps the catalog's yearly figure`,
  );
  const firstFetched = Object.values(hourly)[0];
  return plan(spec, {
    ...inputs,
    intensity: liveSource
      ? { source: liveSource, fetchedAt: firstFetched?.metadata.fetchedAt, byRegion, hourly, notes, warnings }
      : { source: "catalog", hourly, notes, warnings },
  });
}

/** True, or why the series cannot stand in for the yearly figure the regions are ranked on. */
function usableForFigures(series: RegionHourlySeries, spec: WorkloadSpec): true | string {
  const { metadata } = series;
  if (metadata.origin === "annual-figure") return "the source fell back to the catalog's yearly figure";
  if (metadata.signal !== "average") return `a ${metadata.signal} signal is not comparable with the catalog's average figures`;
  if (metadata.basis !== spec.options.intensityBasis) return `its basis (${metadata.basis}) differs from the ranking's (${spec.options.intensityBasis})`;
  return true;
}

/** A file that names its zone (e.g. a saved Electricity Maps forecast) but describes another grid than the region's. */
function zoneMismatch(seriesZone: string | null, region: Region): string | null {
  if (!seriesZone) return null;
  const regionZone = region.intensity.lifecycle.zone;
  const bare = (zone: string) => zone.replace(/^[A-Z]+:/, "").toUpperCase();
  if (bare(seriesZone) === bare(regionZone) || (region.gridZones.electricityMaps && bare(seriesZone) === region.gridZones.electricityMaps.toUpperCase())) return null;
  return `the hourly series is for zone ${seriesZone}, but ${region.provider}/${region.code} is in ${regionZone}: it was applied anyway; restrict the spec's constraints (countries, regions) to the grid the series describes`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
