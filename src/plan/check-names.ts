import type { WorkloadSpec } from "../domain/spec.ts";
import { UnknownNameError } from "../errors.ts";
import type { CatalogIndex } from "./catalog-index.ts";
import { suggestNames } from "../text/suggest-names.ts";
import { globToRegExp, isGlob } from "./region-filter.ts";

/**
 * Names in the spec that the catalog does not know are typos far more often than wishes: fail with close matches
 * instead of silently planning over nothing. Returns warnings for names that are valid but match nothing.
 */
export function checkSpecNames(spec: WorkloadSpec, index: CatalogIndex): string[] {
  const warnings: string[] = [];
  const regionCodes = [...index.regions.values()].map((region) => region.code);
  for (const listName of ["allow", "deny"] as const) {
    for (const pattern of spec.constraints.regions?.[listName] ?? []) {
      if (isGlob(pattern)) {
        const expression = globToRegExp(pattern);
        if (!regionCodes.some((code) => expression.test(code))) warnings.push(`constraints.regions.${listName}: '${pattern}' matches no region in the catalog`);
      } else if (!regionCodes.some((code) => code.toLowerCase() === pattern.toLowerCase())) {
        throw new UnknownNameError("region", pattern, suggestNames(pattern, regionCodes));
      }
    }
  }
  const acceleratorModels = new Set<string>(["none"]);
  for (const type of index.instanceTypes.values()) if (type.accelerator) acceleratorModels.add(type.accelerator.model);
  for (const accelerator of spec.constraints.accelerators ?? []) {
    if (![...acceleratorModels].some((model) => model.toLowerCase() === accelerator.toLowerCase())) {
      throw new UnknownNameError("accelerator", accelerator, suggestNames(accelerator, acceleratorModels));
    }
  }
  const countries = new Set([...index.regions.values()].map((region) => region.country));
  for (const country of spec.constraints.countries ?? []) {
    if (!countries.has(country.toUpperCase())) warnings.push(`constraints.countries: no region of the catalog is in ${country}`);
  }
  const baseline = spec.baseline;
  if (baseline) {
    const providerRegions = [...index.regions.values()].filter((region) => region.provider === baseline.provider).map((region) => region.code);
    if (!providerRegions.includes(baseline.region)) throw new UnknownNameError(`${baseline.provider} region`, baseline.region, suggestNames(baseline.region, providerRegions));
    const providerTypes = [...index.instanceTypes.values()].filter((type) => type.provider === baseline.provider).map((type) => type.instanceType);
    if (!providerTypes.includes(baseline.instanceType)) {
      throw new UnknownNameError(`${baseline.provider} instance type`, baseline.instanceType, suggestNames(baseline.instanceType, providerTypes));
    }
  }
  return warnings;
}
