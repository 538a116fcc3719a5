// What the plan records about the hourly intensity it used: source, signal, basis, fetch time, what it was for,
// and every fallback warning the sources raised.
import type { HourlyIntensity } from "../domain/plan.ts";
import type { IntensityInput } from "./intensity-input.ts";
import type { TimeShiftedBatch } from "./time-shifted-batch.ts";

export interface HourlyIntensityRecord {
  record: HourlyIntensity;
  assumptions: string[];
  warnings: string[];
}

export function hourlyIntensityRecord(input: IntensityInput | undefined, chosenRegionKey: string, batchTime: TimeShiftedBatch | null): HourlyIntensityRecord | null {
  const byRegion = input?.hourly ?? {};
  const fetched = Object.keys(byRegion).sort();
  const main = batchTime?.series ?? byRegion[chosenRegionKey] ?? (fetched.length > 0 ? byRegion[fetched[0]] : undefined);
  if (!main) return null;
  const { metadata } = main;
  const use = batchTime
    ? `picks the batch schedule's hours for ${chosenRegionKey}`
    : input?.byRegion && Object.keys(input.byRegion).length > 0
      ? `weighted by the traffic's hourly shape, replaces the yearly figure of ${Object.keys(input.byRegion).sort().join(", ")}`
      : "recorded only: the figures stay on the catalog's yearly averages";
  const record: HourlyIntensity = {
    source: metadata.source,
    requestedSource: metadata.requestedSource,
    signal: metadata.signal,
    basis: metadata.basis,
    zone: metadata.zone,
    fetchedAt: metadata.fetchedAt,
    origin: metadata.origin,
    description: metadata.description,
    regions: fetched.length > 0 ? fetched : [chosenRegionKey],
    use,
  };
  const warnings: string[] = [];
  for (const key of fetched) for (const warning of byRegion[key].metadata.warnings) warnings.push(`grid intensity (${key}): ${warning}`);
  warnings.push(...(input?.warnings ?? []));
  const assumptions = [...(input?.notes ?? []), `grid intensity over time: ${metadata.description}; ${use}`];
  return { record, assumptions, warnings };
}
