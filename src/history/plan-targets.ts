// `report PLAN --history DIR`: the plan, as yet unrecorded, weighed against the recorded history.
import type { Plan } from "../domain/plan.ts";
import { planEffect, type TargetsBlock } from "../targets/plan-effect.ts";
import { readHistory } from "./read-history.ts";
import { recordFromPlan } from "./record-from-plan.ts";

export async function targetsBlockFor(plan: Plan, directory: string, tolerancePercent: number): Promise<{ block: TargetsBlock; skipped: string[] }> {
  const history = await readHistory(directory);
  // Only the figures and targets of the plan's record are weighed; its commit and date source are not shown.
  const planRecord = recordFromPlan(plan, { gitCommit: null, dateSource: "clock" });
  return { block: { effect: planEffect(planRecord, history.records, tolerancePercent), directory, tolerancePercent }, skipped: history.warnings };
}
