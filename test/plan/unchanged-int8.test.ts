// No speed-up without a change: when the INT8 transform quantized nothing, bench copies the FP32 cells as the INT8
// ones, and no INT8 candidate may then be projected faster than FP32 on the same type at the same batch size. The
// planner then operates one fleet for both precisions and copies the FP32 candidates' figures to the INT8 ones, which
// must give exactly the plan it gives without sharing anything.
import { describe, expect, it } from "vitest";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { indexCatalog } from "../../src/plan/catalog-index.ts";
import { estimateCandidates } from "../../src/plan/estimate-candidates.ts";
import type { Estimator } from "../../src/plan/estimator.ts";
import { EvaluationSession } from "../../src/plan/evaluation-session.ts";
import { filterPlaces } from "../../src/plan/filter-places.ts";
import { planWith, productionEstimator } from "../../src/plan/index.ts";
import { applyIntensityOverride } from "../../src/plan/intensity-input.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import { trafficShapeOf } from "../../src/plan/traffic.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

/** The fixture profile as bench writes it for a model the INT8 transform left unchanged. */
function unchangedInt8Profile(): ModelProfile {
  const base = cnnProfile();
  const fp32 = base.measurements.filter((cell) => cell.precision === "fp32");
  const copies = fp32.map((cell) => ({ ...cell, precision: "int8" as const, copiedFrom: "fp32" as const, transform: "static-int8-qdq" as const, weightBits: 7 as const }));
  const quantization = { ...base.quantization!, transform: "static-int8-qdq" as const, weightBits: 7 as const, quantizedNodes: 0, weightBytes: base.model.cost.weightBytes, speedRatio: 1 };
  return { ...base, schemaVersion: 2, measurements: [...fp32, ...copies], quantization };
}

/** The production estimator, but nothing operates alike: every fleet operated and every candidate scored on its own. */
const sharingNothing: Estimator = { ...productionEstimator, operatesAlike: () => false };

const both = { precisions: ["fp32", "int8"] as ("fp32" | "int8")[] };
/** Specs where copying could go wrong: budgets that exclude, round trips, batch work, cost in the objective. */
const specs: Record<string, WorkloadSpecInput> = {
  carbon: baseSpec({ options: both }),
  "budgets that exclude": baseSpec({ objective: { carbon: 0.6, cost: 0.4 }, constraints: { maxMonthlyUsd: 1000, maxMonthlyKgCo2e: 20 }, options: both }),
  "users' round trips": baseSpec({ objective: "balanced", users: [{ country: "DE", share: 0.6 }, { country: "US", share: 0.4 }], options: both }),
  "batch work": baseSpec({ traffic: { batch: { inferencesPerDay: 2_000_000, window: { start: "22:00", end: "06:00" } } }, objective: "cost", options: both }),
};

/** The evaluation session of a plan of the spec over the small catalog and the unchanged-INT8 profile. */
function sessionOf(estimator: Estimator, input: WorkloadSpecInput): EvaluationSession {
  const spec = parseSpecData(input);
  return new EvaluationSession({
    estimator,
    spec,
    index: indexCatalog(smallCatalog()),
    profiles: [unchangedInt8Profile()],
    traffic: trafficShapeOf(spec.traffic).shape,
    intensity: applyIntensityOverride(undefined, spec.options.intensityBasis),
  });
}

/** The session of a plan of the base spec at these precisions, with an estimator that counts what it is asked. */
function countingSession(precisions: ("fp32" | "int8")[]) {
  const calls = { operateFleet: 0, scoreInRegion: 0 };
  const estimator: Estimator = {
    ...productionEstimator,
    operateFleet: (input) => (calls.operateFleet++, productionEstimator.operateFleet(input)),
    scoreInRegion: (fleet, region) => (calls.scoreInRegion++, productionEstimator.scoreInRegion(fleet, region)),
  };
  const session = sessionOf(estimator, baseSpec({ objective: "balanced", options: { precisions } }));
  return { session, calls, estimation: estimateCandidates(session, filterPlaces(session)) };
}

