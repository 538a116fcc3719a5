// Grid carbon intensity over time: one interface, five sources, fallbacks that say what happened.
export type {
  IntensityPoint,
  IntensitySignal,
  IntensitySeriesBasis,
  IntensitySourceName,
  IntensityOrigin,
  IntensityMetadata,
  IntensitySeries,
} from "../domain/intensity.ts";
export type { IntensitySource, RemoteSourceOptions } from "./types.ts";
export { CatalogIntensitySource, annualFigureSeries, type CatalogSourceOptions } from "./catalog-source.ts";
export { ElectricityMapsSource, electricityMapsKeyEnv, electricityMapsBaseUrlEnv } from "./electricity-maps.ts";
export { WattTimeSource, wattTimeUsernameEnv, wattTimePasswordEnv, wattTimeBaseUrlEnv, gramsPerKwhPerPoundPerMwh } from "./watttime.ts";
export { UkCarbonIntensitySource, ukCarbonIntensityBaseUrlEnv } from "./uk-carbon-intensity.ts";
export { FileIntensitySource, parseIntensityFile, type FileSourceOptions } from "./file-source.ts";
export { createIntensitySource, parseIntensitySourceSpec, intensitySourceNames, type IntensitySourceSpec } from "./create-source.ts";
export { defaultCacheDirectoryName, defaultCacheTtlMs } from "./response-cache.ts";
export { redactSecrets } from "./redact.ts";
export { parseRetryAfterMs } from "./retry-after.ts";
