// Pulumi URNs: urn:pulumi:STACK::PROJECT::[PARENT_TYPE$]TYPE::NAME, and provider references "PROVIDER_URN::ID".

export interface ParsedUrn {
  stack: string;
  project: string;
  /** The resource's own type (the last of a parent$child type chain). */
  type: string;
  name: string;
}

export function parseUrn(urn: string): ParsedUrn | undefined {
  const match = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
  if (!match) return undefined;
  const types = match[3].split("$");
  return { stack: match[1], project: match[2], type: types[types.length - 1], name: match[4] };
}

/** "urn:...::pulumi:providers:aws::default_6_0_0::04da..." → the provider's URN and ID. */
export function splitProviderReference(reference: string): { urn: string; id: string } | undefined {
  const separator = reference.lastIndexOf("::");
  if (separator < 0 || !reference.startsWith("urn:pulumi:")) return undefined;
  return { urn: reference.slice(0, separator), id: reference.slice(separator + 2) };
}

/** Default providers are named "default" or "default_<version>" by the engine. */
export function isDefaultProviderUrn(urn: string): boolean {
  const parsed = parseUrn(urn);
  return parsed !== undefined && parsed.type.startsWith("pulumi:providers:") && /^default(_|$)/.test(parsed.name);
}