describe("an INT8 transform that changed nothing", () => {
  it("operates and scores each fleet once for both precisions: its INT8 candidates are its FP32 ones at INT8", () => {
    const fp32Only = countingSession(["fp32"]);
    const both = countingSession(["fp32", "int8"]);
    expect(both.calls).toEqual(fp32Only.calls);
    const { feasible } = both.estimation;
    expect(feasible.size).toBe(2 * fp32Only.estimation.feasible.size);
    const fp32ByKey = new Map([...feasible].filter((candidate) => candidate.precision === "fp32").map((candidate) => [candidate.key.replace("/fp32/", "/"), candidate]));
    let int8Candidates = 0;
    for (const candidate of feasible) {
      if (candidate.precision !== "int8") continue;
      int8Candidates++;
      const twin = fp32ByKey.get(candidate.key.replace("/int8/", "/"))!;
      const figures = ({ key, precision, projection, ...rest }: typeof candidate) => rest;
      expect(figures(candidate)).toStrictEqual(figures(twin));
      // Its own projection, which on a CPU says it is INT8 served as FP32.
      expect(candidate.projection).toBe((both.session.projection(candidate.instance, "int8", candidate.batchSize) as { projection: unknown }).projection);
      if (candidate.instance.accelerator === null) expect(candidate.projection.source).toContain("INT8 = FP32");
    }
    expect(int8Candidates).toBe(fp32Only.estimation.feasible.size);
  });

  it.each(Object.entries(specs))("plans exactly as without sharing a fleet or a candidate's figures (%s)", (_name, input) => {
    const options = { catalog: smallCatalog(), profiles: [unchangedInt8Profile()], now: fixedNow };
    const shared = planWith(productionEstimator, input, options);
    expect(shared).toStrictEqual(planWith(sharingNothing, input, options));
    expect(shared.search.candidatesFeasible).toBeGreaterThan(0);
    if (input.constraints?.maxMonthlyUsd) expect(Object.keys(shared.search.excludedBy)).toEqual(expect.arrayContaining(["maxMonthlyKgCo2e", "maxMonthlyUsd"]));
  });

  it("copies no candidate whose fleet at either end of its range differs (cost in the objective)", () => {
    // INT8 exactly FP32 but for a wider capacity range: the central fleets are shared, the end fleets are not.
    const widerRange: Estimator = {
      ...productionEstimator,
      projectPerformance: (input) => {
        const result = productionEstimator.projectPerformance(input);
        if (!result.ok || input.precision !== "int8") return result;
        const { low, high } = result.projection.capacityRangeRps;
        return { ok: true, projection: { ...result.projection, capacityRangeRps: { low: low * 0.5, high: high * 2 } } };
      },
    };
    const estimate = (estimator: Estimator) => {
      const session = sessionOf(estimator, baseSpec({ objective: "balanced", options: both }));
      const { feasible } = estimateCandidates(session, filterPlaces(session));
      return [...feasible].map(({ key, monthlyCostUsd, monthlyCostLowUsd, monthlyCostHighUsd }) => ({ key, monthlyCostUsd, monthlyCostLowUsd, monthlyCostHighUsd }));
    };
    const shared = estimate(widerRange);
    expect(shared).toStrictEqual(estimate({ ...widerRange, operatesAlike: () => false }));
    // Not vacuous: the wider range moves the INT8 candidates' cost range away from their FP32 twins'.
    const fp32 = new Map(shared.filter(({ key }) => key.includes("/fp32/")).map((candidate) => [candidate.key.replace("/fp32/", "/"), candidate]));
    expect(shared.some(({ key, monthlyCostHighUsd }) => key.includes("/int8/") && monthlyCostHighUsd !== fp32.get(key.replace("/int8/", "/"))?.monthlyCostHighUsd)).toBe(true);
  });

  it("projects every type, CPU or accelerator, exactly as fast in INT8 as in FP32", () => {
    const session = sessionOf(productionEstimator, baseSpec());
    let compared = 0;
    for (const instance of session.index.catalog.instanceTypes) {
      for (const batchSize of session.batchSizes) {
        const [int8, fp32] = [session.projection(instance, "int8", batchSize), session.projection(instance, "fp32", batchSize)];
        if (!int8.ok || !fp32.ok) continue;
        expect(int8.projection.capacityPerInstanceRps).toBeCloseTo(fp32.projection.capacityPerInstanceRps, 9);
        expect(int8.projection.serviceTimeMs).toBeCloseTo(fp32.projection.serviceTimeMs, 9);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
