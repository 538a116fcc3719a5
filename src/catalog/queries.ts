import type {
  AcceleratorSpec,
  Catalog,
  GridIntensity,
  InstanceType,
  IntensityBasis,
  Offer,
  Provider,
  ProviderId,
  Region,
} from "../domain/catalog.ts";
import { providerIdSchema } from "../domain/catalog.ts";
import type { Figure } from "../domain/figure.ts";
import { UnknownNameError, WattplanError } from "../errors.ts";
import { suggestNames } from "../text/suggest-names.ts";

/** Lookup tables built once per loaded catalog, so repeated queries in a planning loop stay O(1). */
interface CatalogIndex {
  regionsByCode: Map<string, Region[]>;
  typesByName: Map<string, InstanceType[]>;
  offersByType: Map<string, Offer[]>;
  providers: Map<ProviderId, Provider>;
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/** Each table is built when first used: a region lookup (`plan --intensity-source`) reads no instance type or offer. */
function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const tables: Partial<CatalogIndex> = {};
    const table = <K extends keyof CatalogIndex>(key: K, build: () => CatalogIndex[K]) => (tables[key] ??= build()) as CatalogIndex[K];
    index = {
      get regionsByCode() {
        return table("regionsByCode", () => groupBy(catalog.regions, (region) => region.code));
      },
      get typesByName() {
        return table("typesByName", () => groupBy(catalog.instanceTypes, (type) => type.instanceType));
      },
      get offersByType() {
        return table("offersByType", () => groupBy(catalog.offers, (offer) => `${offer.provider}/${offer.instanceType}`));
      },
      get providers() {
        return table("providers", () => new Map(catalog.providers.map((provider) => [provider.id, provider])));
      },
    };
    indexes.set(catalog, index);
  }
  return index;
}

function groupBy<T>(records: T[], key: (record: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const name = key(record);
    const group = groups.get(name);
    if (group) group.push(record);
    else groups.set(name, [record]);
  }
  return groups;
}

/** "aws" | "gcp" | "azure", or a one-line error listing them. */
export function parseProviderId(text: string): ProviderId {
  const result = providerIdSchema.safeParse(text.toLowerCase());
  if (result.success) return result.data;
  throw new UnknownNameError("provider", text, suggestNames(text, providerIdSchema.options));
}

export function findProvider(catalog: Catalog, provider: ProviderId): Provider {
  const found = indexOf(catalog).providers.get(provider);
  if (!found) throw new UnknownNameError("provider", provider, suggestNames(provider, catalog.providers.map((entry) => entry.id)));
  return found;
}

/**
 * A region by provider and code, or by code alone when only one provider uses it. "aws/eu-north-1" also works.
 * Unknown codes get close-match suggestions ("did you mean eu-north-1?").
 */
export function findRegion(catalog: Catalog, code: string, provider?: ProviderId): Region {
  const slash = code.indexOf("/");
  if (slash > 0 && provider === undefined) return findRegion(catalog, code.slice(slash + 1), parseProviderId(code.slice(0, slash)));
  const matches = (indexOf(catalog).regionsByCode.get(code) ?? []).filter((region) => provider === undefined || region.provider === provider);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const providers = matches.map((region) => region.provider).join(" and ");
    throw new WattplanError("INVALID_INPUT", `region '${code}' exists for ${providers}; name the provider, e.g. ${matches[0].provider}/${code}`);
  }
  const candidates = catalog.regions.filter((region) => provider === undefined || region.provider === provider).map((region) => region.code);
  throw new UnknownNameError(provider ? `${provider} region` : "region", code, suggestNames(code, candidates));
}

/** An instance type by its provider's exact name ("g5.xlarge", "n2-standard-8", "Standard_D8s_v5"). */
export function findInstanceType(catalog: Catalog, name: string, provider?: ProviderId): InstanceType {
  const matches = (indexOf(catalog).typesByName.get(name) ?? []).filter((type) => provider === undefined || type.provider === provider);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new WattplanError("INVALID_INPUT", `instance type '${name}' exists for several providers; name the provider`);
  }
  // Azure names are case-insensitive in its APIs; accept any case but return the catalog's spelling.
  const caseInsensitive = catalog.instanceTypes.filter(
    (type) => type.instanceType.toLowerCase() === name.toLowerCase() && (provider === undefined || type.provider === provider),
  );
  if (caseInsensitive.length === 1) return caseInsensitive[0];
  const candidates = catalog.instanceTypes.filter((type) => provider === undefined || type.provider === provider).map((type) => type.instanceType);
  throw new UnknownNameError("instance type", name, suggestNames(name, candidates));
}

/** Every region where the type is offered, with its prices. */
export function offersForType(catalog: Catalog, type: Pick<InstanceType, "provider" | "instanceType">): Offer[] {
  return indexOf(catalog).offersByType.get(`${type.provider}/${type.instanceType}`) ?? [];
}

export function offerIn(catalog: Catalog, type: Pick<InstanceType, "provider" | "instanceType">, regionCode: string): Offer | undefined {
  return offersForType(catalog, type).find((offer) => offer.region === regionCode);
}

export function regionsOfProvider(catalog: Catalog, provider: ProviderId): Region[] {
  return catalog.regions.filter((region) => region.provider === provider);
}

/** The region's own disclosed PUE where there is one, otherwise its provider's fleet value. */
export function effectivePue(catalog: Catalog, region: Region): Figure {
  return region.pue ?? findProvider(catalog, region.provider).pue;
}

/** Grid intensity on the requested basis; lifecycle is complete, operational exists only where published. */
export function regionIntensity(region: Region, basis: IntensityBasis = "lifecycle"): GridIntensity | undefined {
  return basis === "lifecycle" ? region.intensity.lifecycle : region.intensity.operational;
}

export function findAccelerator(catalog: Catalog, model: string): AcceleratorSpec {
  const found = catalog.accelerators.find((accelerator) => accelerator.model.toLowerCase() === model.toLowerCase());
  if (!found) throw new UnknownNameError("accelerator", model, suggestNames(model, catalog.accelerators.map((accelerator) => accelerator.model)));
  return found;
}

export function findSource(catalog: Catalog, id: string) {
  const found = catalog.sources.find((source) => source.id === id);
  if (!found) throw new UnknownNameError("source", id, suggestNames(id, catalog.sources.map((source) => source.id)));
  return found;
}
