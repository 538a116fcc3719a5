import type { WorkloadSpec } from "../domain/spec.ts";
import { UnknownNameError } from "../errors.ts";
import type { InstanceType } from "../domain/catalog.ts";
import { instanceTypeOf, type CatalogIndex } from "./catalog-index.ts";
import { suggestNames } from "../text/suggest-names.ts";
import { globToRegExp, isGlob } from "./region-filter.ts";

/**
 * Names in the spec that the catalog does not know are typos far more often than wishes: fail with close matches
 * instead of silently planning over nothing. Returns warnings for names that are valid but match nothing.
 */
export function checkSpecNames(spec: WorkloadSpec, index: CatalogIndex): string[] {
  const warnings: string[] = [];
  const regionCodes = index.catalog.regions.map((region) => region.code);
  for (const listName of ["allow", "deny"] as const) {
    const patterns = spec.constraints.regions?.[listName] ?? [];
    const matchesSomething = (pattern: string) => regionCodes.some((code) => globToRegExp(pattern).test(code));
    for (const pattern of patterns) {
      const where = `constraints.regions.${listName}`;
      if (isGlob(pattern)) {
        if (matchesSomething(pattern)) continue;
        // An allow list none of whose globs matches anything is a typo that would otherwise read as "nothing is feasible".
        if (listName === "allow" && !patterns.some(matchesSomething)) {
          throw new UnknownNameError("region pattern", pattern, suggestNames(pattern.replaceAll("*", ""), regionCodes), where);
        }
        warnings.push(`${where}: '${pattern}' matches no region in the catalog`);
      } else if (!regionCodes.some((code) => code.toLowerCase() === pattern.toLowerCase())) {
        throw new UnknownNameError("region", pattern, suggestNames(pattern, regionCodes), where);
      }
    }
  }
  // The planned types' accelerators first: the others are read (from the catalog's unplanned files) only for a name they lack.
  const known = (types: readonly InstanceType[]) => new Set(["none", ...types.flatMap((type) => (type.accelerator ? [type.accelerator.model] : []))]);
  let acceleratorModels = known(index.plannedTypes);
  for (const accelerator of spec.constraints.accelerators ?? []) {
    const isKnown = () => [...acceleratorModels].some((model) => model.toLowerCase() === accelerator.toLowerCase());
    if (isKnown()) continue;
    acceleratorModels = known(index.catalog.instanceTypes);
    if (!isKnown()) throw new UnknownNameError("accelerator", accelerator, suggestNames(accelerator, acceleratorModels), "constraints.accelerators");
  }
  const countries = new Set(index.catalog.regions.map((region) => region.country));
  for (const country of spec.constraints.countries ?? []) {
    if (!countries.has(country.toUpperCase())) warnings.push(`constraints.countries: no region of the catalog is in ${country}`);
  }
  const baseline = spec.baseline;
  if (baseline) {
    const providerRegions = index.catalog.regions.filter((region) => region.provider === baseline.provider).map((region) => region.code);
    if (!providerRegions.includes(baseline.region)) throw new UnknownNameError(`${baseline.provider} region`, baseline.region, suggestNames(baseline.region, providerRegions), "baseline.region");
    if (!instanceTypeOf(index, baseline.provider, baseline.instanceType)) {
      const providerTypes = index.catalog.instanceTypes.filter((type) => type.provider === baseline.provider).map((type) => type.instanceType);
      throw new UnknownNameError(`${baseline.provider} instance type`, baseline.instanceType, suggestNames(baseline.instanceType, providerTypes), "baseline.instanceType");
    }
  }
  return warnings;
}
