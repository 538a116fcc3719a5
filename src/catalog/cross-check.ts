import type { Catalog } from "../domain/catalog.ts";
import { catalogListFiles } from "./files.ts";

export interface CatalogProblem {
  fileName: string;
  message: string;
}

/**
 * Checks what the per-record schemas cannot: ids are unique, offers point at types and regions that exist,
 * attached accelerators have specs, and every `source` anywhere names a record in sources.json.
 */
export function crossCheckCatalog(catalog: Catalog, placeOf: PlaceOf = placeInList): CatalogProblem | undefined {
  return (
    checkSources(catalog, placeOf) ??
    checkUnique(catalog, placeOf, "providers", (record) => record.id) ??
    checkUnique(catalog, placeOf, "regions", (record) => `${record.provider}/${record.code}`) ??
    checkUnique(catalog, placeOf, "instanceTypes", (record) => `${record.provider}/${record.instanceType}`) ??
    checkUnique(catalog, placeOf, "offers", (record) => `${record.provider}/${record.instanceType} in ${record.region}`) ??
    checkUnique(catalog, placeOf, "accelerators", (record) => record.model) ??
    checkUnique(catalog, placeOf, "priors", (record) => record.id) ??
    checkRegions(catalog, placeOf) ??
    checkInstanceTypes(catalog, placeOf) ??
    checkOffers(catalog, placeOf)
  );
}

type ListKey = Exclude<keyof Catalog, "meta">;

/** Where a record of the catalog is written: its file, and its position there (as `key[position]`). */
export interface RecordPlace {
  fileName: string;
  name: string;
}

/** Where the record at `index` of a list is written. */
export type PlaceOf = (key: ListKey, index: number) => RecordPlace;

/** A catalog in memory: each kind's first file, at its position in the list. */
const placeInList: PlaceOf = (key, index) => ({ fileName: catalogListFiles.find((file) => file.key === key)?.fileName ?? `${key}.json`, name: `${key}[${index}]` });

function checkUnique<K extends ListKey>(
  catalog: Catalog,
  placeOf: PlaceOf,
  key: K,
  identity: (record: Catalog[K][number]) => string,
): CatalogProblem | undefined {
  const seen = new Map<string, number>();
  const records = catalog[key] as Catalog[K][number][];
  for (let index = 0; index < records.length; index += 1) {
    const id = identity(records[index]);
    const first = seen.get(id);
    if (first !== undefined) {
      const [here, there] = [placeOf(key, index), placeOf(key, first)];
      return { fileName: here.fileName, message: `${here.name} ${id}: duplicate of ${there.name}${there.fileName === here.fileName ? "" : ` in ${there.fileName}`}` };
    }
    seen.set(id, index);
  }
  return undefined;
}

function checkSources(catalog: Catalog, placeOf: PlaceOf): CatalogProblem | undefined {
  const known = new Set(catalog.sources.map((source) => source.id));
  for (const file of catalogListFiles) {
    if (file.key === "sources") continue;
    const records = catalog[file.key] as unknown[];
    for (let index = 0; index < records.length; index += 1) {
      // The fast walk builds no paths; only a record that fails is walked again to name the path.
      if (!hasUnknownSource(records[index], known)) continue;
      const unknownAt = findUnknownSource(records[index], known, "");
      if (unknownAt) {
        const label = file.label(records[index] as Record<string, unknown>);
        const place = placeOf(file.key, index);
        return { fileName: place.fileName, message: `${place.name} ${label}: ${unknownAt.path}: source '${unknownAt.id}' is not in sources.json` };
      }
    }
  }
  return undefined;
}

function hasUnknownSource(value: unknown, known: Set<string>): boolean {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((item) => hasUnknownSource(item, known));
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (key === "source" && typeof child === "string") {
      if (!known.has(child)) return true;
    } else if (typeof child === "object" && hasUnknownSource(child, known)) {
      return true;
    }
  }
  return false;
}

/** Walks any record: every string under a key named `source` must be a known source id. */
function findUnknownSource(value: unknown, known: Set<string>, path: string): { path: string; id: string } | undefined {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findUnknownSource(value[index], known, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key === "source" && typeof child === "string") {
      if (!known.has(child)) return { path: childPath, id: child };
      continue;
    }
    const found = findUnknownSource(child, known, childPath);
    if (found) return found;
  }
  return undefined;
}

function checkRegions(catalog: Catalog, placeOf: PlaceOf): CatalogProblem | undefined {
  const providers = new Set(catalog.providers.map((provider) => provider.id));
  for (const [index, region] of catalog.regions.entries()) {
    if (!providers.has(region.provider)) {
      const place = placeOf("regions", index);
      return { fileName: place.fileName, message: `${place.name} ${region.provider}/${region.code}: provider: '${region.provider}' is not in providers.json` };
    }
  }
  return undefined;
}

function checkInstanceTypes(catalog: Catalog, placeOf: PlaceOf): CatalogProblem | undefined {
  const accelerators = new Set(catalog.accelerators.map((accelerator) => accelerator.model));
  for (const [index, type] of catalog.instanceTypes.entries()) {
    if (type.accelerator && !accelerators.has(type.accelerator.model)) {
      const place = placeOf("instanceTypes", index);
      return { fileName: place.fileName, message: `${place.name} ${type.provider}/${type.instanceType}: accelerator.model: '${type.accelerator.model}' is not in accelerators.json` };
    }
  }
  return undefined;
}

function checkOffers(catalog: Catalog, placeOf: PlaceOf): CatalogProblem | undefined {
  const types = new Set(catalog.instanceTypes.map((type) => `${type.provider}/${type.instanceType}`));
  const regions = new Set(catalog.regions.map((region) => `${region.provider}/${region.code}`));
  for (const [index, offer] of catalog.offers.entries()) {
    const problem = !types.has(`${offer.provider}/${offer.instanceType}`)
      ? `instanceType: '${offer.instanceType}' is not an instance type of ${offer.provider} in the catalog`
      : !regions.has(`${offer.provider}/${offer.region}`)
        ? `region: '${offer.region}' is not in regions.json for ${offer.provider}`
        : undefined;
    if (problem) {
      const place = placeOf("offers", index);
      return { fileName: place.fileName, message: `${place.name} ${offer.provider}/${offer.instanceType} in ${offer.region}: ${problem}` };
    }
  }
  return undefined;
}
