import { z } from "zod";
import { DIFF_SCHEMA_VERSION } from "./diff-version.ts";

export { DIFF_SCHEMA_VERSION };

/** The figures every diff compares, each with the direction that counts as better. */
export const diffMetricIdSchema = z.enum(["monthlyCostUsd", "monthlyKgCo2e", "sciGCo2ePerInference", "latencyP95Ms", "perfPerWatt"]);
export type DiffMetricId = z.infer<typeof diffMetricIdSchema>;

export const verdictSchema = z.enum(["better", "worse", "same"]);
export type Verdict = z.infer<typeof verdictSchema>;

export const metricDeltaSchema = z.strictObject({
  metric: diffMetricIdSchema,
  label: z.string(),
  unit: z.string(),
  betterWhen: z.enum(["lower", "higher"]),
  base: z.number().finite(),
  head: z.number().finite(),
  /** head − base, in `unit`. */
  absolute: z.number().finite(),
  /** (head − base) / base × 100; null when base is 0 and head is not. */
  percent: z.number().finite().nullable(),
  verdict: verdictSchema,
});
export type MetricDelta = z.infer<typeof metricDeltaSchema>;

const deploymentValueSchema = z.union([z.string(), z.number()]);

/** One attribute of the chosen deployment on each side. */
export const deploymentFieldSchema = z.strictObject({
  field: z.enum(["provider", "region", "instanceType", "accelerator", "precision", "batchSize", "instances.min", "instances.desired", "instances.max"]),
  base: deploymentValueSchema,
  head: deploymentValueSchema,
  changed: z.boolean(),
});
export type DeploymentField = z.infer<typeof deploymentFieldSchema>;

/** A spec key (dotted path) whose value differs; values are JSON text, null where the key is absent. */
export const specChangeSchema = z.strictObject({
  path: z.string(),
  base: z.string().nullable(),
  head: z.string().nullable(),
});
export type SpecChange = z.infer<typeof specChangeSchema>;

export const planSideSchema = z.strictObject({
  /** The plan's id, or null when the side is a plan's own baseline. */
  planId: z.string().nullable(),
  name: z.string(),
  createdAt: z.string().nullable(),
  candidateKey: z.string(),
  /** "chosen" of a plan, or "baseline" when comparing a plan with its own baseline. */
  role: z.enum(["chosen", "baseline"]),
});
export type PlanSide = z.infer<typeof planSideSchema>;

/** `compare(base, head)`: what changed between two plans, deltas head − base, each marked better or worse. */
export const planDiffSchema = z
  .strictObject({
    kind: z.literal("wattplan.diff"),
    schemaVersion: z.literal(DIFF_SCHEMA_VERSION),
    base: planSideSchema,
    head: planSideSchema,
    /** True when any deployment field changed. */
    deploymentChanged: z.boolean(),
    deployment: z.array(deploymentFieldSchema),
    metrics: z.array(metricDeltaSchema),
    specChanges: z.array(specChangeSchema),
  })
  .meta({ id: "PlanDiff", description: "What changed between two plans' chosen deployments; deltas are head − base." });
export type PlanDiff = z.infer<typeof planDiffSchema>;

const rangedFigureSchema = z.strictObject({
  value: z.number().finite(),
  unit: z.string(),
  /** The projected range (null for figures the plan gives no range for). */
  low: z.number().finite().nullable(),
  high: z.number().finite().nullable(),
});

/** `wattplan report PLAN --format json` without --base: the plan in brief, compared with its own baseline. */
export const planSummarySchema = z
  .strictObject({
    kind: z.literal("wattplan.plan-summary"),
    schemaVersion: z.literal(DIFF_SCHEMA_VERSION),
    planId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    chosen: z.strictObject({
      key: z.string(),
      provider: z.string(),
      region: z.string(),
      instanceType: z.string(),
      accelerator: z.string(),
      precision: z.string(),
      batchSize: z.number().int(),
      instances: z.strictObject({ min: z.number().int(), desired: z.number().int(), max: z.number().int() }),
      estimateMethod: z.string(),
      deployable: z.boolean(),
    }),
    figures: z.strictObject({
      monthlyCostUsd: rangedFigureSchema,
      monthlyKgCo2e: rangedFigureSchema,
      sciGCo2ePerInference: rangedFigureSchema,
      latencyP95Ms: rangedFigureSchema,
      perfPerWatt: rangedFigureSchema,
      pue: rangedFigureSchema,
      flopsPerInference: rangedFigureSchema,
      gridIntensityGCo2ePerKwh: rangedFigureSchema,
    }),
    gridIntensity: z.strictObject({ basis: z.string(), year: z.number().int(), zone: z.string(), source: z.string() }),
    vsBaseline: planDiffSchema,
    warnings: z.array(z.string()),
  })
  .meta({ id: "PlanSummary" });
export type PlanSummary = z.infer<typeof planSummarySchema>;
