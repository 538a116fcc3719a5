import { suggestNames } from "../text/suggest-names.ts";
import { UnknownNameError, WattplanError } from "../errors.ts";
import { CatalogIntensitySource } from "./catalog-source.ts";
import { ElectricityMapsSource } from "./electricity-maps.ts";
import { FileIntensitySource } from "./file-source.ts";
import type { IntensitySourceName } from "../domain/intensity.ts";
import type { IntensitySource, RemoteSourceOptions } from "./types.ts";
import { UkCarbonIntensitySource } from "./uk-carbon-intensity.ts";
import { WattTimeSource } from "./watttime.ts";

export const intensitySourceNames = ["catalog", "electricitymaps", "watttime", "uk"] as const;

export type IntensitySourceSpec = { name: Exclude<IntensitySourceName, "file"> } | { name: "file"; path: string };

/** "catalog" | "electricitymaps" | "watttime" | "uk" | "file:PATH", as the CLI and specs spell them. */
export function parseIntensitySourceSpec(text: string): IntensitySourceSpec {
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith("file:")) {
    const path = trimmed.slice("file:".length);
    if (path === "") throw new WattplanError("INVALID_INPUT", "intensity source 'file:' needs a path, e.g. file:./intensity.csv");
    return { name: "file", path };
  }
  const name = trimmed.toLowerCase();
  const found = intensitySourceNames.find((candidate) => candidate === name);
  if (found) return { name: found };
  throw new UnknownNameError("intensity source", text, suggestNames(text, [...intensitySourceNames, "file:PATH"]));
}

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
