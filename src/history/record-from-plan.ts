// The history record of a plan: its chosen deployment's figures and what they stand on. Pure, so `plan --record`
// and `report --history` (which weighs an unrecorded plan against the history) build the same record.
import { HISTORY_RECORD_KIND, HISTORY_RECORD_SCHEMA_VERSION, type HistoryRecord } from "../domain/history.ts";
import type { Plan } from "../domain/plan.ts";
import { WattplanError } from "../errors.ts";

export interface RecordContext {
  /** HEAD of the repository holding the spec; null outside one. */
  gitCommit: string | null;
  /** "given" when the plan's date was set with --now rather than read from the clock. */
  dateSource: HistoryRecord["dateSource"];
}

export function recordFromPlan(plan: Plan, context: RecordContext): HistoryRecord {
  const chosen = plan.chosen;
  const method = chosen.estimate.method;
  return {
    kind: HISTORY_RECORD_KIND,
    schemaVersion: HISTORY_RECORD_SCHEMA_VERSION,
    planId: plan.id,
    createdAt: isoInstant(plan.createdAt),
    dateSource: context.dateSource,
    specName: plan.spec.name,
    gitCommit: context.gitCommit,
    wattplanVersion: plan.wattplanVersion,
    objective: plan.objective.kind === "weighted" ? `${plan.objective.carbonWeight} carbon + ${plan.objective.costWeight} cost` : plan.objective.kind,
    chosen: {
      key: chosen.key,
      provider: chosen.provider,
      region: chosen.region,
      regionName: chosen.regionName,
      instanceType: chosen.instanceType,
      accelerator: chosen.accelerator ? `${chosen.accelerator.count}× ${chosen.accelerator.model}` : null,
      precision: chosen.precision,
      batchSize: chosen.batchSize,
      instances: { ...chosen.instances },
    },
    metrics: {
      sciGCo2ePerInference: chosen.sciGCo2ePerInference,
      operationalGCo2ePerInference: chosen.gCo2ePerInference,
      embodiedGCo2ePerInference: chosen.embodiedGCo2ePerInference,
      energyPerInferenceJ: chosen.energyPerInferenceJ,
      monthlyKgCo2e: chosen.monthlyKgCo2e,
      monthlyCostUsd: chosen.monthlyCostUsd,
      pue: chosen.pue,
      flopsPerInference: chosen.flopsPerInference,
      gridIntensityGCo2ePerKwh: chosen.gridIntensityGCo2ePerKwh,
    },
    // Every projected figure of a candidate comes from the one projection (measured, roofline or prior).
    methods: { sciGCo2ePerInference: method, monthlyKgCo2e: method, monthlyCostUsd: method, energyPerInferenceJ: method },
    catalog: { version: plan.catalog.version },
    intensity: {
      source: plan.intensity.source,
      basis: plan.intensity.basis,
      year: chosen.gridIntensity.year,
      zone: chosen.gridIntensity.zone,
      figureSource: chosen.gridIntensity.source,
    },
    targets: structuredClone(plan.spec.targets ?? []),
  };
}

/** A plan's createdAt as a full ISO instant ("2025-03-01" → "2025-03-01T00:00:00.000Z"). */
function isoInstant(text: string): string {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new WattplanError("INVALID_PLAN", `the plan's createdAt '${text}' is not a date`, undefined, { option: "now" });
  return new Date(time).toISOString();
}

/**
 * The file a record is kept in: creation time then the plan id's first 12 hex digits. Two writers, or two merged
 * branches, only ever produce the same name for the same plan at the same millisecond, that is, the same record.
 */
export function recordFileName(record: Pick<HistoryRecord, "createdAt" | "planId">): string {
  const stamp = record.createdAt.replace(/:/g, "-");
  return `${stamp}-${record.planId.slice(0, 12)}.json`;
}
