// The output of `wattplan estimate`: per-resource and total monthly cost, energy and carbon of a Pulumi stack.
import type { IntensityBasis, ProviderId } from "../domain/catalog.ts";
import type { StackDocumentKind } from "../pulumi-state/stack-document.ts";

export const STACK_ESTIMATE_SCHEMA_VERSION = 1;

export interface EstimateOptions {
  /** Share of each instance's capacity in use, 0–1 (burstable types are capped at their baseline). */
  utilization: number;
  intensityBasis: IntensityBasis;
  /** Where greener alternatives may go: region globs and/or residency, as a plan's constraints. */
  regions?: { allow?: string[]; residency?: "EU" };
}

export interface GreenerAlternative {
  instanceType: string;
  region: string;
  regionName: string;
  /** Why this type: "same type" or "successor of c5.large (same size; performance not compared)". */
  typeNote: string;
  monthlyKgCo2e: number;
  savingKgCo2e: number;
  savingPercent: number;
  /** null where the alternative has no price in the catalog. */
  monthlyCostUsd: number | null;
  gridIntensityGCo2ePerKwh: number;
}

/** One placement's month: what the figures are at the utilisation it sustains. */
export interface MonthlyFigures {
  /** The utilisation the figures use (the option, capped at a burstable type's baseline). */
  utilization: number;
  /** Facility power of one instance at that utilisation (IT power × PUE), W. */
  wattsPerInstance: number;
  pue: number;
  monthlyEnergyKwh: number;
  gridIntensityGCo2ePerKwh: number | null;
  /** "lifecycle 2024 EM:SE-SE3" */
  intensityLabel: string;
  monthlyOperationalKgCo2e: number | null;
  monthlyEmbodiedKgCo2e: number;
  /** Operational + embodied; null when the region has no intensity on the chosen basis. */
  monthlyKgCo2e: number | null;
  usdPerHour: number | null;
  monthlyCostUsd: number | null;
  notes: string[];
}

export interface ResourceEstimate extends MonthlyFigures {
  urn: string;
  name: string;
  type: string;
  kind: string;
  cloud: ProviderId;
  fleet?: string;
  instanceType: string;
  region: string;
  regionName: string;
  /** Where the region came from: "config aws:region", "resource zone", "provider eu". */
  regionVia: string;
  count: number;
  countNote: string;
  greener: GreenerAlternative | null;
}

export interface NotEstimated {
  urn: string;
  name: string;
  type: string;
  reason: string;
  /** Close matches for an unknown instance type or region. */
  suggestions?: string[];
}

export interface StackTotals {
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  monthlyOperationalKgCo2e: number;
  monthlyEmbodiedKgCo2e: number;
  monthlyEnergyKwh: number;
  instances: number;
  /** Estimated resources whose cost (or carbon) is missing from the totals, and so makes them a floor. */
  unpriced: number;
  withoutIntensity: number;
  /** What moving every resource to its greener alternative would save. */
  greenerSavingKgCo2e: number;
}

export interface StackEstimate {
  schemaVersion: typeof STACK_ESTIMATE_SCHEMA_VERSION;
  source: { kind: StackDocumentKind; label: string };
  options: EstimateOptions;
  catalogVersion: string;
  resources: ResourceEstimate[];
  /** Compute resources that could not be estimated, and every other resource, each with why. */
  notEstimated: NotEstimated[];
  /** Resources counted through another (a launch template through its auto-scaling group). */
  accountedFor: NotEstimated[];
  totals: StackTotals;
  warnings: string[];
}
