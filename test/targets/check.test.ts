import { describe, expect, it } from "vitest";
import type { TargetSpec } from "../../src/domain/target.ts";
import { checkTargets, DEFAULT_MAX_REGRESSION_PERCENT } from "../../src/targets/check.ts";
import { DEFAULT_TOLERANCE_PERCENT, evaluateHistory } from "../../src/targets/evaluate-history.ts";
import { missedTargetLines, refreshNotes } from "../../src/report/history/check-lines.ts";
import { historyTables } from "../../src/report/history/tables.ts";
import { recordAt } from "./records.ts";

const targets: TargetSpec[] = [{ metric: "monthlyCostUsd", reduceBy: "30%", from: "2025-01-01", by: "2025-04-11" }];

/** Start 100 on 2025-01-01, then `previous` and `latest` a month apart late in the trajectory (which asks for 70 by 2025-04-11). */
function history(previous: number, latest: number, latestOverrides: Parameters<typeof recordAt>[0] extends infer T ? Partial<T> : never = {}) {
  return evaluateHistory([
    recordAt({ createdAt: "2025-01-01", value: 100, targets }),
    recordAt({ createdAt: "2025-04-01", value: previous, targets }),
    recordAt({ createdAt: "2025-04-11", value: latest, targets, ...latestOverrides }),
  ]);
}

describe("wattplan check's verdicts", () => {
  it("defaults: 5 % of the target's reduction as tolerance, 10 % as the largest regression", () => {
    expect(DEFAULT_TOLERANCE_PERCENT).toBe(5);
    expect(DEFAULT_MAX_REGRESSION_PERCENT).toBe(10);
  });

  it("passes on the trajectory plus the tolerance, misses just above it", () => {
    // Due on 2025-04-11: 70, plus 5 % of the 30 reduction.
    expect(checkTargets(history(70, 71.5)).missed).toBe(0);
    const missed = checkTargets(history(70, 71.6));
    expect(missed.missed).toBe(1);
    expect(missedTargetLines(missed, 5)).toEqual(["monthly cost −30 % by 2025-04-11: off track: $1.60 above the trajectory (5.33 % of the reduction; 5 % allowed)"]);
  });

  it("passes a rise of exactly the allowed regression, misses a larger one, one line per target", () => {
    expect(checkTargets(history(60, 66)).missed).toBe(0);
    const result = checkTargets(history(60, 66.6));
    expect(result.missed).toBe(1);
    const lines = missedTargetLines(result, 5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^monthly cost −30 % by 2025-04-11: \+\$6\.60 \(\+11 %\) from plan [0-9a-f]{12} \(2025-04-01\) to plan [0-9a-f]{12} \(2025-04-11\), more than the 10 % regression allowed$/);
    expect(checkTargets(history(60, 66.6), 12).missed).toBe(0);
  });

  it("writes the allowed percentages as the status text writes the tolerance: three significant digits", () => {
    expect(missedTargetLines(checkTargets(history(60, 66.6), 7.4321), 5)[0]).toContain("more than the 7.43 % regression allowed");
    const evaluation = evaluateHistory(history(70, 71.6).records, { tolerancePercent: 1.23456 });
    expect(historyTables(evaluation, "history").judged).toContain("above the trajectory by more than 1.23 % of the target's reduction");
    expect(missedTargetLines(checkTargets(evaluation), 1.23456)[0]).toContain("% of the reduction; 1.23 % allowed)");
  });

  it("puts both reasons of one target on its one line", () => {
    const lines = missedTargetLines(checkTargets(history(60, 80)), 5);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("off track: $10 above the trajectory");
    expect(lines[0]).toContain("more than the 10 % regression allowed");
  });

  it("does not count a rise that came with a data refresh, and says so", () => {
    const result = checkTargets(history(60, 66.6, { method: "measured" }));
    expect(result.missed).toBe(0);
    expect(refreshNotes(result)).toEqual([expect.stringContaining("is not counted: the step is a data refresh (estimate method roofline → measured)")]);
  });

  it("misses a target whose start plan is not in the history", () => {
    const orphan: TargetSpec[] = [{ metric: "monthlyCostUsd", atMost: 1000, from: "0123456789ab" }];
    const result = checkTargets(evaluateHistory([recordAt({ createdAt: "2025-01-01", value: 100, targets: orphan })]));
    expect(missedTargetLines(result, 5)).toEqual(["monthly cost at most $1,000: cannot judge: the start plan 0123456789ab is not in the history"]);
  });
});
