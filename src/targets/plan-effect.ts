// What one plan (a pull request's) does to each target: the targets judged on the history as it is, and again with
// the plan added as the newest record, both on the plan's date.
import type { HistoryRecord } from "../domain/history.ts";
import { dataChanges } from "./data-changes.ts";
import { evaluateTarget, type TargetEvaluation } from "./evaluate-target.ts";
import { sortRecords } from "./sort-records.ts";
import { timeOf } from "./trajectory.ts";

export interface TargetEffect {
  /** Judged without this plan; null when the history has no earlier record of the spec. */
  before: TargetEvaluation | null;
  /** Judged with this plan as the newest record. */
  after: TargetEvaluation;
  /** Data or method changes from the newest earlier record to this plan: that part of the effect is a data refresh. */
  dataRefresh: string[];
}

export interface PlanEffect {
  /** The newest earlier record of the spec: what this plan is compared with. */
  previous: HistoryRecord | null;
  /** Earlier records of the spec considered (the plan's own record, if already kept, is not one of them). */
  recordsBefore: number;
  targets: TargetEffect[];
}

/** `planRecord` is the plan as a record (recordFromPlan); its targets are the ones judged. */
export function planEffect(planRecord: HistoryRecord, records: readonly HistoryRecord[], tolerancePercent: number): PlanEffect {
  const nowMs = timeOf(planRecord.createdAt);
  const earlier = sortRecords(records.filter((record) => record.specName === planRecord.specName && !isSameRecord(record, planRecord) && timeOf(record.createdAt) <= nowMs));
  const withPlan = [...earlier, planRecord];
  const previous = earlier.at(-1) ?? null;
  return {
    previous,
    recordsBefore: earlier.length,
    targets: planRecord.targets.map((target) => ({
      before: earlier.length === 0 ? null : evaluateTarget(target, earlier, nowMs, tolerancePercent),
      after: evaluateTarget(target, withPlan, nowMs, tolerancePercent),
      dataRefresh: previous ? dataChanges(previous, planRecord, [target.metric]) : [],
    })),
  };
}

/** The plan's own record (`plan --record --out plan.json`, then `report plan.json --history`); the same plan made earlier is a record like any other. */
function isSameRecord(record: HistoryRecord, planRecord: HistoryRecord): boolean {
  return record.planId === planRecord.planId && record.createdAt === planRecord.createdAt;
}

/** What the pull-request report shows of the targets: the plan's effect, weighed against the history in `directory`. */
export interface TargetsBlock {
  effect: PlanEffect;
  /** The history folder, as given. */
  directory: string;
  tolerancePercent: number;
}
