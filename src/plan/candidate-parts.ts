// The parts every candidate is built from: its key, its price under a pricing model, its projection (cached per
// type × precision × batch) and whether the model fits its memory.
import type { AcceleratorSpec, InstanceType, Offer, PricingModel } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { PerformanceProjection, ProjectionResult } from "../estimate/contract.ts";
import type { CatalogIndex } from "./catalog-index.ts";
import type { Estimator } from "./estimator.ts";
import { deviceMemoryGbPerReplica } from "../estimate/model-memory.ts";

export function candidateKey(provider: string, region: string, instanceType: string, precision: string, batchSize: number): string {
  return `${provider}/${region}/${instanceType}/${precision}/b${batchSize}`;
}

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

/** Projections depend on the type, precision and batch only: computed once and shared by every region. */
export class ProjectionCache {
  private readonly results = new Map<string, ProjectionResult>();

  constructor(
    private readonly estimator: Estimator,
    private readonly profiles: ModelProfile[],
    private readonly index: CatalogIndex,
  ) {}

  get(instance: InstanceType, precision: Precision, batchSize: number): ProjectionResult {
    const key = `${instance.provider}/${instance.instanceType}|${precision}|${batchSize}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.estimator.projectPerformance({
        profiles: this.profiles,
        instance,
        accelerator: acceleratorOf(this.index, instance),
        priors: this.index.catalog.priors,
        precision,
        batchSize,
      });
      this.results.set(key, result);
    }
    return result;
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
