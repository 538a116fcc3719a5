import { describe, expect, it } from "vitest";
import type { TargetSpec } from "../../src/domain/target.ts";
import { evaluateHistory } from "../../src/targets/evaluate-history.ts";
import { evaluateTarget } from "../../src/targets/evaluate-target.ts";
import { planEffect } from "../../src/targets/plan-effect.ts";
import { timeOf } from "../../src/targets/trajectory.ts";
import { recordAt } from "./records.ts";

const sciTarget: TargetSpec = { metric: "sciGCo2ePerInference", reduceBy: "30%", from: "2025-01-01", by: "2025-04-11" };

describe("one target against the records", () => {
  it("starts from the record in force on the from date, judges the newest record, and says by how much", () => {
    const records = [recordAt({ createdAt: "2024-12-01", value: 100 }), recordAt({ createdAt: "2025-01-10", value: 95 }), recordAt({ createdAt: "2025-02-20", value: 86 })];
    // 2025-01-01 → 2025-04-11 is 100 days; 2025-02-20 is day 50: the line asks for 85, the tolerance is 1.5.
    const evaluation = evaluateTarget(sciTarget, records, timeOf("2025-02-20"), 5);
    expect(evaluation.start).toMatchObject({ planId: records[0].planId, value: 100 });
    expect(evaluation.current).toMatchObject({ planId: records[2].planId, value: 86 });
    expect(evaluation.trajectory).toMatchObject({ startMs: timeOf("2025-01-01"), startValue: 100, targetValue: 70 });
    expect(evaluation.judgement).toMatchObject({ expected: 85, gap: 1, onTrack: true });
    expect(evaluation.status).toBe("on-track");
    expect(evaluateTarget(sciTarget, records, timeOf("2025-02-20"), 0).status).toBe("off-track");
  });

  it("uses the first record after the from date when none is before it, and the first record without a from", () => {
    const records = [recordAt({ createdAt: "2025-01-05", value: 90 }), recordAt({ createdAt: "2025-01-20", value: 80 })];
    expect(evaluateTarget(sciTarget, records, timeOf("2025-01-20"), 5).start?.planId).toBe(records[0].planId);
    const { from: _from, ...withoutFrom } = sciTarget;
    const evaluation = evaluateTarget(withoutFrom, records, timeOf("2025-01-20"), 5);
    expect(evaluation.trajectory?.startMs).toBe(timeOf("2025-01-05"));
  });

  it("starts from a plan named by its id (or the id's first 12 digits), and cannot judge a plan not in the history", () => {
    const records = [recordAt({ createdAt: "2025-01-05", value: 90 }), recordAt({ createdAt: "2025-02-01", value: 100 }), recordAt({ createdAt: "2025-03-01", value: 95 })];
    const fromPlan = { ...sciTarget, from: records[1].planId.slice(0, 12) };
    const evaluation = evaluateTarget(fromPlan, records, timeOf("2025-03-01"), 5);
    expect(evaluation.start?.value).toBe(100);
    expect(evaluation.trajectory?.startMs).toBe(timeOf("2025-02-01"));
    const missing = evaluateTarget({ ...sciTarget, from: "0123456789ab" }, records, timeOf("2025-03-01"), 5);
    expect(missing).toMatchObject({ status: "no-start", problem: "the start plan 0123456789ab is not in the history", judgement: null });
  });

  it("is not started before its start date", () => {
    const records = [recordAt({ createdAt: "2024-12-01", value: 100 })];
    expect(evaluateTarget(sciTarget, records, timeOf("2024-12-15"), 5).status).toBe("not-started");
  });

  it("names the data changes between the start and the current record that concern its metric", () => {
    const records = [recordAt({ createdAt: "2025-01-01", value: 100 }), recordAt({ createdAt: "2025-02-01", value: 80, basis: "operational", method: "measured" })];
    expect(evaluateTarget(sciTarget, records, timeOf("2025-02-01"), 5).dataChanges).toEqual(["intensity basis lifecycle → operational", "estimate method roofline → measured"]);
    // Cost does not depend on the grid intensity's basis.
    const cost: TargetSpec = { metric: "monthlyCostUsd", atMost: 90 };
    expect(evaluateTarget(cost, records, timeOf("2025-02-01"), 5).dataChanges).toEqual(["estimate method roofline → measured"]);
  });
});

