// `--on aws:g6.xlarge`: parse the target, find the type in the catalog (close matches for a typo), choose the region
// (the user's, else the cleanest offering the type), and decide how the model runs there.
import type { Catalog, InstanceType, Offer, ProviderId, Region } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import { findAccelerator, findInstanceType, findRegion, offersForType, parseProviderId, regionIntensity } from "../catalog/queries.ts";
import type { BenchTarget } from "./contract.ts";

export interface TargetRequest {
  /** "aws:g6.xlarge", "gcp:c4-highcpu-4", "azure:Standard_D4s_v5". */
  targets: string[];
  /** Regions to use, at most one per cloud ("eu-north-1", "europe-north2"); a cloud without one gets its cleanest. */
  regions?: string[];
}

export function resolveTargets(catalog: Catalog, request: TargetRequest): BenchTarget[] {
  if (request.targets.length === 0) throw new WattplanError("INVALID_INPUT", "no target machine given", "name one as cloud:type, e.g. aws:c7i.large", { option: "targets", example: "aws:c7i.large" });
  const regions = regionsByProvider(catalog, request.regions ?? []);
  const resolved = request.targets.map((text) => resolveTarget(catalog, text, regions));
  const seen = new Set<string>();
  for (const target of resolved) {
    if (seen.has(target.id)) throw new WattplanError("INVALID_INPUT", `target ${target.id} is named twice`, "name each machine once", { option: "targets" });
    seen.add(target.id);
  }
  for (const [provider, region] of regions) {
    if (!resolved.some((target) => target.provider === provider)) {
      throw new WattplanError("INVALID_INPUT", `region ${region.code} is on ${provider}, but no ${provider} target is named`, "give a region for a cloud that has a target", { option: "regions" });
    }
  }
  return resolved;
}

/** "aws:g6.xlarge" → the provider and the type as written. */
export function parseTargetName(text: string): { provider: ProviderId; instanceType: string } {
  const separator = text.indexOf(":");
  if (separator <= 0 || separator === text.length - 1) {
    throw new WattplanError("INVALID_INPUT", `target '${text}' is not cloud:type`, "for example aws:g6.xlarge, gcp:c4-highcpu-4 or azure:Standard_D4s_v5", { option: "targets", example: "aws:c7i.large" });
  }
  return { provider: parseProviderId(text.slice(0, separator)), instanceType: text.slice(separator + 1) };
}

function resolveTarget(catalog: Catalog, text: string, regions: Map<ProviderId, Region>): BenchTarget {
  const { provider, instanceType } = parseTargetName(text);
  const type = findInstanceType(catalog, instanceType, provider);
  const offers = offersForType(catalog, type);
  if (offers.length === 0) throw new WattplanError("INVALID_INPUT", `${provider}:${type.instanceType} has no price in any region of the catalog`, "choose a type the catalog prices (wattplan catalog instances)");
  const chosen = regions.get(provider);
  const { offer, reason } = chosen ? userRegionOffer(type, offers, chosen, catalog) : cleanestOffer(catalog, offers);
  return {
    id: `${provider}:${type.instanceType}`,
    provider,
    instanceType: type.instanceType,
    region: offer.region,
    regionReason: reason,
    architecture: type.architecture,
    accelerator: type.accelerator,
    executionProvider: executionProviderFor(catalog, type),
    usdPerHour: offer.usdPerHour.onDemand,
    priceSource: offer.source,
    priceAsOf: offer.asOf,
  };
}

/**
 * NVIDIA GPUs run through onnxruntime's CUDA provider, which onnxruntime-node builds for linux/x64 only; other
 * accelerators (Inferentia, Trainium) need their own compilers and are not benchmarked here.
 */
function executionProviderFor(catalog: Catalog, type: InstanceType): BenchTarget["executionProvider"] {
  if (type.accelerator === null) return "cpu";
  const vendor = findAccelerator(catalog, type.accelerator.model).vendor;
  if (vendor !== "NVIDIA") {
    throw new WattplanError("INVALID_INPUT", `${type.provider}:${type.instanceType} carries ${type.accelerator.model} (${vendor}), which onnxruntime-node cannot run models on`, "benchmark CPU or NVIDIA GPU types");
  }
  if (type.architecture !== "x86_64") {
    throw new WattplanError("INVALID_INPUT", `${type.provider}:${type.instanceType} is an arm64 GPU type, and onnxruntime-node has no CUDA provider for linux/arm64`, "benchmark an x86_64 GPU type, or this type's CPU on another arm64 type");
  }
  return "cuda";
}

function regionsByProvider(catalog: Catalog, codes: string[]): Map<ProviderId, Region> {
  const regions = new Map<ProviderId, Region>();
  for (const code of codes) {
    const region = findRegion(catalog, code);
    const previous = regions.get(region.provider);
    if (previous) {
      throw new WattplanError("INVALID_INPUT", `two ${region.provider} regions given (${previous.code} and ${region.code})`, "give at most one region per cloud", { option: "regions" });
    }
    regions.set(region.provider, region);
  }
  return regions;
}

function userRegionOffer(type: InstanceType, offers: Offer[], region: Region, catalog: Catalog): { offer: Offer; reason: string } {
  const offer = offers.find((candidate) => candidate.region === region.code);
  if (offer) return { offer, reason: "given" };
  const cleanest = rankByIntensity(catalog, offers).slice(0, 3).map((entry) => entry.offer.region).join(", ");
  throw new WattplanError("INVALID_INPUT", `${type.provider}:${type.instanceType} is not offered in ${region.code} (catalog)`, `it is offered in ${cleanest}${offers.length > 3 ? ", …" : ""}`, { option: "regions" });
}

function cleanestOffer(catalog: Catalog, offers: Offer[]): { offer: Offer; reason: string } {
  const [best] = rankByIntensity(catalog, offers);
  return { offer: best.offer, reason: `cleanest offering it: ${Math.round(best.intensity)} gCO2e/kWh lifecycle` };
}

/** Offers by their region's lifecycle grid intensity, cleanest first; the cheaper one first where two are equal. */
function rankByIntensity(catalog: Catalog, offers: Offer[]): { offer: Offer; intensity: number }[] {
  return offers
    .map((offer) => ({ offer, intensity: regionIntensity(findRegion(catalog, offer.region, offer.provider))?.value ?? Number.POSITIVE_INFINITY }))
    .sort((first, second) => first.intensity - second.intensity || first.offer.usdPerHour.onDemand - second.offer.usdPerHour.onDemand);
}
