import type { IntensityBasis, Region } from "../domain/catalog.ts";

/** One hour of grid carbon intensity: the hour starting at `startsAt` (ISO 8601, UTC). */
export interface IntensityPoint {
  startsAt: string;
  gCo2ePerKwh: number;
}

/** Average: what the grid mix emits per kWh. Marginal: what the plant answering one more kWh emits. */
export type IntensitySignal = "average" | "marginal";

/**
 * The accounting basis of the figures: lifecycle (plants' whole life, Electricity Maps' default),
 * operational (direct emissions of generation only), marginal (a marginal operating emissions rate).
 */
export type IntensitySeriesBasis = IntensityBasis | "marginal";

export type IntensitySourceName = "catalog" | "electricitymaps" | "watttime" | "uk" | "file";

/** How the points were obtained, so a plan can say whether it ran on live data or a stand-in. */
export type IntensityOrigin = "live" | "cache" | "history-profile" | "annual-figure" | "file";

export interface IntensityMetadata {
  /** The source that produced these points (after any fallback: "catalog" when the remote one failed). */
  source: IntensitySourceName;
  /** The source that was asked for; differs from `source` after a fallback. */
  requestedSource: IntensitySourceName;
  signal: IntensitySignal;
  basis: IntensitySeriesBasis;
  /** The grid area the points describe, e.g. "EM:SE-SE3", "WT:CAISO_NORTH", "UK:13", "UK:national". */
  zone: string | null;
  /** When the data was fetched from its origin (for a cache hit: when the cached copy was fetched). */
  fetchedAt: string;
  origin: IntensityOrigin;
  /** One plain sentence on what these numbers are. */
  description: string;
  /** Everything that degraded the answer (fallbacks, missing access, unit conversions worth knowing). */
  warnings: string[];
}

export interface IntensitySeries {
  region: { provider: Region["provider"]; code: string; timeZone: string };
  points: IntensityPoint[];
  metadata: IntensityMetadata;
}

/**
 * Every intensity source answers the same three questions. Implementations never throw for remote
 * failures: they fall back (to a history profile or the catalog's annual figure) and say so in warnings.
 */
export interface IntensitySource {
  readonly name: IntensitySourceName;
  /** The current hour as a one-point series. */
  latest(region: Region): Promise<IntensitySeries>;
  /** The past `hours` hours, oldest first. */
  history(region: Region, hours: number): Promise<IntensitySeries>;
  /** The next `hours` hours from the current hour, oldest first. */
  forecast(region: Region, hours: number): Promise<IntensitySeries>;
}

/** Options shared by the HTTP clients. Everything has a default; tests shrink the waits and point at 127.0.0.1. */
export interface RemoteSourceOptions {
  /** The API root; default from the source's env var (e.g. ELECTRICITY_MAPS_BASE_URL) or the public endpoint. */
  baseUrl?: string;
  /** The basis to ask for where the API offers one, and of the catalog fallback. Default lifecycle. */
  basis?: IntensityBasis;
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx and connection errors. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** The most a single wait may last, whatever Retry-After asks. */
  maxRetryWaitMs?: number;
  /** Directory of the on-disk cache; default .wattplan-cache in the working directory. `false` turns it off. */
  cacheDirectory?: string | false;
  cacheTtlMs?: number;
  /** Days of history averaged into a profile when a key has no forecast access. */
  historyProfileDays?: number;
  /** Environment to read keys and base URLs from (default process.env). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
  sleep?: (milliseconds: number) => Promise<void>;
  fetch?: typeof fetch;
}
