import { z } from "zod";
import { intensityBasisSchema, pricingModelSchema, providerIdSchema } from "./catalog.ts";
import { precisionSchema } from "./profile.ts";
import { targetSpecSchema } from "./target.ts";

/** "HH:MM", 24-hour clock. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day as HH:MM");

// Bounds on what a spec may say. They are far beyond any real workload yet keep every figure the planner derives
// finite (traffic of 1e308 requests/s overflows the fleet size to Infinity), and every text short enough to print.
/** 100 million inferences per second: about a thousand times the query rate of the largest web search engine. */
const MOST_REQUESTS_PER_SECOND = 1e8;
/** The same rate over a day. */
const MOST_INFERENCES_PER_DAY = MOST_REQUESTS_PER_SECOND * 86_400;
/** An hour: a "latency" beyond it is batch work, which `traffic.batch` describes. */
const MOST_MILLISECONDS = 3_600_000;
/** Monthly budgets in USD or kgCO2e: a trillion is beyond any fleet. */
const MOST_MONTHLY_FIGURE = 1e12;
/** Names, paths, URIs, globs. */
const MOST_TEXT_CHARACTERS = 4096;
/** Lists of regions, countries, accelerators, users, targets. */
const MOST_LIST_ITEMS = 1000;

const boundedText = () => z.string().min(1).max(MOST_TEXT_CHARACTERS);

/** ISO 3166-1 alpha-2; compared case-insensitively (no transform, so the schema stays representable in JSON Schema). */
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, "expected an ISO 3166-1 alpha-2 country code such as DE");

