// No speed-up without a change: when the INT8 transform quantized nothing, bench copies the FP32 cells as the INT8
// ones, and no INT8 candidate may then be projected faster than FP32 on the same type at the same batch size.
import { describe, expect, it } from "vitest";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { indexCatalog } from "../../src/plan/catalog-index.ts";
import { estimateCandidates } from "../../src/plan/estimate-candidates.ts";
import type { Estimator } from "../../src/plan/estimator.ts";
import { EvaluationSession } from "../../src/plan/evaluation-session.ts";
import { filterPlaces } from "../../src/plan/filter-places.ts";
import { productionEstimator } from "../../src/plan/index.ts";
import { applyIntensityOverride } from "../../src/plan/intensity-input.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import { trafficShapeOf } from "../../src/plan/traffic.ts";
import { baseSpec, cnnProfile, smallCatalog } from "./helpers.ts";

/** The fixture profile as bench writes it for a model the INT8 transform left unchanged. */
function unchangedInt8Profile(): ModelProfile {
  const base = cnnProfile();
  const fp32 = base.measurements.filter((cell) => cell.precision === "fp32");
  const copies = fp32.map((cell) => ({ ...cell, precision: "int8" as const, copiedFrom: "fp32" as const, transform: "static-int8-qdq" as const, weightBits: 7 as const }));
  const quantization = { ...base.quantization!, transform: "static-int8-qdq" as const, weightBits: 7 as const, quantizedNodes: 0, weightBytes: base.model.cost.weightBytes, speedRatio: 1 };
  return { ...base, schemaVersion: 2, measurements: [...fp32, ...copies], quantization };
}

/** The session of a plan of the base spec at these precisions, with an estimator that counts what it is asked. */
function countingSession(precisions: ("fp32" | "int8")[]) {
  const calls = { operateFleet: 0, scoreInRegion: 0 };
  const estimator: Estimator = {
    ...productionEstimator,
    operateFleet: (input) => (calls.operateFleet++, productionEstimator.operateFleet(input)),
    scoreInRegion: (fleet, region) => (calls.scoreInRegion++, productionEstimator.scoreInRegion(fleet, region)),
  };
  const spec = parseSpecData(baseSpec({ objective: "balanced", options: { precisions } }));
  const session = new EvaluationSession({
    estimator,
    spec,
    index: indexCatalog(smallCatalog()),
    profiles: [unchangedInt8Profile()],
    traffic: trafficShapeOf(spec.traffic).shape,
    intensity: applyIntensityOverride(undefined, spec.options.intensityBasis),
  });
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

  it("projects every type, CPU or accelerator, exactly as fast in INT8 as in FP32", () => {
    const spec = parseSpecData(baseSpec());
    const session = new EvaluationSession({
      estimator: productionEstimator,
      spec,
      index: indexCatalog(smallCatalog()),
      profiles: [unchangedInt8Profile()],
      traffic: trafficShapeOf(spec.traffic).shape,
      intensity: applyIntensityOverride(undefined, spec.options.intensityBasis),
    });
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
