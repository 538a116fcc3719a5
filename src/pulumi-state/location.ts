// Where a resource runs: its own zone/location input, else its explicit provider's, else the stack config that
// default providers read. A value Pulumi does not know at preview time stays unknown, with the reason.
import type { ProviderId } from "../domain/catalog.ts";
import type { StackDocument, StackResource } from "./stack-document.ts";
import { isDefaultProviderUrn, splitProviderReference } from "./urn.ts";
import { readText, type Known } from "./values.ts";

export interface Location {
  /** The cloud's region code as the catalog spells it ("eu-west-1", "europe-west4", "westeurope"). */
  region: string;
  /** The zone, where the resource names one. */
  zone?: string;
  /** Where the region came from, for the report: "resource zone", "provider eu-provider", "config aws:region". */
  via: string;
}

/** The inputs naming a place, per cloud, in the order they take precedence on the resource itself. */
const RESOURCE_KEYS: Record<ProviderId, string[]> = {
  aws: ["region", "availabilityZone"],
  gcp: ["zone", "region", "location"],
  azure: ["location"],
};

const PROVIDER_KEYS: Record<ProviderId, string[]> = { aws: ["region"], gcp: ["zone", "region"], azure: ["location"] };

const CONFIG_KEYS: Record<ProviderId, string[]> = {
  aws: ["aws:region"],
  gcp: ["gcp:zone", "gcp:region"],
  azure: ["azure-native:location", "azure:location"],
};

/** "eu-west-1a" → eu-west-1; "europe-west4-b" → europe-west4; "West Europe" → westeurope. */
export function regionOfPlace(cloud: ProviderId, place: string): { region: string; zone?: string } {
  if (cloud === "aws") {
    const match = /^([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)(.*)$/.exec(place);
    return match && match[2] ? { region: match[1], zone: place } : { region: place };
  }
  if (cloud === "gcp") {
    const match = /^([a-z]+-[a-z]+\d+)-([a-z])$/.exec(place);
    return match ? { region: match[1], zone: place } : { region: place };
  }
  return { region: place.toLowerCase().replace(/\s+/g, "") };
}

function fromKeys(cloud: ProviderId, properties: Record<string, unknown>, keys: string[], via: string): Known<Location> | undefined {
  for (const key of keys) {
    const known = readText(properties, key);
    if (!known) continue;
    if ("unknown" in known) return { unknown: `${via}: ${known.unknown}` };
    return { value: { ...regionOfPlace(cloud, known.value), via: `${via} ${key}` } };
  }
  return undefined;
}

/**
 * The location of a resource on `cloud`. `extraKeys` adds resource-specific inputs that name a place (a GKE node
 * pool's `location`); `inherit` names a related resource whose location applies (an AKS agent pool's cluster).
 */
export function resolveLocation(
  resource: StackResource,
  document: StackDocument,
  cloud: ProviderId,
  options: { keys?: string[]; inherit?: StackResource } = {},
): Known<Location> {
  const own = fromKeys(cloud, resource.inputs, options.keys ?? RESOURCE_KEYS[cloud], "resource");
  if (own) return own;
  if (options.inherit) {
    const inherited = resolveLocation(options.inherit, document, cloud);
    if ("value" in inherited) return { value: { ...inherited.value, via: `${inherited.value.via} (via ${options.inherit.type.split(":").pop()})` } };
  }
  const reference = resource.provider ? splitProviderReference(resource.provider) : undefined;
  if (reference && !isDefaultProviderUrn(reference.urn)) {
    const provider = document.resources.find((candidate) => candidate.urn === reference.urn);
    if (!provider) return { unknown: `its provider ${reference.urn.split("::").pop()} is not in the document` };
    const fromProvider = fromKeys(cloud, provider.inputs, PROVIDER_KEYS[cloud], `provider ${reference.urn.split("::").pop()}`);
    if (fromProvider) return fromProvider;
  }
  if (reference) {
    // A default provider in a stack export carries the region the config gave it.
    const provider = document.resources.find((candidate) => candidate.urn === reference.urn);
    const fromDefault = provider && fromKeys(cloud, provider.inputs, PROVIDER_KEYS[cloud], "default provider");
    if (fromDefault) return fromDefault;
  }
  for (const key of CONFIG_KEYS[cloud]) {
    const value = document.config[key];
    if (value === undefined || value === "") continue;
    const known = readText({ value }, "value");
    if (known && "unknown" in known) return { unknown: `config ${key} is not known` };
    if (value === "[secret]") return { unknown: `config ${key} is a secret` };
    return { value: { ...regionOfPlace(cloud, value), via: `config ${key}` } };
  }
  return { unknown: `no region: none on the resource, its provider or the stack config (${CONFIG_KEYS[cloud].join(", ")})` };
}