describe("a history judged as of a date", () => {
  const targets: TargetSpec[] = [sciTarget];

  it("judges the newest record's targets as of the newest record by default, or as of --now, leaving later records out", () => {
    const records = [
      recordAt({ createdAt: "2025-01-01", value: 100, targets }),
      recordAt({ createdAt: "2025-02-20", value: 86, targets }),
      recordAt({ createdAt: "2025-03-20", value: 60, targets: [] }),
    ];
    const latest = evaluateHistory(records);
    expect(latest).toMatchObject({ nowSource: "latest-record", now: "2025-03-20T00:00:00.000Z", laterRecords: 0, targets: [] });
    const earlier = evaluateHistory(records, { now: "2025-02-20" });
    expect(earlier).toMatchObject({ nowSource: "given", laterRecords: 1, tolerancePercent: 5 });
    expect(earlier.records).toHaveLength(2);
    expect(earlier.targets[0].judgement?.expected).toBe(85);
  });

  it("flags a step where the catalog, basis or method changed as a data refresh", () => {
    const records = [
      recordAt({ createdAt: "2025-01-01", value: 100 }),
      recordAt({ createdAt: "2025-02-01", value: 90 }),
      recordAt({ createdAt: "2025-03-01", value: 70, catalogVersion: "sha256-0000000000000001" }),
      recordAt({ createdAt: "2025-04-01", value: 70, catalogVersion: "sha256-0000000000000001", basis: "operational" }),
    ];
    const trend = evaluateHistory(records).trend;
    expect(trend.map((step) => step.dataRefresh)).toEqual([
      [],
      [],
      [`catalog ${records[0].catalog.version} → sha256-0000000000000001`],
      ["intensity basis lifecycle → operational"],
    ]);
    expect(trend[1].changes?.monthlyCostUsd).toEqual({ absolute: -10, percent: -10 });
  });

  it("sorts the records by date whatever their order", () => {
    const records = [recordAt({ createdAt: "2025-03-01", value: 70 }), recordAt({ createdAt: "2025-01-01", value: 100 })];
    expect(evaluateHistory(records).records.map((record) => record.createdAt)).toEqual(["2025-01-01T00:00:00.000Z", "2025-03-01T00:00:00.000Z"]);
  });

  it("asks which spec when the history holds several, and says which it holds", () => {
    const records = [recordAt({ createdAt: "2025-01-01", specName: "alpha" }), recordAt({ createdAt: "2025-01-02", specName: "beta" })];
    expect(() => evaluateHistory(records)).toThrow("the history holds records of several specs (alpha, beta)");
    expect(evaluateHistory(records, { specName: "beta" }).records).toHaveLength(1);
    expect(() => evaluateHistory(records, { specName: "gamma" })).toThrow("the history holds no record of spec 'gamma'");
  });

  it("refuses a --now before every record and a --now that is no date", () => {
    const records = [recordAt({ createdAt: "2025-01-01" })];
    expect(() => evaluateHistory(records, { now: "2024-01-01" })).toThrow("no record of image-classifier on or before 2024-01-01T00:00:00.000Z");
    expect(() => evaluateHistory(records, { now: "soon" })).toThrow("the judging date 'soon' is not a date");
    expect(() => evaluateHistory([])).toThrow("the history holds no readable record");
  });
});

describe("a plan's effect on the targets (report --history)", () => {
  it("judges the history without and with the plan on the plan's date, ignoring the plan's own record", () => {
    const targets: TargetSpec[] = [sciTarget];
    const records = [recordAt({ createdAt: "2025-01-01", value: 100, targets }), recordAt({ createdAt: "2025-02-01", value: 84, targets })];
    const plan = recordAt({ createdAt: "2025-02-20", value: 88, targets });
    const effect = planEffect(plan, [...records, plan], 5);
    expect(effect.previous?.planId).toBe(records[1].planId);
    expect(effect.recordsBefore).toBe(2);
    expect(effect.targets[0].before?.status).toBe("on-track");
    expect(effect.targets[0].after).toMatchObject({ status: "off-track", current: { value: 88 } });
    expect(effect.targets[0].dataRefresh).toEqual([]);
    const first = planEffect(plan, [], 5);
    expect(first).toMatchObject({ previous: null, recordsBefore: 0 });
    expect(first.targets[0].before).toBeNull();
  });
});
