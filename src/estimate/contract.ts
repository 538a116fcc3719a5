// The contract between src/estimate (pure per-candidate arithmetic) and src/plan (enumeration and choice).
import type { AcceleratorSpec, EfficiencyPrior, GridIntensity, InstanceType, PricingModel, Region } from "../domain/catalog.ts";
import type { IntensityBasis } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { Note } from "./notes.ts";

export interface Range {
  low: number;
  high: number;
}

export type EstimateMethod = "measured" | "roofline" | "prior";

/** How fast one instance serves the model: from a measurement on this type, a roofline, or a published prior. */
export interface PerformanceProjection {
  method: EstimateMethod;
  /** What the figure stands on: a profile (model sha + host + instance type) or prior ids. */
  source: string;
  /** The batch size projected: inferences per call. */
  batchSize: number;
  /** Time for one call of `batchSize` inferences on one replica, in ms. */
  serviceTimeMs: number;
  serviceTimeRangeMs: Range;
  /** Model replicas per instance (CPU: cores / best thread count; accelerators: one per device). */
  replicas: number;
  threadsPerReplica: number;
  /** Inferences per second of one instance at 100 % busy. */
  capacityPerInstanceRps: number;
  capacityRangeRps: Range;
  /** Memory the model needs per replica (weights + activations at this batch), GB. */
  modelMemoryGb: number;
  /** 95th percentile of one call's time (the measured p95/p50 ratio applied), ms; defaults to serviceTimeMs. */
  serviceTimeP95Ms?: number;
  /** Whether the call sits left of the roofline's ridge at this batch (bandwidth, not FLOPS, sets its speed). */
  memoryBound?: boolean;
  /** FLOPs per byte moved for a call of `batchSize`. */
  arithmeticIntensityFlopsPerByte?: number;
  /** Share of the roof reached (fitted from the measurement, or the prior's central value). */
  efficiency?: number;
  /** Fixed time per call, whatever its batch, ms. */
  overheadMs?: number;
  /** What the figures rest on; sentences with figures in them are written when read (`noteTexts`). */
  assumptions: Note[];
}

export interface ProjectionInput {
  profiles: ModelProfile[];
  instance: InstanceType;
  /** The spec of the instance's accelerator (null for CPU-only types). */
  accelerator: AcceleratorSpec | null;
  priors: EfficiencyPrior[];
  precision: Precision;
  batchSize: number;
  /**
   * CPU only, optional: run each replica with this many threads instead of the measured thread count with the most
   * throughput (fewer, faster replicas for a tight SLO). The nearest measured count's efficiency carries over.
   */
  threadsPerReplica?: number;
}

/** A projection, or the reason this combination cannot run (no int8 measurement, memory does not fit...). */
export type ProjectionResult = { ok: true; projection: PerformanceProjection } | { ok: false; reason: string };

export interface FleetSizing {
  min: number;
  desired: number;
  max: number;
}

export interface TrafficShape {
  meanRps: number;
  peakRps: number;
  /** Lowest hourly rate of the day (mean × the smallest hourly multiplier, or the mean when no shape is given). */
  quietestRps: number;
  /**
   * Batch work (traffic.batch): the day's volume. The fleet is then costed as the schedule runs it: the active
   * (peak-sized) fleet at the target utilisation for the whole hours the volume needs, and nothing otherwise.
   */
  batch?: { inferencesPerDay: number; /** Whole hours in the window the work may run in (24 without one). */ windowHours: number };
}

/** How batch work runs each day: the active fleet at the target utilisation, scaled to 0 outside its hours. */
export interface BatchOperation {
  inferencesPerDay: number;
  /** The fleet while the work runs: at least the fleet sized for the window's rate (instances.max), more when that costs fewer instance-hours. */
  activeInstances: number;
  /** Utilisation while the work runs: the target (lowered when the p95 budget needed headroom). */
  utilization: number;
  /** Requests per second the active fleet serves at that utilisation (cache hits included). */
  activeCapacityRps: number;
  /** inferencesPerDay / (activeCapacityRps × 3600). */
  hoursNeededPerDay: number;
  /** Whole hours the fleet runs (the schedule's hours: the last, partly used hour runs in full). */
  billedHoursPerDay: number;
}

/** Everything the plan needs to score one region × instance type × precision × batch size. */
export interface CandidateEstimateInput {
  projection: PerformanceProjection;
  instance: InstanceType;
  accelerator: AcceleratorSpec | null;
  region: Region;
  /** The PUE that applies: the region's disclosed value or the provider's fleet value. */
  pue: number;
  intensityBasis: IntensityBasis;
  usdPerHour: number;
  pricing: PricingModel;
  traffic: TrafficShape;
  /** Share of requests answered from a cache, 0–1: they cost no model compute. */
  cacheHitRate: number;
  targetUtilization: number;
  maxQueueDelayMs: number;
  /** Round trip from the users to the region, ms (0 without `users`); see `usersRoundTripP95Ms`. */
  networkRoundTripMs: number;
  /**
   * Optional p95 budget (the SLO, network included). When the sized fleet misses it, the target utilisation is
   * lowered step by step (down to 5 %) to buy headroom; `assumptions` says so.
   */
  latencyP95BudgetMs?: number;
}

export interface CandidateEstimate {
  instances: FleetSizing;
  /** Worst p95 over the quietest hour (min instances), the mean (desired) and the peak (max), network included. */
  latencyP95Ms: number;
  latencyP95RangeMs: Range;
  /** The parts of `latencyP95Ms` at its worst operating point, ms. */
  latencyBreakdownMs: { batchFill: number; queueing: number; service: number; network: number };
  throughputPerInstanceRps: number;
  /** Mean utilisation of the fleet at mean traffic, 0–1. */
  utilization: number;
  /** IT power of one instance at `utilization` (before PUE), W. */
  powerWattsPerInstance: number;
  /** powerWattsPerInstance × PUE, W. */
  facilityPowerWattsPerInstance: number;
  /** Facility energy per request (PUE included; cache hits count as requests that cost nothing), J. */
  energyPerInferenceJ: number;
  energyPerInferenceRangeJ: Range;
  /** The region's figure the estimate used: on the basis asked for, or the lifecycle one standing in. */
  gridIntensity: GridIntensity;
  gridIntensityGCo2ePerKwh: number;
  gCo2ePerInference: number;
  embodiedGCo2ePerInference: number;
  sciGCo2ePerInference: number;
  sciRangeGCo2ePerInference: Range;
  costPerMillionInferencesUsd: number;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  monthlyKgCo2eRange: Range;
  monthlyOperationalKgCo2e: number;
  monthlyEmbodiedKgCo2e: number;
  /**
   * The monthly carbon of each evaluation behind `monthlyKgCo2eRange` (central, slow end, fast end), split into its
   * operational part (∝ PUE × grid intensity) and embodied part (region-independent), so that the range can be
   * carried to another region exactly: a min/max of several lines is not itself a line.
   */
  monthlyKgCo2eParts?: Array<{ operationalKg: number; embodiedKg: number }>;
  monthlyEnergyKwh: number;
  /** Inferences per joule. */
  perfPerWatt: number;
  /** Batch work only: how the fleet runs each day (the basis of every monthly and per-inference figure). */
  batch?: BatchOperation;
  /** How the figures were reached where a choice had to be made (for the plan's `assumptions`). */
  assumptions: string[];
}
