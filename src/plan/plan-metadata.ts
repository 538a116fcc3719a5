import type { Catalog, IntensityBasis } from "../domain/catalog.ts";
import type { HourlyIntensity, Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import { WattplanError } from "../errors.ts";
import type { EvaluatedCandidate } from "./candidates.ts";
import type { CatalogIndex } from "./catalog-index.ts";
import type { IntensityAdjustment } from "./intensity-input.ts";

/** The model part of the plan, from the profiles (which must all describe the same model). */
export function modelMetadata(profiles: ModelProfile[]): Plan["model"] {
  if (profiles.length === 0) throw new WattplanError("INVALID_INPUT", "no model profile given", "give model.profile or model.path in the spec, or profiles to plan()", { option: "profilePaths", example: "FILE" });
  const first = profiles[0].model;
  for (const profile of profiles.slice(1)) {
    if (profile.model.sha256 !== first.sha256) {
      throw new WattplanError(
        "INVALID_PROFILE",
        `the profiles describe different models (${first.name} ${first.sha256.slice(0, 12)} and ${profile.model.name} ${profile.model.sha256.slice(0, 12)})`,
        "plan one model at a time",
      );
    }
  }
  return {
    name: first.name,
    sha256: first.sha256,
    flopsPerInference: first.cost.flopsPerInference,
    ...(first.cost.macFlopsPerInference === undefined ? {} : { macFlopsPerInference: first.cost.macFlopsPerInference }),
    params: first.cost.parameterCount,
    weightBytes: first.cost.weightBytes,
    profiles: profiles.map((profile) => ({
      host: `${profile.host.cpuModel} (${profile.host.logicalCores} logical cores, ${profile.host.executionProvider})`,
      instanceType: profile.host.instanceType,
      createdAt: profile.createdAt,
      precisions: [...new Set(profile.measurements.map((measurement) => measurement.precision))].sort(),
    })),
  };
}

interface Dated {
  asOf: string;
  source: string;
}

/** Data dates and sources behind the figures the plan shows (chosen, baseline, front, alternatives). */
export function catalogMetadata(index: CatalogIndex, shown: EvaluatedCandidate[]): Plan["catalog"] {
  const groups: Record<string, Dated[]> = { prices: [], gridIntensity: [], power: [], embodied: [], pue: [] };
  for (const candidate of shown) {
    const { instance, region, offer } = candidate;
    groups.prices.push({ asOf: offer.asOf, source: offer.source });
    groups.gridIntensity.push(candidate.estimate.gridIntensity);
    groups.power.push(instance.power.cpuMinWattsPerVcpu, instance.power.cpuMaxWattsPerVcpu, instance.power.memoryWattsPerGb);
    if (instance.power.acceleratorMaxWatts) groups.power.push(instance.power.acceleratorMaxWatts);
    groups.embodied.push(instance.embodied.kgCo2e);
    groups.pue.push(region.pue ?? index.providers.get(region.provider)!.pue);
  }
  const asOf: Plan["catalog"]["asOf"] = {};
  const sourceIds = new Set<string>();
  for (const [name, figures] of Object.entries(groups)) {
    if (figures.length === 0) continue;
    const dates = figures.map((figure) => figure.asOf).sort();
    asOf[name] = { oldest: dates[0], newest: dates[dates.length - 1] };
    for (const figure of figures) sourceIds.add(figure.source);
  }
  return {
    version: index.catalog.meta.version,
    builtFrom: index.catalog.meta.builtFrom,
    asOf,
    sources: sourcesOf(index.catalog, sourceIds),
  };
}

function sourcesOf(catalog: Catalog, ids: Set<string>): Plan["catalog"]["sources"] {
  return catalog.sources
    .filter((source) => ids.has(source.id))
    .map((source) => ({ id: source.id, title: source.title, publisher: source.publisher, licence: source.licence, retrieved: source.retrieved }))
    .sort((first, second) => (first.id < second.id ? -1 : first.id > second.id ? 1 : 0));
}

/** Where the grid figures came from, on which basis and of which years; and the hourly series, when one was used. */
export function intensityMetadata(
  index: CatalogIndex,
  shown: EvaluatedCandidate[],
  basis: IntensityBasis,
  adjustment: Pick<IntensityAdjustment, "source" | "fetchedAt">,
  hourly: HourlyIntensity | null,
): Plan["intensity"] {
  const figures = shown.map((candidate) => candidate.estimate.gridIntensity);
  const years = figures.map((figure) => figure.year);
  const sourceIds = [...new Set(figures.map((figure) => figure.source))].sort();
  const titles = sourceIds.map((id) => index.catalog.sources.find((source) => source.id === id)?.title ?? id);
  const description = `${basis} grid carbon intensity${adjustment.source === "catalog" ? ", yearly averages per grid zone" : ""}, from ${titles.join("; ")}`;
  return {
    source: adjustment.source,
    basis,
    yearOldest: Math.min(...years),
    yearNewest: Math.max(...years),
    fetchedAt: adjustment.fetchedAt,
    description: hourly ? `${description}; hourly: ${hourly.description} (${hourly.use})` : description,
    ...(hourly ? { signal: hourly.signal, hourly } : {}),
  };
}
