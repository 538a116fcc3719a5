import type { z } from "zod";
import type { IntensityBasis, Region } from "../domain/catalog.ts";
import { annualFigureSeries } from "./catalog-source.ts";
import { addHours, historyProfilePoints, startOfHour } from "./hourly.ts";
import { defaultSleep, getJson, RemoteRequestError, type WaitBudget } from "./http-client.ts";
import { implausibleIntensity } from "./plausible-values.ts";
import { redactSecrets, redactStrings } from "./redact.ts";
import { ResponseCache } from "./response-cache.ts";
import type { IntensityPoint, IntensitySeries, IntensitySeriesBasis, IntensitySignal, IntensitySourceName } from "../domain/intensity.ts";
import type { IntensitySource, RemoteSourceOptions } from "./types.ts";

export type SeriesKind = "latest" | "history" | "forecast";

/** What a client fetched: hourly points, when, and anything worth a warning (e.g. a unit conversion). */
export interface FetchedPoints {
  points: IntensityPoint[];
  fetchedAt: Date;
  fromCache: boolean;
  zone: string;
  notes: string[];
}

export interface ResolvedRemoteOptions {
  baseUrl: string;
  basis: IntensityBasis;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  maxRetryWaitMs: number;
  /** Waiting between retries, all requests of the source together. */
  waitBudget: WaitBudget;
  historyProfileDays: number;
  env: Record<string, string | undefined>;
  now: () => Date;
  sleep: (milliseconds: number) => Promise<void>;
  fetch: typeof fetch;
  cache: ResponseCache;
}

export function resolveRemoteOptions(options: RemoteSourceOptions, baseUrlEnvName: string, defaultBaseUrl: string): ResolvedRemoteOptions {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  return {
    baseUrl: (options.baseUrl ?? env[baseUrlEnvName] ?? defaultBaseUrl).replace(/\/+$/, ""),
    basis: options.basis ?? "lifecycle",
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 30_000,
    waitBudget: { remainingMs: options.maxTotalWaitMs ?? 30_000, totalMs: options.maxTotalWaitMs ?? 30_000 },
    historyProfileDays: options.historyProfileDays ?? 7,
    env,
    now,
    sleep: options.sleep ?? defaultSleep,
    fetch: options.fetch ?? globalThis.fetch,
    cache: new ResponseCache(options.cacheDirectory, options.cacheTtlMs, now),
  };
}

/**
 * The shared behaviour of the HTTP sources: zone lookup, credentials check, cache, and the fallbacks —
 * a 403 on the forecast becomes a history-based profile, and any other failure the catalog's annual
 * figure, each with a warning that says what happened. Remote trouble never throws from here.
 */
export abstract class RemoteIntensitySource implements IntensitySource {
  abstract readonly name: IntensitySourceName;
  /** "Electricity Maps", "WattTime", "the UK carbon-intensity API". */
  protected abstract readonly displayName: string;
  protected readonly options: ResolvedRemoteOptions;
  /** Set while refetching past a cached answer that turned out implausible. */
  private bypassCache = false;

  protected constructor(options: ResolvedRemoteOptions) {
    this.options = options;
  }

  /** The source's zone for the region, or a sentence saying why there is none. */
  protected abstract zoneFor(region: Region): { zone: string } | { missing: string };
  /** A sentence when credentials are missing; undefined when the client can call. */
  protected abstract credentialProblem(): string | undefined;
  protected abstract secrets(): Array<string | undefined>;
  protected abstract signalAndBasis(): { signal: IntensitySignal; basis: IntensitySeriesBasis };
  protected abstract describe(kind: SeriesKind, zone: string): string;
  protected abstract fetchPoints(kind: SeriesKind, zone: string, hours: number): Promise<FetchedPoints>;

  async latest(region: Region): Promise<IntensitySeries> {
    return this.answer(region, "latest", 1);
  }

  async history(region: Region, hours: number): Promise<IntensitySeries> {
    return this.answer(region, "history", hours);
  }

  async forecast(region: Region, hours: number): Promise<IntensitySeries> {
    return this.answer(region, "forecast", hours);
  }

  private async answer(region: Region, kind: SeriesKind, hours: number): Promise<IntensitySeries> {
    const mapping = this.zoneFor(region);
    if ("missing" in mapping) return this.fallback(region, kind, hours, [mapping.missing]);
    const credentials = this.credentialProblem();
    if (credentials) return this.fallback(region, kind, hours, [credentials]);
    try {
      const fetched = await this.plausiblePoints(kind, mapping.zone, hours);
      return this.series(region, fetched, kind, mapping.zone, fetched.fromCache ? "cache" : "live", fetched.notes);
    } catch (error) {
      const reason = this.explain(error);
      if (kind === "forecast" && error instanceof RemoteRequestError && error.status === 403) {
        return this.historyProfile(region, mapping.zone, hours, reason);
      }
      return this.fallback(region, kind, hours, [reason]);
    }
  }

