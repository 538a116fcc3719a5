import { CatalogIntensitySource } from "./catalog-source.ts";
import { ElectricityMapsSource } from "./electricity-maps.ts";
import { FileIntensitySource } from "./file-source.ts";
import type { IntensitySource, RemoteSourceOptions } from "./types.ts";
import { UkCarbonIntensitySource } from "./uk-carbon-intensity.ts";
import { WattTimeSource } from "./watttime.ts";
import { parseIntensitySourceSpec, type IntensitySourceSpec } from "./source-names.ts";

export { intensitySourceNames, parseIntensitySourceSpec, type IntensitySourceSpec } from "./source-names.ts";

/** Builds the source; `options` reach the HTTP clients (base URL, timeouts, cache, clock) and the catalog's basis. */
export function createIntensitySource(spec: IntensitySourceSpec | string, options: RemoteSourceOptions = {}): IntensitySource {
  const parsed = typeof spec === "string" ? parseIntensitySourceSpec(spec) : spec;
  switch (parsed.name) {
    case "catalog":
      return new CatalogIntensitySource({ basis: options.basis, now: options.now });
    case "electricitymaps":
      return new ElectricityMapsSource(options);
    case "watttime":
      return new WattTimeSource(options);
    case "uk":
      return new UkCarbonIntensitySource(options);
    case "file":
      return new FileIntensitySource({ path: parsed.path, basis: options.basis, now: options.now });
  }
}
