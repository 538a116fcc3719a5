import type { Catalog } from "../domain/catalog.ts";
import { isPlannedType } from "../domain/planned-records.ts";
import { catalogListFiles } from "./files.ts";

export interface CatalogProblem {
  fileName: string;
  message: string;
}

/**
 * Checks what the per-record schemas cannot: ids are unique, offers point at types and regions that exist,
 * attached accelerators have specs, and every `source` anywhere names a record in sources.json.
 */
export function crossCheckCatalog(catalog: Catalog): CatalogProblem | undefined {
  return (
    checkSources(catalog) ??
    checkUnique(catalog, "providers", (record) => record.id) ??
    checkUnique(catalog, "regions", (record) => `${record.provider}/${record.code}`) ??
    checkUnique(catalog, "instanceTypes", (record) => `${record.provider}/${record.instanceType}`) ??
    checkUnique(catalog, "offers", (record) => `${record.provider}/${record.instanceType} in ${record.region}`) ??
    checkUnique(catalog, "accelerators", (record) => record.model) ??
    checkUnique(catalog, "priors", (record) => record.id) ??
    checkRegions(catalog) ??
    checkInstanceTypes(catalog) ??
    checkOffers(catalog)
  );
}

type ListKey = Exclude<keyof Catalog, "meta">;

/** Where a record of the list is written: its file, and its position there (as `key[position]`). */
interface RecordPlace {
  fileName: string;
  name: string;
}

/**
 * Each record's file and position in it. Instance types and offers are written to two files (src/catalog/files.ts),
 * the records of unplanned types to the second, so a position in the catalog's list is not one in either file.
 */
function recordPlaces(catalog: Catalog, key: ListKey): (index: number) => RecordPlace {
  const file = catalogListFiles.find((candidate) => candidate.key === key);
  const fileName = file?.fileName ?? `${key}.json`;
  if (!file?.unplannedFileName) return (index) => ({ fileName, name: `${key}[${index}]` });
  const { unplannedFileName } = file;
  const unplannedTypes = new Set(catalog.instanceTypes.filter((type) => !isPlannedType(type)).map((type) => `${type.provider}/${type.instanceType}`));
  const counts = { planned: 0, unplanned: 0 };
  const places = (catalog[key] as { provider: string; instanceType: string }[]).map((record) => {
    const part = unplannedTypes.has(`${record.provider}/${record.instanceType}`) ? "unplanned" : "planned";
    return { fileName: part === "planned" ? fileName : unplannedFileName, name: `${key}[${counts[part]++}]` };
  });
  return (index) => places[index];
}

function checkUnique<K extends Exclude<keyof Catalog, "meta">>(
  catalog: Catalog,
  key: K,
  identity: (record: Catalog[K][number]) => string,
): CatalogProblem | undefined {
  const seen = new Map<string, number>();
  const records = catalog[key] as Catalog[K][number][];
  for (let index = 0; index < records.length; index += 1) {
    const id = identity(records[index]);
    const first = seen.get(id);
    if (first !== undefined) {
      const placeOf = recordPlaces(catalog, key);
      const [here, there] = [placeOf(index), placeOf(first)];
      return { fileName: here.fileName, message: `${here.name} ${id}: duplicate of ${there.name}${there.fileName === here.fileName ? "" : ` in ${there.fileName}`}` };
    }
    seen.set(id, index);
  }
  return undefined;
}

function checkSources(catalog: Catalog): CatalogProblem | undefined {
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
        const place = recordPlaces(catalog, file.key)(index);
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

function checkRegions(catalog: Catalog): CatalogProblem | undefined {
  const providers = new Set(catalog.providers.map((provider) => provider.id));
  for (const [index, region] of catalog.regions.entries()) {
    if (!providers.has(region.provider)) {
      return { fileName: "regions.json", message: `regions[${index}] ${region.provider}/${region.code}: provider: '${region.provider}' is not in providers.json` };
    }
  }
  return undefined;
}

function checkInstanceTypes(catalog: Catalog): CatalogProblem | undefined {
  const accelerators = new Set(catalog.accelerators.map((accelerator) => accelerator.model));
  for (const [index, type] of catalog.instanceTypes.entries()) {
    if (type.accelerator && !accelerators.has(type.accelerator.model)) {
      const place = recordPlaces(catalog, "instanceTypes")(index);
      return { fileName: place.fileName, message: `${place.name} ${type.provider}/${type.instanceType}: accelerator.model: '${type.accelerator.model}' is not in accelerators.json` };
    }
  }
  return undefined;
}

function checkOffers(catalog: Catalog): CatalogProblem | undefined {
  const types = new Set(catalog.instanceTypes.map((type) => `${type.provider}/${type.instanceType}`));
  const regions = new Set(catalog.regions.map((region) => `${region.provider}/${region.code}`));
  for (const [index, offer] of catalog.offers.entries()) {
    const problem = !types.has(`${offer.provider}/${offer.instanceType}`)
      ? `instanceType: '${offer.instanceType}' is not an instance type of ${offer.provider} in the catalog`
      : !regions.has(`${offer.provider}/${offer.region}`)
        ? `region: '${offer.region}' is not in regions.json for ${offer.provider}`
        : undefined;
    if (problem) {
      const place = recordPlaces(catalog, "offers")(index);
      return { fileName: place.fileName, message: `${place.name} ${offer.provider}/${offer.instanceType} in ${offer.region}: ${problem}` };
    }
  }
  return undefined;
}
