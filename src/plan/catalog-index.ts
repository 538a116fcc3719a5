import { plannedRecords, splitByPlanning } from "../domain/planned-records.ts";
import type { AcceleratorSpec, Catalog, InstanceType, Offer, Provider, ProviderId, Region } from "../domain/catalog.ts";

/**
 * provider → name → record. Looked up with the strings the records already carry: a joined "provider/name" key for
 * each of the catalog's ~12,000 offers was a string built twice per offer on every plan (indexing, then each place).
 */
type ByProvider<T> = Map<string, Map<string, T>>;

/**
 * Lookups the planner needs, built once per plan so enumeration never scans the catalog. They index the types the
 * planner weighs; a type left out of planning (a baseline may name one) is looked up among the rest on demand, which
 * reads the catalog's unplanned files (src/catalog/load.ts).
 */
export interface CatalogIndex {
  catalog: Catalog;
  providers: Map<ProviderId, Provider>;
  /** provider → region code → region. */
  regions: ByProvider<Region>;
  /** The types the planner weighs (no planningExclusion), in catalog order. */
  plannedTypes: readonly InstanceType[];
  /** provider → instance type name → type, of the planned types. */
  instanceTypes: ByProvider<InstanceType>;
  /** provider → instance type name → its offers, in catalog order, of the planned types. */
  offersByType: ByProvider<Offer[]>;
  accelerators: Map<string, AcceleratorSpec>;
  /** The same two lookups over the types left out of planning: built on the first lookup of one. */
  unplanned?: Pick<CatalogIndex, "instanceTypes" | "offersByType">;
}

/** "provider/region": how intensity series are keyed. */
export const regionKey = (provider: string, region: string): string => `${provider}/${region}`;

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const planned = plannedRecords(catalog);
  const regions: ByProvider<Region> = new Map();
  for (const region of catalog.regions) byProviderOf(regions, region.provider).set(region.code, region);
  return {
    catalog,
    providers: new Map(catalog.providers.map((provider) => [provider.id, provider])),
    regions,
    plannedTypes: planned.instanceTypes,
    ...typeLookups(planned.instanceTypes, planned.offers),
    accelerators: new Map(catalog.accelerators.map((accelerator) => [accelerator.model, accelerator])),
  };
}

function typeLookups(types: readonly InstanceType[], offers: readonly Offer[]): Pick<CatalogIndex, "instanceTypes" | "offersByType"> {
  const offersByType: ByProvider<Offer[]> = new Map();
  for (const offer of offers) {
    const ofProvider = byProviderOf(offersByType, offer.provider);
    const ofType = ofProvider.get(offer.instanceType);
    if (ofType) ofType.push(offer);
    else ofProvider.set(offer.instanceType, [offer]);
  }
  const instanceTypes: ByProvider<InstanceType> = new Map();
  for (const type of types) byProviderOf(instanceTypes, type.provider).set(type.instanceType, type);
  return { instanceTypes, offersByType };
}

/** The lookups over the types left out of planning, built once per index. */
function unplannedOf(index: CatalogIndex): Pick<CatalogIndex, "instanceTypes" | "offersByType"> {
  if (!index.unplanned) {
    const { unplanned } = splitByPlanning(index.catalog);
    index.unplanned = typeLookups(unplanned.instanceTypes, unplanned.offers);
  }
  return index.unplanned;
}

function byProviderOf<T>(map: ByProvider<T>, provider: string): Map<string, T> {
  let ofProvider = map.get(provider);
  if (!ofProvider) map.set(provider, (ofProvider = new Map()));
  return ofProvider;
}

export function regionOf(index: CatalogIndex, provider: string, code: string): Region | undefined {
  return index.regions.get(provider)?.get(code);
}

/** The type of that name, planned or not. */
export function instanceTypeOf(index: CatalogIndex, provider: string, instanceType: string): InstanceType | undefined {
  return index.instanceTypes.get(provider)?.get(instanceType) ?? unplannedOf(index).instanceTypes.get(provider)?.get(instanceType);
}

const NO_OFFERS: readonly Offer[] = [];

/** The type's offers, in catalog order. */
export function offersOf(index: CatalogIndex, provider: string, instanceType: string): readonly Offer[] {
  const planned = index.offersByType.get(provider)?.get(instanceType);
  if (planned) return planned;
  // A planned type without offers has none: only a type left out of planning is looked for among the rest.
  if (index.instanceTypes.get(provider)?.has(instanceType)) return NO_OFFERS;
  return unplannedOf(index).offersByType.get(provider)?.get(instanceType) ?? NO_OFFERS;
}

/** The PUE that applies in a region: its own disclosed figure, else the provider's fleet figure. */
export function pueFor(index: CatalogIndex, region: Region): number {
  return region.pue?.value ?? index.providers.get(region.provider)?.pue.value ?? 1;
}
