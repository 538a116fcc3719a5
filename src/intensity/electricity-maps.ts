import { z } from "zod";
import type { Region } from "../domain/catalog.ts";
import { pointsBetween, startOfHour, addHours, toHourlyPoints } from "./hourly.ts";
import { parseBody, RemoteIntensitySource, resolveRemoteOptions, type FetchedPoints, type SeriesKind } from "./remote-source.ts";
import type { IntensitySeriesBasis, IntensitySignal } from "../domain/intensity.ts";
import type { RemoteSourceOptions } from "./types.ts";

export const electricityMapsKeyEnv = "ELECTRICITY_MAPS_API_KEY";
export const electricityMapsBaseUrlEnv = "ELECTRICITY_MAPS_BASE_URL";
const defaultBaseUrl = "https://api.electricitymap.org";

// Documented v3 shapes (carbon-intensity/latest, /history, /forecast): gCO2eq/kWh, hourly, `datetime` ISO.
const pointSchema = z.object({ carbonIntensity: z.number().nullable(), datetime: z.string() });
const latestSchema = z.object({ zone: z.string(), carbonIntensity: z.number(), datetime: z.string() });
const historySchema = z.object({ zone: z.string(), history: z.array(pointSchema) });
const forecastSchema = z.object({ zone: z.string(), forecast: z.array(pointSchema) });

/** The forecast horizons the API offers; the smallest that covers the request is asked for. */
const forecastHorizonsHours = [6, 24, 48, 72];

/**
 * Electricity Maps API v3: grid-average intensity of the consumption mix by zone, on the lifecycle basis
 * (its default) or the direct one (our "operational"). Key from ELECTRICITY_MAPS_API_KEY, sent in the
 * `auth-token` header. The personal tier has latest and 24 h history; forecasts need a commercial plan.
 */
export class ElectricityMapsSource extends RemoteIntensitySource {
  readonly name = "electricitymaps" as const;
  protected readonly displayName = "Electricity Maps";

  constructor(options: RemoteSourceOptions = {}) {
    super(resolveRemoteOptions(options, electricityMapsBaseUrlEnv, defaultBaseUrl));
  }

  protected zoneFor(region: Region): { zone: string } | { missing: string } {
    const zone = region.gridZones.electricityMaps;
    if (zone) return { zone };
    return { missing: `the catalog maps ${region.provider}/${region.code} to no Electricity Maps zone` };
  }

  protected credentialProblem(): string | undefined {
    return this.key() ? undefined : `${electricityMapsKeyEnv} is not set`;
  }

  protected secrets(): Array<string | undefined> {
    return [this.key()];
  }

  protected signalAndBasis(): { signal: IntensitySignal; basis: IntensitySeriesBasis } {
    return { signal: "average", basis: this.options.basis };
  }

  protected describe(kind: SeriesKind, zone: string): string {
    const emissionFactors = this.options.basis === "lifecycle" ? "lifecycle" : "direct (operational)";
    return `Electricity Maps ${kind} for zone ${zone}: hourly grid-average intensity of the consumption mix, ${emissionFactors} emission factors`;
  }

  protected async fetchPoints(kind: SeriesKind, zone: string, hours: number): Promise<FetchedPoints> {
    const query = new URLSearchParams({ zone, emissionFactorType: this.options.basis === "lifecycle" ? "lifecycle" : "direct" });
    if (kind === "forecast") query.set("horizonHours", String(forecastHorizonsHours.find((horizon) => horizon >= hours) ?? 72));
    const url = `${this.options.baseUrl}/v3/carbon-intensity/${kind}?${query}`;
    const label = `Electricity Maps ${kind} for ${zone}`;
    const headers = async () => ({ "auth-token": this.key() ?? "", accept: "application/json" });
    const now = this.options.now();
    if (kind === "latest") {
      const { body, fetchedAt, fromCache } = await this.getCachedJson("electricitymaps", url, label, headers, (raw) => parseBody(latestSchema, raw, label));
      return { points: toHourlyPoints([{ startsAt: body.datetime, gCo2ePerKwh: body.carbonIntensity }]), fetchedAt, fromCache, zone: `EM:${body.zone}`, notes: [] };
    }
    if (kind === "history") {
      const { body, fetchedAt, fromCache } = await this.getCachedJson("electricitymaps", url, label, headers, (raw) => parseBody(historySchema, raw, label));
      const points = toHourlyPoints(usable(body.history));
      const from = addHours(startOfHour(now), -hours);
      return { points: pointsBetween(points, from, hours), fetchedAt, fromCache, zone: `EM:${body.zone}`, notes: [] };
    }
    const { body, fetchedAt, fromCache } = await this.getCachedJson("electricitymaps", url, label, headers, (raw) => parseBody(forecastSchema, raw, label));
    const points = pointsBetween(toHourlyPoints(usable(body.forecast)), now, hours);
    const notes = points.length < hours ? [`Electricity Maps forecast for ${zone} covers ${points.length} of the ${hours} hours asked for`] : [];
    return { points, fetchedAt, fromCache, zone: `EM:${body.zone}`, notes };
  }

  private key(): string | undefined {
    const key = this.options.env[electricityMapsKeyEnv];
    return key === undefined || key.trim() === "" ? undefined : key.trim();
  }
}

function usable(points: Array<z.infer<typeof pointSchema>>): Array<{ startsAt: string; gCo2ePerKwh: number }> {
  return points.filter((point) => point.carbonIntensity !== null).map((point) => ({ startsAt: point.datetime, gCo2ePerKwh: point.carbonIntensity as number }));
}
