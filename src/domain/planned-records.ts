// The catalog's two parts: the instance types the planner weighs with their offers, and the types listed only to
// estimate existing stacks (each says why in planningExclusion) with theirs. The catalog keeps them in separate files
// (src/catalog/files.ts), so that `plan` parses only the first part (src/catalog/load.ts).
import type { Catalog, InstanceType, Offer } from "./catalog.ts";

export type SplitKey = "instanceTypes" | "offers";
export type SplitRecords = Pick<Catalog, SplitKey>;

/** Whether the planner weighs the type: the catalog gives no reason to leave it out. */
export const isPlannedType = (type: Pick<InstanceType, "planningExclusion">): boolean => type.planningExclusion === undefined;

/** The types the planner weighs with their offers, and the rest with theirs; the catalog's order kept in each. */
export function splitByPlanning(records: SplitRecords): { planned: SplitRecords; unplanned: SplitRecords } {
  const unplannedTypes = new Set(records.instanceTypes.filter((type) => !isPlannedType(type)).map((type) => `${type.provider}/${type.instanceType}`));
  const isUnplannedOffer = (offer: Offer) => unplannedTypes.has(`${offer.provider}/${offer.instanceType}`);
  return {
    planned: { instanceTypes: records.instanceTypes.filter(isPlannedType), offers: records.offers.filter((offer) => !isUnplannedOffer(offer)) },
    unplanned: { instanceTypes: records.instanceTypes.filter((type) => !isPlannedType(type)), offers: records.offers.filter(isUnplannedOffer) },
  };
}

const compareText = (first: string, second: string) => (first < second ? -1 : first > second ? 1 : 0);
/** The order the catalog's build writes each kind in (scripts/catalog/merge.ts): by provider, type name, region. */
const catalogOrder: { [K in SplitKey]: (first: Catalog[K][number], second: Catalog[K][number]) => number } = {
  instanceTypes: (first, second) => compareText(first.provider, second.provider) || compareText(first.instanceType, second.instanceType),
  offers: (first, second) => compareText(first.provider, second.provider) || compareText(first.instanceType, second.instanceType) || compareText(first.region, second.region),
};

/** The two parts of a kind as one list in the build's order: what the catalog held before it was split. */
export function joinInCatalogOrder<K extends SplitKey>(key: K, planned: Catalog[K], unplanned: Catalog[K]): Catalog[K] {
  const compare = catalogOrder[key] as (first: Catalog[K][number], second: Catalog[K][number]) => number;
  const joined: Catalog[K][number][] = [];
  let p = 0;
  let u = 0;
  while (p < planned.length && u < unplanned.length) joined.push(compare(unplanned[u], planned[p]) < 0 ? unplanned[u++] : planned[p++]);
  while (p < planned.length) joined.push(planned[p++]);
  while (u < unplanned.length) joined.push(unplanned[u++]);
  return joined as Catalog[K];
}

/** Of each catalog whose other part is read on demand: its planned part, and whether the rest has been read. */
const plannedParts = new WeakMap<Catalog, { planned: SplitRecords; restRead: () => boolean }>();

/**
 * The instance types the planner weighs (no planningExclusion) and their offers, in catalog order. Of a catalog
 * loaded from the files its build wrote, this reads none of the unplanned files; of any other, it filters.
 */
export function plannedRecords(catalog: Catalog): SplitRecords {
  return plannedParts.get(catalog)?.planned ?? splitByPlanning(catalog).planned;
}

/** Whether the catalog's lists hold every record: false only while a loaded catalog's unplanned part is unread. */
export function unplannedRecordsRead(catalog: Catalog): boolean {
  return plannedParts.get(catalog)?.restRead() ?? true;
}

/** For the loader: the planned part of a catalog whose `instanceTypes` and `offers` parse the rest when first read. */
export function rememberPlannedRecords(catalog: Catalog, planned: SplitRecords, restRead: () => boolean): void {
  plannedParts.set(catalog, { planned, restRead });
}

/** For the loader: a list of the catalog was replaced, so its planned part is whatever the lists now hold. */
export function forgetPlannedRecords(catalog: Catalog): void {
  plannedParts.delete(catalog);
}
