import { isDeepStrictEqual } from "node:util";
import type { Catalog } from "../../src/domain/catalog.ts";
import type { Source } from "../../src/domain/figure.ts";

/** One record per source id; two builders may cite the same source only if they describe it identically. */
export function mergeSources(sources: Source[]): Source[] {
  const byId = new Map<string, Source>();
  for (const source of sources) {
    const existing = byId.get(source.id);
    if (existing && !isDeepStrictEqual(existing, source)) {
      throw new Error(`source '${source.id}' is defined twice with different details; give one of them another id`);
    }
    byId.set(source.id, source);
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records in a fixed order whatever order the builders produced them in, so rebuilds are byte-identical. */
export function sortCatalogRecords(records: Omit<Catalog, "meta">): Omit<Catalog, "meta"> {
  const byKeys = <T>(...keys: ((record: T) => string)[]) => (a: T, b: T) => {
    for (const key of keys) {
      const order = compareText(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  };
  return {
    sources: records.sources,
    providers: [...records.providers].sort(byKeys((provider) => provider.id)),
    regions: [...records.regions].sort(byKeys((region) => region.provider, (region) => region.code)),
    instanceTypes: [...records.instanceTypes].sort(byKeys((type) => type.provider, (type) => type.instanceType)),
    offers: [...records.offers].sort(byKeys((offer) => offer.provider, (offer) => offer.instanceType, (offer) => offer.region)),
    accelerators: [...records.accelerators].sort(byKeys((accelerator) => accelerator.model)),
    priors: [...records.priors].sort(byKeys((prior) => prior.id)),
    networkPrices: [...records.networkPrices].sort(byKeys((price) => price.provider, (price) => price.item, (price) => price.region ?? "")),
  };
}
