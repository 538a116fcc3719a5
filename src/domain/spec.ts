import { z } from "zod";
import { intensityBasisSchema, pricingModelSchema, providerIdSchema } from "./catalog.ts";
import { precisionSchema } from "./profile.ts";
import { targetSpecSchema } from "./target.ts";

/** "HH:MM", 24-hour clock. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day as HH:MM");

/** ISO 3166-1 alpha-2; compared case-insensitively (no transform, so the schema stays representable in JSON Schema). */
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, "expected an ISO 3166-1 alpha-2 country code such as DE");

export const modelSpecSchema = z.strictObject({
  /** The ONNX file: benched when no profile is given, and the file `wattplan emit` builds what the fleet serves from; relative to the spec file. */
  path: z.string().min(1).optional(),
  /** One or more saved ModelProfile files; relative to the spec file. */
  profile: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: "expected a file path or a list of paths" }).optional(),
  /** Optional: the user's copy of the model, fetched by the fleet where the chosen cloud can read it (same-cloud bucket or https); emit uploads model.path otherwise. */
  uri: z.string().min(1).optional(),
  /** Fixed values for scalar or control inputs (e.g. a sample rate). */
  inputs: z.record(z.string(), z.union([z.number(), z.array(z.number())])).optional(),
  /**
   * Samples static INT8 calibrates its activation ranges on: a JSON array of samples, each an object of input name →
   * values for one sample (relative to the spec file); without it, `samples` synthesized ones (default 16).
   */
  calibration: z
    .strictObject({
      inputsFile: z.string().min(1).optional(),
      samples: z.number().int().positive().max(10_000).optional(),
    })
    .optional(),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

export const batchWorkSchema = z.strictObject({
  inferencesPerDay: z.number().positive(),
  window: z
    .strictObject({ start: clockTime, end: clockTime, timeZone: z.string().min(1).default("UTC") })
    .optional(),
});
export type BatchWork = z.infer<typeof batchWorkSchema>;

export const trafficSpecSchema = z
  .strictObject({
    /** Mean requests per second over the day. */
    meanRps: z.number().positive().optional(),
    /** The busiest rate the fleet must absorb; defaults to the mean × the largest hourly multiplier. */
    peakRps: z.number().positive().optional(),
    /** 24 multipliers of the mean, hour 0 to 23 (UTC): the daily shape. */
    hourly: z.array(z.number().nonnegative()).length(24).optional(),
    /** Offline work instead of live requests: a daily volume processed within a window. */
    batch: batchWorkSchema.optional(),
  })
  .superRefine((traffic, context) => {
    if (traffic.meanRps === undefined && traffic.batch === undefined) {
      context.addIssue({ code: "custom", path: ["meanRps"], message: "give meanRps (live traffic) or batch (offline work)" });
    }
    if (traffic.meanRps !== undefined && traffic.batch !== undefined) {
      context.addIssue({ code: "custom", path: ["batch"], message: "give either meanRps or batch, not both" });
    }
    if (traffic.meanRps !== undefined && traffic.peakRps !== undefined && traffic.peakRps < traffic.meanRps) {
      context.addIssue({ code: "custom", path: ["peakRps"], message: `peakRps (${traffic.peakRps}) is below meanRps (${traffic.meanRps})` });
    }
  });
export type TrafficSpec = z.infer<typeof trafficSpecSchema>;

export const sloSpecSchema = z.strictObject({
  /** End-to-end p95 the users see: queueing + service time (+ network round trip when `users` is given). */
  p95LatencyMs: z.number().positive(),
});

export const userShareSchema = z.strictObject({
  country: countryCode,
  share: z.number().positive().max(1),
});

export const regionFilterSchema = z.strictObject({
  /** Globs over region codes ("eu-*", "europe-*"); empty or absent = every region. */
  allow: z.array(z.string().min(1)).default([]),
  deny: z.array(z.string().min(1)).default([]),
});

export const residencySchema = z.enum(["EU"]);
export type Residency = z.infer<typeof residencySchema>;

