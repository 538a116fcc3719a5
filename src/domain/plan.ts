import { z } from "zod";
import { acceleratorAttachmentSchema, intensityBasisSchema, pricingModelSchema, providerIdSchema } from "./catalog.ts";
import { candidateArtifactSchema } from "./artifact.ts";
import { precisionSchema } from "./profile.ts";
import { workloadSpecSchema } from "./spec.ts";

/**
 * 2: candidates carry their region's coordinates (latitude, longitude), so renderers need nothing but the plan.
 * 3: candidates carry the artifact they are served from (recipe, sha256, bytes; null where the profiles recorded
 *    none), and the model its conventional FLOPs count (macFlopsPerInference).
 * Plans of versions 1 and 2 still read: their candidates have no coordinates (1) and no artifact (1, 2).
 */
export const PLAN_SCHEMA_VERSION = 3;

const nonNegative = z.number().finite().nonnegative();
const rangeSchema = z.strictObject({ low: z.number().finite(), high: z.number().finite() });
export type FigureRange = z.infer<typeof rangeSchema>;

export const estimateMethodSchema = z.enum(["measured", "roofline", "prior"]);

/** Where a candidate's projected figures come from, and how far they could be off. */
export const candidateEstimateSchema = z.strictObject({
  method: estimateMethodSchema,
  /** What the figure stands on: a profile (model sha + host) or prior ids. */
  source: z.string(),
  /** Low/high of every projected figure (low = the better end for latency, energy, carbon and cost). */
  ranges: z.strictObject({
    latencyP95Ms: rangeSchema,
    throughputPerInstanceRps: rangeSchema,
    energyPerInferenceJ: rangeSchema,
    sciGCo2ePerInference: rangeSchema,
    monthlyKgCo2e: rangeSchema,
    monthlyCostUsd: rangeSchema,
  }),
});
export type CandidateEstimateInfo = z.infer<typeof candidateEstimateSchema>;

export const deployabilitySchema = z.strictObject({
  deployable: z.boolean(),
  /** Why the fleet cannot be emitted (present when deployable is false). */
  reason: z.string().optional(),
});
export type Deployability = z.infer<typeof deployabilitySchema>;

export const instanceCountsSchema = z.strictObject({
  /** For the quietest hour. */
  min: z.number().int().positive(),
  /** For the mean rate. */
  desired: z.number().int().positive(),
  /** For the peak rate. */
  max: z.number().int().positive(),
});

/** One region × instance type × precision × batch size, sized and scored. */
export const candidateSchema = z.strictObject({
  /** Stable key: provider/region/instanceType/precision/bBATCH. */
  key: z.string(),
  /** 1 = the chosen candidate; alternatives follow in score order; null for the baseline and off-ranking members. */
  rank: z.number().int().positive().nullable(),
  provider: providerIdSchema,
  region: z.string(),
  regionName: z.string(),
  country: z.string().length(2),
  /** Where the region is (the catalog's figure, for maps); absent only in plans of schemaVersion 1. */
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** The provider's machine type exactly as its API spells it. */
  instanceType: z.string(),
  vcpus: z.number().int().positive(),
  memoryGb: z.number().positive(),
  architecture: z.enum(["x86_64", "arm64"]),
  accelerator: acceleratorAttachmentSchema.nullable(),
  precision: precisionSchema,
  batchSize: z.number().int().positive(),
  /** Model replicas per instance and intra-op threads each (CPU); one replica per device on accelerators. */
  replicas: z.number().int().positive(),
  threadsPerReplica: z.number().int().positive(),
  instances: instanceCountsSchema,
  latencyP95Ms: nonNegative,
  serviceTimeMs: nonNegative,
  networkRoundTripMs: nonNegative,
  throughputPerInstanceRps: nonNegative,
  /** Mean utilisation of the fleet at mean traffic, 0–1. */
  utilization: nonNegative,
  /** IT power of one instance at the planned utilisation (before PUE), W. */
  powerWattsPerInstance: nonNegative,
  /** Facility energy per request (IT energy × PUE; cache hits count as requests), J: multiply by intensity only. */
  energyPerInferenceJ: nonNegative,
  gridIntensityGCo2ePerKwh: nonNegative,
  gridIntensity: z.strictObject({
    basis: intensityBasisSchema,
    year: z.number().int(),
    zone: z.string(),
    source: z.string(),
  }),
  pue: z.number().positive(),
  /** Operational: energyPerInferenceJ (PUE already included) × grid intensity. */
  gCo2ePerInference: nonNegative,
  embodiedGCo2ePerInference: nonNegative,
  /** ISO/IEC 21031 SCI per inference: operational + embodied. */
  sciGCo2ePerInference: nonNegative,
  costPerMillionInferencesUsd: nonNegative,
  pricing: pricingModelSchema,
  usdPerHour: nonNegative,
  monthlyCostUsd: nonNegative,
  monthlyKgCo2e: nonNegative,
  /** Inferences per joule. */
  perfPerWatt: nonNegative,
  flopsPerInference: nonNegative,
  /** The objective's score within the feasible set (lower is better); null where not scored (baseline). */
  score: z.number().finite().nullable(),
  estimate: candidateEstimateSchema,
  deployable: deployabilitySchema,
  /** The region's zones that offer the type, where the catalog lists them (GCP GPU types): a fleet placed elsewhere in the region never starts. */
  zones: z.array(z.string()).optional(),
  /**
   * The file this candidate serves: emit rebuilds it from the model with src/onnx/artifact.ts and checks the sha256.
   * Null where the profiles recorded no such file (profiles of schemaVersion 1); absent in plans before version 3.
   */
  artifact: candidateArtifactSchema.nullable().optional(),
}).meta({ id: "Candidate", description: "One region × instance type × precision × batch size, sized and scored." });
export type Candidate = z.infer<typeof candidateSchema>;

