import { z } from "zod";
import type { Region } from "../domain/catalog.ts";
import { addHours, pointsBetween, roundTo, startOfHour, toHourlyPoints } from "./hourly.ts";
import { getJson, RemoteRequestError } from "./http-client.ts";
import { parseBody, RemoteIntensitySource, resolveRemoteOptions, type FetchedPoints, type SeriesKind } from "./remote-source.ts";
import type { IntensitySeriesBasis, IntensitySignal } from "../domain/intensity.ts";
import type { RemoteSourceOptions } from "./types.ts";

export const wattTimeUsernameEnv = "WATTTIME_USERNAME";
export const wattTimePasswordEnv = "WATTTIME_PASSWORD";
export const wattTimeBaseUrlEnv = "WATTTIME_BASE_URL";
const defaultBaseUrl = "https://api.watttime.org";

/** 1 lb = 453.59237 g (exact, by definition), so lbs/MWh × 0.45359237 = g/kWh. */
export const gramsPerKwhPerPoundPerMwh = 0.45359237;

// Documented v3 shapes: {data: [{point_time, value}], meta: {region, signal_type, units, ...}}, 5-minute points.
const dataSchema = z.object({
  data: z.array(z.object({ point_time: z.string(), value: z.number() })),
  meta: z.object({ units: z.string(), region: z.string().optional() }).loose(),
});
const loginSchema = z.object({ token: z.string().min(1) });

/** Tokens last 30 minutes (WattTime docs); renew a little early. */
const tokenLifetimeMs = 25 * 60 * 1000;

/**
 * WattTime API v3: the marginal operating emissions rate (MOER, signal co2_moer) by grid region, with a
 * forecast. Credentials from WATTTIME_USERNAME / WATTTIME_PASSWORD, exchanged at /login (HTTP Basic) for a
 * bearer token kept in memory only. Values come in lbs CO2/MWh and are converted to g/kWh.
 */
export class WattTimeSource extends RemoteIntensitySource {
  readonly name = "watttime" as const;
  protected readonly displayName = "WattTime";
  private token: { value: string; expiresAtMs: number } | undefined;

  constructor(options: RemoteSourceOptions = {}) {
    super(resolveRemoteOptions(options, wattTimeBaseUrlEnv, defaultBaseUrl));
  }

  protected zoneFor(region: Region): { zone: string } | { missing: string } {
    const zone = region.gridZones.wattTime;
    if (zone) return { zone };
    return { missing: `the catalog maps ${region.provider}/${region.code} to no WattTime region` };
  }

  protected credentialProblem(): string | undefined {
    const missing = [wattTimeUsernameEnv, wattTimePasswordEnv].filter((name) => !this.options.env[name]);
    return missing.length === 0 ? undefined : `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set`;
  }

  protected secrets(): Array<string | undefined> {
    const username = this.options.env[wattTimeUsernameEnv];
    const password = this.options.env[wattTimePasswordEnv];
    return [password, this.token?.value, username && password ? `${username}:${password}` : undefined];
  }

  protected signalAndBasis(): { signal: IntensitySignal; basis: IntensitySeriesBasis } {
    return { signal: "marginal", basis: "marginal" };
  }

  protected describe(kind: SeriesKind, zone: string): string {
    const what = kind === "latest" ? "current hour (first hour of its forecast)" : kind;
    return `WattTime ${what} for ${zone}: marginal operating emissions rate (co2_moer), CO2 only, converted from lbs/MWh to g/kWh (× ${gramsPerKwhPerPoundPerMwh}); 5-minute values averaged per hour`;
  }

  protected async fetchPoints(kind: SeriesKind, zone: string, hours: number): Promise<FetchedPoints> {
    const now = this.options.now();
    let url: string;
    if (kind === "history") {
      const from = addHours(startOfHour(now), -hours);
      url = `${this.options.baseUrl}/v3/historical?${new URLSearchParams({ region: zone, signal_type: "co2_moer", start: from.toISOString(), end: startOfHour(now).toISOString() })}`;
    } else {
      const horizonHours = kind === "latest" ? 1 : Math.min(72, Math.max(1, hours));
      url = `${this.options.baseUrl}/v3/forecast?${new URLSearchParams({ region: zone, signal_type: "co2_moer", horizon_hours: String(horizonHours) })}`;
    }
    const label = `WattTime ${kind} for ${zone}`;
    const { body, fetchedAt, fromCache } = await this.getCachedJson(
      "watttime",
      url,
      label,
      async () => ({ authorization: `Bearer ${await this.bearerToken()}`, accept: "application/json" }),
      (raw) => {
        const parsed = parseBody(dataSchema, raw, label);
        if (!/lbs?_co2_per_mwh/i.test(parsed.meta.units)) {
          throw new RemoteRequestError("malformed", `${label}: units '${parsed.meta.units}' are not lbs_co2_per_mwh`, 1);
        }
        return parsed;
      },
    );
    const hourly = toHourlyPoints(body.data.map((point) => ({ startsAt: point.point_time, gCo2ePerKwh: point.value * gramsPerKwhPerPoundPerMwh })))
      .map((point) => ({ ...point, gCo2ePerKwh: roundTo(point.gCo2ePerKwh, 2) }));
    const points = kind === "history" ? pointsBetween(hourly, addHours(startOfHour(now), -hours), hours) : pointsBetween(hourly, now, kind === "latest" ? 1 : hours);
    const notes = [`WattTime values are lbs CO2/MWh, converted to g/kWh (× ${gramsPerKwhPerPoundPerMwh}); marginal, not average: they rank hours, not regions on the catalog's basis`];
    return { points, fetchedAt, fromCache, zone: `WT:${zone}`, notes };
  }

  /** Logs in with HTTP Basic at /login; the token lives in memory only (never in the cache). */
  private async bearerToken(): Promise<string> {
    const nowMs = this.options.now().getTime();
    if (this.token && this.token.expiresAtMs > nowMs) return this.token.value;
    const username = this.options.env[wattTimeUsernameEnv] ?? "";
    const password = this.options.env[wattTimePasswordEnv] ?? "";
    const label = "WattTime login";
    let body: unknown;
    try {
      body = await getJson({
      url: `${this.options.baseUrl}/login`,
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`, accept: "application/json" },
      label,
      ...this.requestPolicy(),
      });
    } catch (error) {
      // A refused login is a credentials problem, not missing forecast access: drop the status so the
      // caller does not try the history profile with the same credentials.
      if (error instanceof RemoteRequestError) {
        throw new RemoteRequestError(error.kind, `${error.message}; check ${wattTimeUsernameEnv} and ${wattTimePasswordEnv}`, error.attempts);
      }
      throw error;
    }
    const { token } = parseBody(loginSchema, body, label);
    this.token = { value: token, expiresAtMs: nowMs + tokenLifetimeMs };
    return token;
  }
}
