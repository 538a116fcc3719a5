// One recorded plan (`wattplan plan --record`): a small, self-describing file in the history folder, enough to
// draw a trend and judge targets without the plan, the catalog or the model. Files are written once and never
// rewritten; a reader skips (and names) any it cannot read rather than guessing.
import { z } from "zod";
import { intensityBasisSchema, providerIdSchema } from "./catalog.ts";
import { estimateMethodSchema } from "./plan.ts";
import { precisionSchema } from "./profile.ts";
import { targetSpecSchema } from "./target.ts";

export const HISTORY_RECORD_KIND = "wattplan.history-record";
export const HISTORY_RECORD_SCHEMA_VERSION = 1;

const nonNegative = z.number().finite().nonnegative();

export const historyRecordSchema = z.strictObject({
  kind: z.literal(HISTORY_RECORD_KIND),
  schemaVersion: z.literal(HISTORY_RECORD_SCHEMA_VERSION),
  planId: z.string().regex(/^[0-9a-f]{64}$/),
  /** The plan's createdAt (ISO 8601, UTC). */
  createdAt: z.iso.datetime(),
  /** clock: when the plan was made; given: set with `--now` (an illustrative or reproducible date). */
  dateSource: z.enum(["clock", "given"]),
  specName: z.string(),
  /** HEAD of the git repository holding the spec when the plan was made; null outside a repository. */
  gitCommit: z.string().regex(/^[0-9a-f]{40,64}$/).nullable(),
  wattplanVersion: z.string(),
  objective: z.string(),
  chosen: z.strictObject({
    key: z.string(),
    provider: providerIdSchema,
    region: z.string(),
    regionName: z.string(),
    instanceType: z.string(),
    accelerator: z.string().nullable(),
    precision: precisionSchema,
    batchSize: z.number().int().positive(),
    instances: z.strictObject({ min: z.number().int().positive(), desired: z.number().int().positive(), max: z.number().int().positive() }),
  }),
  /** The chosen deployment's figures: the report's four key metrics, SCI's two parts, energy, monthly cost and carbon. */
  metrics: z.strictObject({
    sciGCo2ePerInference: nonNegative,
    operationalGCo2ePerInference: nonNegative,
    embodiedGCo2ePerInference: nonNegative,
    energyPerInferenceJ: nonNegative,
    monthlyKgCo2e: nonNegative,
    monthlyCostUsd: nonNegative,
    pue: nonNegative,
    flopsPerInference: nonNegative,
    gridIntensityGCo2ePerKwh: nonNegative,
  }),
  /** How each trend figure was obtained: measured on the instance type, projected by the roofline, or a prior. */
  methods: z.strictObject({
    sciGCo2ePerInference: estimateMethodSchema,
    monthlyKgCo2e: estimateMethodSchema,
    monthlyCostUsd: estimateMethodSchema,
    energyPerInferenceJ: estimateMethodSchema,
  }),
  catalog: z.strictObject({ version: z.string() }),
  /** The plan's intensity source and ranking basis, and the chosen region's figure (year, zone, where from). */
  intensity: z.strictObject({
    source: z.string(),
    basis: intensityBasisSchema,
    year: z.number().int(),
    zone: z.string(),
    figureSource: z.string(),
  }),
  /** The spec's targets when the plan was made (the newest record's are the ones tracked). */
  targets: z.array(targetSpecSchema),
});
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