const savingSchema = z.strictObject({
  /** baseline − chosen: positive = the chosen candidate is better. */
  absolute: z.number().finite(),
  /** (baseline − chosen) / baseline × 100; null when the baseline is 0. */
  percent: z.number().finite().nullable(),
});

export const savingsSchema = z.strictObject({
  monthlyKgCo2e: savingSchema,
  monthlyCostUsd: savingSchema,
  /** Carbon per inference (SCI: operational + embodied), g. */
  sciGCo2ePerInference: savingSchema,
  costPerMillionInferencesUsd: savingSchema,
});
export type Savings = z.infer<typeof savingsSchema>;

export const robustnessScenarioSchema = z.strictObject({
  /** all-low: every figure at its favourable end; all-high: unfavourable; chosen-high: the choice at its worst, the rest at their best. */
  scenario: z.enum(["all-low", "all-high", "chosen-high"]),
  winnerKey: z.string(),
  changed: z.boolean(),
});

export const robustnessSchema = z.strictObject({
  /** True when the choice holds at both ends of every projected range. */
  robust: z.boolean(),
  scenarios: z.array(robustnessScenarioSchema),
  summary: z.string(),
});
export type Robustness = z.infer<typeof robustnessSchema>;

export const searchSummarySchema = z.strictObject({
  candidatesEnumerated: z.number().int().nonnegative(),
  candidatesFeasible: z.number().int().nonnegative(),
  /** How many candidates each constraint excluded (a candidate counts under the first constraint it fails). */
  excludedBy: z.record(z.string(), z.number().int().nonnegative()),
});

export const intensitySignalSchema = z.enum(["average", "marginal"]);

/** An hourly series (a forecast, or a flat stand-in) the plan used for time: where it came from and what it is. */
export const hourlyIntensitySchema = z.strictObject({
  /** The source that produced the points (after any fallback: "catalog" when the asked one failed). */
  source: z.string(),
  /** The source that was asked for; differs from `source` after a fallback. */
  requestedSource: z.string(),
  signal: intensitySignalSchema,
  basis: z.enum(["lifecycle", "operational", "marginal"]),
  /** The grid area the points describe, e.g. "EM:DE"; null when the source does not say. */
  zone: z.string().nullable(),
  fetchedAt: z.string(),
  /** live | cache | history-profile | annual-figure | file */
  origin: z.string(),
  description: z.string(),
  /** The regions ("provider/region") the series was fetched for. */
  regions: z.array(z.string()),
  /** What the series was used for, in one sentence. */
  use: z.string(),
});
export type HourlyIntensity = z.infer<typeof hourlyIntensitySchema>;

const hourOfDay = z.number().int().min(0).max(23);

/** One hour of the batch window on the forecast date, with the share of it the schedule uses. */
export const scheduledHourSchema = z.strictObject({
  /** In the schedule's time zone (the region's). */
  hourOfDay,
  startsAt: z.string(),
  gCo2ePerKwh: nonNegative,
  /** 1 = the fleet works the whole hour, a fraction for the last hour, 0 = idle. */
  chosenLoad: nonNegative,
  /** The same for running at once from the window start. */
  immediateLoad: nonNegative,
});

/** Time-shifted batch work: the chosen fleet runs during `hoursOfDay` every day, in the region's time zone. */
export const batchScheduleSchema = z.strictObject({
  /** Hours of the day the fleet works, wall clock in `timeZone`, in window order. */
  hoursOfDay: z.array(hourOfDay).min(1),
  /** The chosen region's IANA time zone: the one scheduled scaling is emitted in. */
  timeZone: z.string(),
  /** The spec's window, as written (its own time zone), and its whole hours in the region's zone. */
  window: z.strictObject({ start: z.string(), end: z.string(), timeZone: z.string(), hoursOfDay: z.array(hourOfDay) }),
  /** The local date (region's zone) of the window occurrence the hours were picked from. */
  forecastDate: z.string(),
  inferencesPerDay: z.number().positive(),
  /** What the active fleet processes in one hour at full load. */
  inferencesPerHourCapacity: z.number().positive(),
  windowCapacityInferencesPerDay: z.number().positive(),
  hoursNeeded: nonNegative,
  /** Instances while the batch runs, and outside the scheduled hours. */
  activeInstances: z.number().int().positive(),
  idleInstances: z.number().int().nonnegative(),
  /** Running at once from the window start: the comparison the saving is against. */
  immediateHoursOfDay: z.array(hourOfDay),
  chosenMeanGCo2ePerKwh: nonNegative,
  immediateMeanGCo2ePerKwh: nonNegative,
  /** (immediate − chosen) / immediate × 100 on the forecast; 0 for a flat profile. */
  expectedSavingPercent: nonNegative,
  /** Grams of operational CO2e a day (energy × PUE × forecast intensity); null when unknown. */
  chosenGCo2ePerDay: nonNegative.nullable(),
  immediateGCo2ePerDay: nonNegative.nullable(),
  savedGCo2ePerDay: z.number().finite().nullable(),
  /** Where the hourly intensities came from (as in intensity.hourly). */
  source: z.string(),
  signal: intensitySignalSchema,
  basis: z.enum(["lifecycle", "operational", "marginal"]),
  hours: z.array(scheduledHourSchema),
});
export type PlanBatchSchedule = z.infer<typeof batchScheduleSchema>;

