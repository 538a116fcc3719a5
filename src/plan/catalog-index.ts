import type { AcceleratorSpec, Catalog, InstanceType, Offer, Provider, ProviderId, Region } from "../domain/catalog.ts";

/** Lookups the planner needs, built once per plan so enumeration never scans the catalog. */
export interface CatalogIndex {
  catalog: Catalog;
  providers: Map<ProviderId, Provider>;
  /** "provider/region" → region. */
  regions: Map<string, Region>;
  /** "provider/instanceType" → type. */
  instanceTypes: Map<string, InstanceType>;
  /** "provider/instanceType" → its offers, in catalog order. */
  offersByType: Map<string, Offer[]>;
  accelerators: Map<string, AcceleratorSpec>;
}

export const regionKey = (provider: string, region: string): string => `${provider}/${region}`;
export const typeKey = (provider: string, instanceType: string): string => `${provider}/${instanceType}`;

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const offersByType = new Map<string, Offer[]>();
  for (const offer of catalog.offers) {
    const key = typeKey(offer.provider, offer.instanceType);
    const list = offersByType.get(key);
    if (list) list.push(offer);
    else offersByType.set(key, [offer]);
  }
  return {
    catalog,
    providers: new Map(catalog.providers.map((provider) => [provider.id, provider])),
    regions: new Map(catalog.regions.map((region) => [regionKey(region.provider, region.code), region])),
    instanceTypes: new Map(catalog.instanceTypes.map((type) => [typeKey(type.provider, type.instanceType), type])),
    offersByType,
    accelerators: new Map(catalog.accelerators.map((accelerator) => [accelerator.model, accelerator])),
  };
}

/** The PUE that applies in a region: its own disclosed figure, else the provider's fleet figure. */
export function pueFor(index: CatalogIndex, region: Region): number {
  return region.pue?.value ?? index.providers.get(region.provider)?.pue.value ?? 1;
}
