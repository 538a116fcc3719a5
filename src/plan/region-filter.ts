import type { ProviderId, Region } from "../domain/catalog.ts";
import type { ConstraintsSpec } from "../domain/spec.ts";

/** EU member states (ISO 3166-1 alpha-2), for `residency: EU`. */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]);

export type RegionConstraintName = "providers" | "regions" | "countries" | "residency";

export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** Compiled once per plan: which constraint (if any) rules a region out. */
export function compileRegionFilter(constraints: ConstraintsSpec): (provider: ProviderId, region: Region) => RegionConstraintName | null {
  const providers = constraints.providers ? new Set(constraints.providers) : null;
  const allow = (constraints.regions?.allow ?? []).map(globToRegExp);
  const deny = (constraints.regions?.deny ?? []).map(globToRegExp);
  const countries = constraints.countries ? new Set(constraints.countries.map((country) => country.toUpperCase())) : null;
  const residency = constraints.residency === "EU" ? EU_MEMBER_STATES : null;
  return (provider, region) => {
    if (providers && !providers.has(provider)) return "providers";
    if (allow.length > 0 && !allow.some((pattern) => pattern.test(region.code))) return "regions";
    if (deny.some((pattern) => pattern.test(region.code))) return "regions";
    if (countries && !countries.has(region.country.toUpperCase())) return "countries";
    if (residency && !residency.has(region.country.toUpperCase())) return "residency";
    return null;
  };
}