export const modelSpecSchema = z.strictObject({
  /** The ONNX file: benched when no profile is given, and the file `wattplan emit` builds what the fleet serves from; relative to the spec file. */
  path: boundedText().optional(),
  /** One or more saved ModelProfile files; relative to the spec file. */
  profile: z.union([boundedText(), z.array(boundedText()).min(1).max(MOST_LIST_ITEMS)], { error: "expected a file path or a list of paths" }).optional(),
  /** Optional: the user's copy of the model, fetched by the fleet where the chosen cloud can read it (same-cloud bucket or https); emit uploads model.path otherwise, and reads it either way to check its sha256. */
  uri: boundedText().optional(),
  /** Fixed values for scalar or control inputs (e.g. a sample rate), by input name: `bench --input name=value`. */
  inputs: z.record(boundedText(), z.union([z.number(), z.array(z.number()).min(1).max(MOST_LIST_ITEMS)])).optional(),
  /**
   * Concrete dimensions where the model has symbolic ones, by input name (the whole shape) or by dimension name (one
   * value): `bench --shape name=d1,d2`. The batch dimension is the planner's to choose.
   */
  shapes: z.record(boundedText(), z.array(z.number().int().nonnegative().max(2 ** 31 - 1)).min(1).max(64)).optional(),
  /**
   * Samples static INT8 calibrates its activation ranges on: a JSON array of samples, each an object of input name →
   * values for one sample (relative to the spec file); without it, `samples` synthesized ones (default 16).
   */
  calibration: z
    .strictObject({
      inputsFile: boundedText().optional(),
      samples: z.number().int().positive().max(10_000).optional(),
    })
    .optional(),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

export const batchWorkSchema = z.strictObject({
  inferencesPerDay: z.number().positive().max(MOST_INFERENCES_PER_DAY),
  window: z
    .strictObject({ start: clockTime, end: clockTime, timeZone: z.string().min(1).max(100).default("UTC") })
    .optional(),
});
export type BatchWork = z.infer<typeof batchWorkSchema>;

export const trafficSpecSchema = z
  .strictObject({
    /** Mean requests per second over the day. */
    meanRps: z.number().positive().max(MOST_REQUESTS_PER_SECOND).optional(),
    /** The busiest rate the fleet must absorb; defaults to the mean × the largest hourly multiplier. */
    peakRps: z.number().positive().max(MOST_REQUESTS_PER_SECOND).optional(),
    /** 24 multipliers of the mean, hour 0 to 23 (UTC): the daily shape. */
    hourly: z.array(z.number().nonnegative().max(1000)).length(24).optional(),
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
  p95LatencyMs: z.number().positive().max(MOST_MILLISECONDS),
});

export const userShareSchema = z.strictObject({
  country: countryCode,
  share: z.number().positive().max(1),
});

export const regionFilterSchema = z.strictObject({
  /** Globs over region codes ("eu-*", "europe-*"); empty or absent = every region. */
  allow: z.array(boundedText()).max(MOST_LIST_ITEMS).default([]),
  deny: z.array(boundedText()).max(MOST_LIST_ITEMS).default([]),
});

export const residencySchema = z.enum(["EU"]);
export type Residency = z.infer<typeof residencySchema>;

export const constraintsSpecSchema = z.strictObject({
  providers: z.array(providerIdSchema).min(1).max(MOST_LIST_ITEMS).optional(),
  regions: regionFilterSchema.optional(),
  countries: z.array(countryCode).min(1).max(MOST_LIST_ITEMS).optional(),
  residency: residencySchema.optional(),
  /** Accelerator models allowed ("none" = CPU-only types), e.g. [none, T4, L4]. */
  accelerators: z.array(boundedText()).min(1).max(MOST_LIST_ITEMS).optional(),
  maxMonthlyUsd: z.number().positive().max(MOST_MONTHLY_FIGURE).optional(),
  maxMonthlyKgCo2e: z.number().positive().max(MOST_MONTHLY_FIGURE).optional(),
});
export type ConstraintsSpec = z.infer<typeof constraintsSpecSchema>;

export const objectiveWeightsSchema = z
  .strictObject({ carbon: z.number().nonnegative().max(1e6), cost: z.number().nonnegative().max(1e6) })
  .refine((weights) => weights.carbon + weights.cost > 0, "carbon and cost weights cannot both be 0");

export const objectiveSchema = z.union([z.enum(["carbon", "cost", "balanced"]), objectiveWeightsSchema], {
  error: "expected carbon, cost, balanced or weights such as { carbon: 0.7, cost: 0.3 }",
});
export type Objective = z.infer<typeof objectiveSchema>;

export const optionsSpecSchema = z.strictObject({
  precisions: z.array(precisionSchema).min(1).max(MOST_LIST_ITEMS).default(["fp32", "int8"]),
  batching: z
    .strictObject({
      maxBatch: z.number().int().positive().max(4096).default(32),
      maxQueueDelayMs: z.number().nonnegative().max(MOST_MILLISECONDS).default(10),
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
  region: boundedText(),
  instanceType: boundedText(),
  precision: precisionSchema.default("fp32"),
  batchSize: z.number().int().positive().max(4096).default(1),
  /** Fixed fleet size (e.g. what runs today); absent = sized by wattplan for the same traffic. */
  instances: z.number().int().positive().max(1e6).optional(),
  /** Where the baseline was read from when the spec named a Pulumi state (`baseline: { pulumiState, resource }`). */
  source: boundedText().optional(),
});
export type BaselineSpec = z.infer<typeof baselineSpecSchema>;

/** The workload spec (YAML): model, traffic, SLO, users, constraints, objective, options, baseline. */
export const workloadSpecSchema = z.strictObject({
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only"),
  model: modelSpecSchema.default({}),
  traffic: trafficSpecSchema,
  slo: sloSpecSchema.optional(),
  users: z
    .array(userShareSchema)
    .min(1)
    .max(MOST_LIST_ITEMS)
    .refine((users) => Math.abs(users.reduce((sum, user) => sum + user.share, 0) - 1) < 0.01, "user shares must add up to 1")
    .optional(),
  constraints: constraintsSpecSchema.default({}),
  objective: objectiveSchema.default("carbon"),
  options: optionsSpecSchema.default(optionsSpecSchema.parse({})),
  baseline: baselineSpecSchema.optional(),
  /** Measurable targets tracked over the recorded plans (`wattplan plan --record`, `wattplan history`, `wattplan check`). */
  targets: z.array(targetSpecSchema).max(100).optional(),
});

/** The spec after validation, with every default filled in. */
export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
/** The spec as a user writes it (defaults optional). */
export type WorkloadSpecInput = z.input<typeof workloadSpecSchema>;