export const constraintsSpecSchema = z.strictObject({
  providers: z.array(providerIdSchema).min(1).optional(),
  regions: regionFilterSchema.optional(),
  countries: z.array(countryCode).min(1).optional(),
  residency: residencySchema.optional(),
  /** Accelerator models allowed ("none" = CPU-only types), e.g. [none, T4, L4]. */
  accelerators: z.array(z.string().min(1)).min(1).optional(),
  maxMonthlyUsd: z.number().positive().optional(),
  maxMonthlyKgCo2e: z.number().positive().optional(),
});
export type ConstraintsSpec = z.infer<typeof constraintsSpecSchema>;

export const objectiveWeightsSchema = z
  .strictObject({ carbon: z.number().nonnegative(), cost: z.number().nonnegative() })
  .refine((weights) => weights.carbon + weights.cost > 0, "carbon and cost weights cannot both be 0");

export const objectiveSchema = z.union([z.enum(["carbon", "cost", "balanced"]), objectiveWeightsSchema], {
  error: "expected carbon, cost, balanced or weights such as { carbon: 0.7, cost: 0.3 }",
});
export type Objective = z.infer<typeof objectiveSchema>;

export const optionsSpecSchema = z.strictObject({
  precisions: z.array(precisionSchema).min(1).default(["fp32", "int8"]),
  batching: z
    .strictObject({
      maxBatch: z.number().int().positive().default(32),
      maxQueueDelayMs: z.number().nonnegative().default(10),
    })
    .default({ maxBatch: 32, maxQueueDelayMs: 10 }),
  cacheHitRate: z.number().min(0).max(0.99).default(0),
  targetUtilization: z.number().gt(0).max(0.95).default(0.6),
  pricing: pricingModelSchema.default("on-demand"),
  intensityBasis: intensityBasisSchema.default("lifecycle"),
  /**
   * How close a reduced precision's outputs must stay to FP32's for its candidates to be planned: the cosine
   * similarity of the outputs (the profile's measured drift) at or above this. INT8 and FP16 candidates below it are
   * excluded with a warning naming the figure.
   */
  accuracy: z
    .strictObject({ minCosineSimilarity: z.number().min(0).max(1).default(0.99) })
    .default({ minCosineSimilarity: 0.99 }),
  /** How many ranked alternatives the plan keeps besides the chosen one. */
  alternatives: z.number().int().min(0).max(100).default(10),
});
export type OptionsSpec = z.infer<typeof optionsSpecSchema>;

export const baselineSpecSchema = z.strictObject({
  provider: providerIdSchema,
  region: z.string().min(1),
  instanceType: z.string().min(1),
  precision: precisionSchema.default("fp32"),
  batchSize: z.number().int().positive().default(1),
  /** Fixed fleet size (e.g. what runs today); absent = sized by wattplan for the same traffic. */
  instances: z.number().int().positive().optional(),
  /** Where the baseline was read from when the spec named a Pulumi state (`baseline: { pulumiState, resource }`). */
  source: z.string().min(1).optional(),
});
export type BaselineSpec = z.infer<typeof baselineSpecSchema>;

/** The workload spec (YAML): model, traffic, SLO, users, constraints, objective, options, baseline. */
export const workloadSpecSchema = z.strictObject({
  name: z.string().min(1).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only"),
  model: modelSpecSchema.default({}),
  traffic: trafficSpecSchema,
  slo: sloSpecSchema.optional(),
  users: z
    .array(userShareSchema)
    .min(1)
    .refine((users) => Math.abs(users.reduce((sum, user) => sum + user.share, 0) - 1) < 0.01, "user shares must add up to 1")
    .optional(),
  constraints: constraintsSpecSchema.default({}),
  objective: objectiveSchema.default("carbon"),
  options: optionsSpecSchema.default(optionsSpecSchema.parse({})),
  baseline: baselineSpecSchema.optional(),
  /** Measurable targets tracked over the recorded plans (`wattplan plan --record`, `wattplan history`, `wattplan check`). */
  targets: z.array(targetSpecSchema).optional(),
});

/** The spec after validation, with every default filled in. */
export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
/** The spec as a user writes it (defaults optional). */
export type WorkloadSpecInput = z.input<typeof workloadSpecSchema>;
