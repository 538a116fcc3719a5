// The names of the intensity sources as the CLI and specs spell them, parsed without loading any source's client.
import type { IntensitySourceName } from "../domain/intensity.ts";
import { UnknownNameError, WattplanError } from "../errors.ts";
import { suggestNames } from "../text/suggest-names.ts";

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

