// The interface every grid-intensity source implements, and the options shared by the HTTP clients.
import type { IntensityBasis, Region } from "../domain/catalog.ts";
import type { IntensitySeries, IntensitySourceName } from "../domain/intensity.ts";

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
  /** The most all waits between retries of one source may add up to (default 30 s): past it, the source falls back. */
  maxTotalWaitMs?: number;
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
