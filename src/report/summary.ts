import type { PlanSummary } from "../domain/diff.ts";
import { DIFF_SCHEMA_VERSION } from "../domain/diff-version.ts";
import type { Plan } from "../domain/plan.ts";
import { acceleratorLabel } from "./describe.ts";
import { compareWithBaseline } from "./diff/compare.ts";
import { reportWarnings } from "./markdown/warnings.ts";

/** `report --format json` without a base: the chosen deployment, its figures with ranges, and the change from the baseline. */
export function summarizePlan(plan: Plan): PlanSummary {
  const chosen = plan.chosen;
  const ranges = chosen.estimate.ranges;
  const unranged = (value: number, unit: string) => ({ value, unit, low: null, high: null });
  return {
    kind: "wattplan.plan-summary",
    schemaVersion: DIFF_SCHEMA_VERSION,
    planId: plan.id,
    name: plan.spec.name,
    createdAt: plan.createdAt,
    chosen: {
      key: chosen.key,
      provider: chosen.provider,
      region: chosen.region,
      instanceType: chosen.instanceType,
      accelerator: acceleratorLabel(chosen),
      precision: chosen.precision,
      batchSize: chosen.batchSize,
      instances: { ...chosen.instances },
      estimateMethod: chosen.estimate.method,
      deployable: chosen.deployable.deployable,
    },
    figures: {
      monthlyCostUsd: { value: chosen.monthlyCostUsd, unit: "USD", ...ranges.monthlyCostUsd },
      monthlyKgCo2e: { value: chosen.monthlyKgCo2e, unit: "kgCO2e", ...ranges.monthlyKgCo2e },
      sciGCo2ePerInference: { value: chosen.sciGCo2ePerInference, unit: "gCO2e", ...ranges.sciGCo2ePerInference },
      latencyP95Ms: { value: chosen.latencyP95Ms, unit: "ms", ...ranges.latencyP95Ms },
      perfPerWatt: unranged(chosen.perfPerWatt, "inferences/J"),
      pue: unranged(chosen.pue, ""),
      flopsPerInference: unranged(chosen.flopsPerInference, "FLOP"),
      // The conventional count (2 × multiply-accumulates), where the plan has it.
      ...(plan.model.macFlopsPerInference === undefined ? {} : { macFlopsPerInference: unranged(plan.model.macFlopsPerInference, "FLOP") }),
      gridIntensityGCo2ePerKwh: unranged(chosen.gridIntensityGCo2ePerKwh, "gCO2e/kWh"),
    },
    gridIntensity: { ...chosen.gridIntensity },
    vsBaseline: compareWithBaseline(plan),
    warnings: reportWarnings(plan, undefined, []),
  };
}
