// A spec's recorded plans judged as of one date: the trend, and every target of the newest record.
import type { HistoryRecord } from "../domain/history.ts";
import { WattplanError } from "../errors.ts";
import { DEFAULT_TOLERANCE_PERCENT } from "./defaults.ts";
import { sortRecords } from "./sort-records.ts";
import { evaluateTarget, type TargetEvaluation } from "./evaluate-target.ts";
import { timeOf } from "./trajectory.ts";
import { trendOf, type TrendStep } from "./trend.ts";

export { DEFAULT_TOLERANCE_PERCENT } from "./defaults.ts";

export interface HistoryOptions {
  /** Which spec's records (the history may hold several); required when it does. */
  specName?: string;
  /** The judging date (ISO date or date-time); default: the newest record's date. */
  now?: string;
  tolerancePercent?: number;
}

export interface HistoryEvaluation {
  specName: string;
  /** ISO instant the targets are judged at. */
  now: string;
  /** given: set with --now; latest-record: the newest record's date. */
  nowSource: "given" | "latest-record";
  tolerancePercent: number;
  /** The spec's records up to `now`, oldest first. */
  records: HistoryRecord[];
  /** Records of the spec dated after `now` (left out). */
  laterRecords: number;
  trend: TrendStep[];
  targets: TargetEvaluation[];
}

export function evaluateHistory(allRecords: readonly HistoryRecord[], options: HistoryOptions = {}): HistoryEvaluation {
  const specName = chooseSpec(allRecords, options.specName);
  const ofSpec = sortRecords(allRecords.filter((record) => record.specName === specName));
  const nowMs = options.now === undefined ? timeOf(ofSpec[ofSpec.length - 1].createdAt) : timeOf(options.now);
  if (Number.isNaN(nowMs)) throw new WattplanError("INVALID_INPUT", `the judging date '${options.now}' is not a date`, undefined, { option: "now" });
  const records = ofSpec.filter((record) => timeOf(record.createdAt) <= nowMs);
  if (records.length === 0) {
    throw new WattplanError("INVALID_INPUT", `no record of ${specName} on or before ${new Date(nowMs).toISOString()} (the first is from ${ofSpec[0].createdAt})`, undefined, { option: "now", example: ofSpec[0].createdAt.slice(0, 10) });
  }
  const tolerancePercent = options.tolerancePercent ?? DEFAULT_TOLERANCE_PERCENT;
  const newest = records[records.length - 1];
  return {
    specName,
    now: new Date(nowMs).toISOString(),
    nowSource: options.now === undefined ? "latest-record" : "given",
    tolerancePercent,
    records,
    laterRecords: ofSpec.length - records.length,
    trend: trendOf(records),
    targets: newest.targets.map((target) => evaluateTarget(target, records, nowMs, tolerancePercent)),
  };
}

function chooseSpec(records: readonly HistoryRecord[], wanted: string | undefined): string {
  const names = [...new Set(records.map((record) => record.specName))].sort();
  if (names.length === 0) throw new WattplanError("INVALID_INPUT", "the history holds no readable record", undefined, { option: "recordDirectory" });
  if (wanted !== undefined) {
    if (names.includes(wanted)) return wanted;
    throw new WattplanError("INVALID_INPUT", `the history holds no record of spec '${wanted}'`, `specs recorded there: ${names.join(", ")}`);
  }
  if (names.length > 1) throw new WattplanError("INVALID_INPUT", `the history holds records of several specs (${names.join(", ")})`, undefined, { option: "specName", example: names.join(", ") });
  return names[0];
}
