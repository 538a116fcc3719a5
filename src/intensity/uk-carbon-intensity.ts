import { z } from "zod";
import type { Region } from "../domain/catalog.ts";
import { addHours, pointsBetween, startOfHour, toHourlyPoints } from "./hourly.ts";
import { parseBody, RemoteIntensitySource, resolveRemoteOptions, type FetchedPoints, type SeriesKind } from "./remote-source.ts";
import type { IntensitySeriesBasis, IntensitySignal } from "../domain/intensity.ts";
import type { RemoteSourceOptions } from "./types.ts";

export const ukCarbonIntensityBaseUrlEnv = "UK_CARBON_INTENSITY_BASE_URL";
const defaultBaseUrl = "https://api.carbonintensity.org.uk";

// Documented shapes: half-hour periods {from, to, intensity: {forecast, actual?, index}}. National answers
// put them in `data`; regional ones nest them under a region object (`data.data`, or `data[0].data`).
const periodSchema = z.object({
  from: z.string(),
  to: z.string().optional(),
  intensity: z.object({ forecast: z.number().nullable().optional(), actual: z.number().nullable().optional() }).loose(),
});
const regionBlockSchema = z.object({ regionid: z.number().optional(), data: z.array(periodSchema) }).loose();
const answerSchema = z.object({
  data: z.union([z.array(periodSchema), regionBlockSchema, z.array(regionBlockSchema)]),
});

/** The API serves 48 h ahead at most (fw48h). */
const maxForecastHours = 48;

/**
 * The UK carbon-intensity API (NESO; no key): half-hourly intensity for Great Britain, national or by DNO
 * region, forecast 48 h ahead. Regional figures are forecasts only; national history has actuals.
 */
export class UkCarbonIntensitySource extends RemoteIntensitySource {
  readonly name = "uk" as const;
  protected readonly displayName = "the UK carbon-intensity API";

  constructor(options: RemoteSourceOptions = {}) {
    super(resolveRemoteOptions(options, ukCarbonIntensityBaseUrlEnv, defaultBaseUrl));
  }

  protected zoneFor(region: Region): { zone: string } | { missing: string } {
    if (region.country !== "GB") {
      return { missing: `it covers Great Britain only, and ${region.provider}/${region.code} is in ${region.country}` };
    }
    const regionId = region.gridZones.ukCarbonIntensityRegionId;
    return { zone: regionId === null || regionId === undefined ? "national" : String(regionId) };
  }

  protected credentialProblem(): string | undefined {
    return undefined;
  }

  protected secrets(): Array<string | undefined> {
    return [];
  }

  protected signalAndBasis(): { signal: IntensitySignal; basis: IntensitySeriesBasis } {
    return { signal: "average", basis: "operational" };
  }

  protected describe(kind: SeriesKind, zone: string): string {
    const area = zone === "national" ? "Great Britain (national; the catalog maps this region to no DNO region)" : `GB DNO region ${zone}`;
    return `UK carbon-intensity API ${kind} for ${area}: grid-average intensity from NESO's own emission factors (not Electricity Maps' lifecycle basis); half-hours averaged per hour`;
  }

  protected async fetchPoints(kind: SeriesKind, zone: string, hours: number): Promise<FetchedPoints> {
    const now = this.options.now();
    const regional = zone === "national" ? "" : `/regionid/${zone}`;
    const notes: string[] = [];
    let url: string;
    let from: Date;
    let spanHours: number;
    if (kind === "history") {
      from = addHours(startOfHour(now), -hours);
      spanHours = hours;
      const path = `${apiTime(from)}/${apiTime(startOfHour(now))}`;
      url = zone === "national" ? `${this.options.baseUrl}/intensity/${path}` : `${this.options.baseUrl}/regional/intensity/${path}${regional}`;
    } else {
      from = startOfHour(now);
      spanHours = kind === "latest" ? 1 : Math.min(hours, maxForecastHours);
      if (kind === "forecast" && hours > maxForecastHours) notes.push(`the UK carbon-intensity API forecasts ${maxForecastHours} h ahead; ${hours} h were asked for`);
      const path = `${apiTime(from)}/fw48h`;
      url = zone === "national" ? `${this.options.baseUrl}/intensity/${path}` : `${this.options.baseUrl}/regional/intensity/${path}${regional}`;
    }
    const label = `UK carbon-intensity ${kind} for ${zone === "national" ? "GB" : `region ${zone}`}`;
    const { body, fetchedAt, fromCache } = await this.getCachedJson("uk", url, label, async () => ({ accept: "application/json" }), (raw) => parseBody(answerSchema, raw, label));
    const samples = periodsOf(body.data).flatMap((period) => {
      // History prefers the measured value; regional answers have forecasts only.
      const value = kind === "history" ? period.intensity.actual ?? period.intensity.forecast : period.intensity.forecast ?? period.intensity.actual;
      return value === null || value === undefined ? [] : [{ startsAt: period.from, gCo2ePerKwh: value }];
    });
    const points = pointsBetween(toHourlyPoints(samples.map((sample) => ({ ...sample, startsAt: normaliseTime(sample.startsAt) }))), from, spanHours);
    return { points, fetchedAt, fromCache, zone: zone === "national" ? "UK:national" : `UK:${zone}`, notes };
  }
}

type Answer = z.infer<typeof answerSchema>["data"];

function periodsOf(data: Answer): Array<z.infer<typeof periodSchema>> {
  if (!Array.isArray(data)) return data.data;
  return data.flatMap((entry) => ("intensity" in entry ? [entry as z.infer<typeof periodSchema>] : (entry as z.infer<typeof regionBlockSchema>).data));
}

/** The API's times look like 2026-05-24T20:30Z (no seconds); its path parameters use the same form. */
function apiTime(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

function normaliseTime(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}
