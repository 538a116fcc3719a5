// One target against the recorded plans: where it started, where it is, what the straight line asks for now.
import type { HistoryRecord } from "../domain/history.ts";
import type { TargetSpec } from "../domain/target.ts";
import { dataChanges } from "./data-changes.ts";
import { metricValue } from "./metrics.ts";
import { judge, targetValueOf, timeOf, type Judgement, type Trajectory } from "./trajectory.ts";

export interface RecordPoint {
  planId: string;
  createdAt: string;
  value: number;
}

/**
 * on-track / off-track: judged against the trajectory; not-started: the judging date is before the start;
 * no-start: the start plan named by `from` is not in the history (the target cannot be judged).
 */
export type TargetStatus = "on-track" | "off-track" | "not-started" | "no-start";

export interface TargetEvaluation {
  target: TargetSpec;
  status: TargetStatus;
  /** Why the target cannot be judged (no-start). */
  problem: string | null;
  start: RecordPoint | null;
  current: RecordPoint;
  trajectory: Trajectory | null;
  judgement: Judgement | null;
  /** Data or method changes between the start and the current record: part of the change is not the project's. */
  dataChanges: string[];
}

/**
 * `records`: one spec's records up to the judging date, oldest first (at least one). The start is the record named
 * by `from` (a plan id), else the one in force on the `from` date (the last at or before it; the first after it
 * when none is), else the first record.
 */
export function evaluateTarget(target: TargetSpec, records: readonly HistoryRecord[], nowMs: number, tolerancePercent: number): TargetEvaluation {
  const latest = records[records.length - 1];
  const current = pointOf(latest, target);
  const found = startOf(target, records);
  if (!found) {
    return { target, status: "no-start", problem: `the start plan ${target.from} is not in the history`, start: null, current, trajectory: null, judgement: null, dataChanges: [] };
  }
  const startValue = metricValue(found.record, target.metric);
  const trajectory: Trajectory = {
    startMs: found.startMs,
    startValue,
    targetValue: targetValueOf(target, startValue),
    byMs: target.by === undefined ? null : timeOf(target.by),
  };
  const judgement = judge(trajectory, current.value, nowMs, tolerancePercent);
  const status: TargetStatus = nowMs < trajectory.startMs ? "not-started" : judgement.onTrack ? "on-track" : "off-track";
  return {
    target,
    status,
    problem: null,
    start: pointOf(found.record, target),
    current,
    trajectory,
    judgement,
    dataChanges: dataChanges(found.record, latest, [target.metric]),
  };
}

function startOf(target: TargetSpec, records: readonly HistoryRecord[]): { record: HistoryRecord; startMs: number } | null {
  const from = target.from;
  if (from === undefined) return { record: records[0], startMs: timeOf(records[0].createdAt) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) {
    const record = records.find((candidate) => candidate.planId.startsWith(from));
    return record ? { record, startMs: timeOf(record.createdAt) } : null;
  }
  const fromMs = timeOf(from);
  const inForce = records.filter((record) => timeOf(record.createdAt) <= fromMs).at(-1);
  return { record: inForce ?? records[0], startMs: fromMs };
}

function pointOf(record: HistoryRecord, target: TargetSpec): RecordPoint {
  return { planId: record.planId, createdAt: record.createdAt, value: metricValue(record, target.metric) };
}
