import type { AcceleratorAttachment, Offer, ProviderId, Region } from "../../src/domain/catalog.ts";
import type { Figure } from "../../src/domain/figure.ts";

/** What a provider's price/spec tables tell us about one type, before power, embodied and peak are added. */
export interface InstanceTypeDraft {
  provider: ProviderId;
  instanceType: string;
  family: string;
  vcpus: number;
  memoryGb: number;
  accelerator: AcceleratorAttachment | null;
  /** Burstable types only: the vCPUs' worth of CPU time the price includes when sustained. */
  burstable?: { baselineVcpus: Figure };
  /**
   * The host these types share for embodied emissions, when it is not the whole family's: GCP highmem shapes run on
   * hosts with more memory per vCPU (CCF gives them their own platform total), so they are not weighed with
   * standard shapes. Default: the family.
   */
  hostGroup?: string;
  /** The host's vCPUs where the reference states them and the family has no whole-host size (burstable families). */
  hostVcpus?: number;
}

export interface ProviderDrafts {
  types: InstanceTypeDraft[];
  offers: Offer[];
}

/** Region codes the catalog knows, per provider: offers elsewhere (Local Zones, unlisted regions) are dropped. */
export type KnownRegions = (provider: ProviderId, code: string) => boolean;

export function knownRegionsOf(regions: Region[]): KnownRegions {
  const known = new Set(regions.map((region) => `${region.provider}/${region.code}`));
  return (provider, code) => known.has(`${provider}/${code}`);
}

/** Keeps the first draft per name (price tables repeat a type once per region). */
export function uniqueDrafts(drafts: InstanceTypeDraft[]): InstanceTypeDraft[] {
  const byName = new Map<string, InstanceTypeDraft>();
  for (const draft of drafts) if (!byName.has(draft.instanceType)) byName.set(draft.instanceType, draft);
  return [...byName.values()];
}

export function attachment(model: string, count: number, memoryByModel: Map<string, number>): AcceleratorAttachment {
  const memoryGb = memoryByModel.get(model);
  if (memoryGb === undefined) throw new Error(`accelerator '${model}' has no spec in accelerators.csv`);
  return { model, count, memoryGb };
}

/** Positive price or undefined, so blank and zero cells never become offers. */
export function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