  private async historyProfile(region: Region, zone: string, hours: number, reason: string): Promise<IntensitySeries> {
    const noAccess = `${this.displayName} refused the forecast for ${zone} (${reason}): the credentials have no forecast access`;
    try {
      const history = await this.plausiblePoints("history", zone, this.options.historyProfileDays * 24);
      const points = historyProfilePoints(history.points, this.options.now(), hours);
      const spanHours = history.points.length;
      const warning = `${noAccess}; the forecast shown is a profile, not a forecast: each hour is the average of the same hour of the day over the past ${spanHours} h of history`;
      const series = this.series(region, { ...history, points }, "forecast", zone, "history-profile", [...history.notes, warning]);
      series.metadata.description = `profile from ${this.displayName} history for ${zone}: each hour of the day averaged over the past ${spanHours} h (no forecast access)`;
      return series;
    } catch (historyError) {
      return this.fallback(region, "forecast", hours, [noAccess, `history unavailable too (${this.explain(historyError)})`]);
    }
  }

  /**
   * Points every value of which is a plausible intensity. A cached answer that is not (an edited or corrupted cache
   * file) is fetched afresh; a live answer that is not is a malformed answer, which the caller falls back from.
   */
  private async plausiblePoints(kind: SeriesKind, zone: string, hours: number): Promise<FetchedPoints> {
    let fetched = await this.fetchPoints(kind, zone, hours);
    let problem = this.problemWith(fetched, zone);
    if (problem && fetched.fromCache) {
      this.bypassCache = true;
      try {
        fetched = await this.fetchPoints(kind, zone, hours);
      } finally {
        this.bypassCache = false;
      }
      problem = this.problemWith(fetched, zone);
    }
    if (problem) throw new RemoteRequestError("malformed", problem, 1);
    return fetched;
  }

  private problemWith(fetched: FetchedPoints, zone: string): string | null {
    if (fetched.points.length === 0) return `${this.displayName} returned no data points for ${zone}`;
    const implausible = implausibleIntensity(fetched.points);
    return implausible ? `${this.displayName} answered ${implausible} (${zone}${fetched.fromCache ? ", from the cache" : ""})` : null;
  }

  private series(region: Region, fetched: FetchedPoints, kind: SeriesKind, zone: string, origin: "live" | "cache" | "history-profile", warnings: string[]): IntensitySeries {
    const { signal, basis } = this.signalAndBasis();
    // Every text in the answer is masked, not only the warnings: a server may echo a key back in any field.
    return redactStrings(
      {
        region: { provider: region.provider, code: region.code, timeZone: region.timeZone },
        points: fetched.points,
        metadata: {
          source: this.name,
          requestedSource: this.name,
          signal,
          basis,
          zone: fetched.zone,
          fetchedAt: fetched.fetchedAt.toISOString(),
          origin,
          description: this.describe(kind, zone),
          warnings,
        },
      },
      this.secrets(),
    );
  }

  protected fallback(region: Region, kind: SeriesKind, hours: number, reasons: string[]): IntensitySeries {
    const now = this.options.now();
    const from = kind === "history" ? addHours(startOfHour(now), -hours) : now;
    const { signal } = this.signalAndBasis();
    const warnings = [`${this.displayName} is unavailable for ${region.provider}/${region.code}: ${reasons.join("; ")}; using the catalog's annual figure instead`];
    if (signal === "marginal") warnings.push("the fallback is an annual average intensity, not a marginal signal: compare it with marginal figures at your peril");
    return annualFigureSeries(region, this.options.basis, from, kind === "latest" ? 1 : hours, {
      requestedSource: this.name,
      warnings: warnings.map((warning) => redactSecrets(warning, this.secrets())),
    });
  }

  /** A failure in one line, with every secret masked. */
  protected explain(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return redactSecrets(message, this.secrets());
  }

  /**
   * GET with cache: a body younger than the TTL is reused without a request. Bodies are validated before
   * they are cached, so a malformed answer is never reused.
   */
  /** Timeouts, retries, clock and redaction: the same for every request a source makes. */
  protected requestPolicy() {
    const { timeoutMs, retries, retryBaseDelayMs, maxRetryWaitMs, waitBudget, now, sleep, fetch } = this.options;
    return { timeoutMs, retries, retryBaseDelayMs, maxRetryWaitMs, waitBudget, now, sleep, fetch, secrets: this.secrets() };
  }

  protected async getCachedJson<T>(
    namespace: string,
    url: string,
    label: string,
    headers: () => Promise<Record<string, string>>,
    validate: (body: unknown) => T,
  ): Promise<{ body: T; fetchedAt: Date; fromCache: boolean }> {
    const cached = this.bypassCache ? undefined : await this.options.cache.get(namespace, url);
    if (cached) {
      try {
        return { body: validate(cached.body), fetchedAt: cached.storedAt, fromCache: true };
      } catch {
        // A cache file from an older format: fetch afresh.
      }
    }
    const raw = await getJson({ url, headers: await headers(), label, ...this.requestPolicy() });
    const body = validate(raw);
    const fetchedAt = this.options.now();
    await this.options.cache.set(namespace, url, label, raw, this.secrets());
    return { body, fetchedAt, fromCache: false };
  }
}

/** Validates an API body against the documented shape; a mismatch is a "malformed" failure naming the path. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, label: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
  throw new RemoteRequestError("malformed", `${label}: unexpected answer at ${path}: ${issue.message}`, 1);
}
