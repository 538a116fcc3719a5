// The parts every candidate is built from: its price under a pricing model, its accelerator's spec and whether the
// model fits its memory.
import type { AcceleratorSpec, InstanceType, Offer, PricingModel } from "../domain/catalog.ts";
import type { PerformanceProjection } from "../estimate/contract.ts";
import { deviceMemoryGbPerReplica } from "../estimate/model-memory.ts";
import type { CatalogIndex } from "./catalog-index.ts";

export function usdPerHourOf(offer: Offer, pricing: PricingModel): number | undefined {
  switch (pricing) {
    case "on-demand":
      return offer.usdPerHour.onDemand;
    case "spot":
      return offer.usdPerHour.spot;
    case "reserved-1y":
      return offer.usdPerHour.reserved1y;
    case "reserved-3y":
      return offer.usdPerHour.reserved3y;
  }
}

export function acceleratorOf(index: CatalogIndex, instance: InstanceType): AcceleratorSpec | null {
  return instance.accelerator ? (index.accelerators.get(instance.accelerator.model) ?? null) : null;
}

/** Memory the replicas need beyond what the instance (or its accelerator) has; null when it fits. */
export function memoryShortfall(projection: PerformanceProjection, instance: InstanceType): string | null {
  if (instance.accelerator) {
    const deviceGb = deviceMemoryGbPerReplica(instance.accelerator);
    const perReplicaGb = projection.modelMemoryGb;
    return perReplicaGb > deviceGb ? `needs ${perReplicaGb.toFixed(1)} GB per replica on ${instance.accelerator.model}, which has ${Number(deviceGb.toFixed(1))} GB per replica` : null;
  }
  const neededGb = projection.modelMemoryGb * projection.replicas;
  return neededGb > instance.memoryGb ? `needs ${neededGb.toFixed(1)} GB for ${projection.replicas} replicas, the type has ${instance.memoryGb} GB` : null;
}
