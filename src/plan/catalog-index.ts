import type { AcceleratorSpec, Catalog, InstanceType, Offer, Provider, ProviderId, Region } from "../domain/catalog.ts";

/**
 * provider → name → record. Looked up with the strings the records already carry: a joined "provider/name" key for
 * each of the catalog's ~12,000 offers was a string built twice per offer on every plan (indexing, then each place).
 */
type ByProvider<T> = Map<string, Map<string, T>>;

/** Lookups the planner needs, built once per plan so enumeration never scans the catalog. */
export interface CatalogIndex {
  catalog: Catalog;
  providers: Map<ProviderId, Provider>;
  /** provider → region code → region. */
  regions: ByProvider<Region>;
  /** provider → instance type name → type. */
  instanceTypes: ByProvider<InstanceType>;
  /** provider → instance type name → its offers, in catalog order. */
  offersByType: ByProvider<Offer[]>;
  accelerators: Map<string, AcceleratorSpec>;
}

/** "provider/region": how intensity series are keyed. */
export const regionKey = (provider: string, region: string): string => `${provider}/${region}`;

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const offersByType: ByProvider<Offer[]> = new Map();
  for (const offer of catalog.offers) {
    const ofProvider = byProviderOf(offersByType, offer.provider);
    const offers = ofProvider.get(offer.instanceType);
    if (offers) offers.push(offer);
    else ofProvider.set(offer.instanceType, [offer]);
  }
  const regions: ByProvider<Region> = new Map();
  for (const region of catalog.regions) byProviderOf(regions, region.provider).set(region.code, region);
  const instanceTypes: ByProvider<InstanceType> = new Map();
  for (const type of catalog.instanceTypes) byProviderOf(instanceTypes, type.provider).set(type.instanceType, type);
  return {
    catalog,
    providers: new Map(catalog.providers.map((provider) => [provider.id, provider])),
    regions,
    instanceTypes,
    offersByType,
    accelerators: new Map(catalog.accelerators.map((accelerator) => [accelerator.model, accelerator])),
  };
}

function byProviderOf<T>(map: ByProvider<T>, provider: string): Map<string, T> {
  let ofProvider = map.get(provider);
  if (!ofProvider) map.set(provider, (ofProvider = new Map()));
  return ofProvider;
}

export function regionOf(index: CatalogIndex, provider: string, code: string): Region | undefined {
  return index.regions.get(provider)?.get(code);
}

export function instanceTypeOf(index: CatalogIndex, provider: string, instanceType: string): InstanceType | undefined {
  return index.instanceTypes.get(provider)?.get(instanceType);
}

const NO_OFFERS: readonly Offer[] = [];

/** The type's offers, in catalog order. */
export function offersOf(index: CatalogIndex, provider: string, instanceType: string): readonly Offer[] {
  return index.offersByType.get(provider)?.get(instanceType) ?? NO_OFFERS;
}

/** The PUE that applies in a region: its own disclosed figure, else the provider's fleet figure. */
export function pueFor(index: CatalogIndex, region: Region): number {
  return region.pue?.value ?? index.providers.get(region.provider)?.pue.value ?? 1;
}