const planFieldsSchema = z.strictObject({
  kind: z.literal("wattplan.plan"),
  schemaVersion: z.union([z.literal(1), z.literal(2), z.literal(PLAN_SCHEMA_VERSION)], { error: `expected 1, 2 or ${PLAN_SCHEMA_VERSION}, the plan versions this wattplan reads` }),
  /** sha256 of the canonical plan (sorted keys) without createdAt. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  wattplanVersion: z.string(),
  spec: workloadSpecSchema,
  model: z.strictObject({
    name: z.string(),
    sha256: z.string(),
    /** Every operator counted (a multiply-add is 2): what the projections divide by. */
    flopsPerInference: nonNegative,
    /** The conventional headline: 2 × the multiply-accumulates of matrix products and convolutions (absent before version 3, or from old profiles). */
    macFlopsPerInference: nonNegative.optional(),
    params: z.number().int().nonnegative(),
    weightBytes: z.number().int().nonnegative(),
    profiles: z.array(
      z.strictObject({ host: z.string(), instanceType: z.string().nullable(), createdAt: z.string(), precisions: z.array(precisionSchema) }),
    ),
  }),
  catalog: z.strictObject({
    version: z.string(),
    builtFrom: z.string(),
    /** Oldest and newest as-of date of the figures each part of the plan used. */
    asOf: z.record(z.string(), z.strictObject({ oldest: z.string(), newest: z.string() })),
    sources: z.array(z.strictObject({ id: z.string(), title: z.string(), publisher: z.string(), licence: z.string(), retrieved: z.string() })),
  }),
  intensity: z.strictObject({
    /** Where the grid intensity came from: "catalog" (yearly averages shipped in the catalog) or a live source. */
    source: z.string(),
    basis: intensityBasisSchema,
    /** Data years of the figures used (oldest..newest); a single year when they agree. */
    yearOldest: z.number().int(),
    yearNewest: z.number().int(),
    /** When a live source was fetched; null for catalog data. */
    fetchedAt: z.string().nullable(),
    description: z.string(),
    /** Signal of the hourly series, when one was used (average or marginal). */
    signal: intensitySignalSchema.optional(),
    /** The hourly series used for time (batch schedule, traffic-weighted figures), when there was one. */
    hourly: hourlyIntensitySchema.optional(),
  }),
  objective: z.strictObject({
    kind: z.enum(["carbon", "cost", "weighted"]),
    carbonWeight: z.number().nonnegative(),
    costWeight: z.number().nonnegative(),
  }),
  chosen: candidateSchema,
  baseline: candidateSchema,
  /** Monthly cost vs monthly carbon: no member is dominated by a feasible candidate. */
  pareto: z.array(candidateSchema),
  alternatives: z.array(candidateSchema),
  savings: savingsSchema,
  robustness: robustnessSchema,
  search: searchSummarySchema,
  /** Batch work only: the daily hours the chosen fleet runs, picked on the hourly intensity of its region. */
  schedule: batchScheduleSchema.optional(),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
});

/**
 * The Plan JSON: the one contract between planning and everything after it (emit, reports, diffs).
 * Plans from schemaVersion 2 on place every candidate; older ones read without coordinates.
 */
export const planSchema = planFieldsSchema.superRefine((plan, context) => {
  if (plan.schemaVersion < 2) return;
  const lists = { chosen: [plan.chosen], baseline: [plan.baseline], pareto: plan.pareto, alternatives: plan.alternatives };
  for (const [field, candidates] of Object.entries(lists)) {
    candidates.forEach((candidate, index) => {
      const path = (key: string) => (field === "chosen" || field === "baseline" ? [field, key] : [field, index, key]);
      if (candidate.latitude === undefined || candidate.longitude === undefined) {
        context.addIssue({ code: "custom", path: path("latitude"), message: `schemaVersion ${plan.schemaVersion} plans give every candidate its region's latitude and longitude` });
      }
      if (plan.schemaVersion >= 3 && candidate.artifact === undefined) {
        context.addIssue({ code: "custom", path: path("artifact"), message: `schemaVersion ${plan.schemaVersion} plans give every candidate its artifact (or null)` });
      }
    });
  }
});
export type Plan = z.infer<typeof planSchema>;
