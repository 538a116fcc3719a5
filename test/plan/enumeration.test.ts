// The enumeration's phases (filter places → estimate → choose) against the estimator called directly: a fleet is
// operated once per type × precision × batch × round trip and evaluated in each region, which must give exactly
// what estimating each candidate on its own gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/domain/catalog.ts";
import type { WorkloadSpec, WorkloadSpecInput } from "../../src/domain/spec.ts";
import type { CandidateEstimateInput, PerformanceProjection } from "../../src/estimate/contract.ts";
import { estimateCandidate, usersRoundTripP95Ms } from "../../src/estimate/index.ts";
import { evaluateInRegion, scoreInRegion, type Evaluation } from "../../src/estimate/regional-evaluation.ts";
import type { FeasibleCandidate, Place } from "../../src/plan/candidates.ts";
import type { Estimator } from "../../src/plan/estimator.ts";
import { estimateCandidates } from "../../src/plan/estimate-candidates.ts";
import { EvaluationSession } from "../../src/plan/evaluation-session.ts";
import { filterPlaces } from "../../src/plan/filter-places.ts";
import { indexCatalog, pueFor } from "../../src/plan/catalog-index.ts";
import { planWith, productionEstimator } from "../../src/plan/index.ts";
import { applyIntensityOverride } from "../../src/plan/intensity-input.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import { trafficShapeOf } from "../../src/plan/traffic.ts";
import { buildCatalog, smallCatalogSeed } from "./catalog-builder.ts";
import { baseSpec, cnnProfileWithBatches, fixedNow } from "./helpers.ts";

const profile = cnnProfileWithBatches([1, 4, 8]);

/** The small catalog with eight more AWS regions offering c6i.2xlarge; every other one lacks an operational figure. */
function manyRegionCatalog(): Catalog {
  const seed = smallCatalogSeed();
  const extra = Array.from({ length: 8 }, (_, index) => ({
    provider: "aws" as const,
    code: `xx-region-${index}`,
    country: ["SE", "DE", "FR", "US", "IN", "JP", "NO", "PL"][index],
    gCo2ePerKwh: 20 + index * 90,
    pue: 1.1 + index * 0.03,
  }));
  seed.regions.push(...extra);
  for (const region of extra) seed.offers.push({ provider: "aws", instanceType: "c6i.2xlarge", region: region.code, usdPerHour: 0.3 + region.gCo2ePerKwh / 5000 });
  const catalog = buildCatalog(seed);
  catalog.regions.forEach((region, position) => {
    if (position % 2 === 1) delete region.intensity.operational;
  });
  return catalog;
}

type SpecChoices = typeof specArbitrary extends fc.Arbitrary<infer Choices> ? Choices : never;
const specArbitrary = fc.record({
  objective: fc.constantFrom("carbon" as const, "cost" as const, "balanced" as const),
  batch: fc.boolean(),
  meanRps: fc.integer({ min: 5, max: 400 }),
  sloMs: fc.option(fc.integer({ min: 120, max: 2000 }), { nil: undefined }),
  users: fc.boolean(),
  int8: fc.boolean(),
  basis: fc.constantFrom("lifecycle" as const, "operational" as const),
  cacheHitRate: fc.constantFrom(0, 0.2),
  maxMonthlyUsd: fc.option(fc.integer({ min: 300, max: 5000 }), { nil: undefined }),
});

function specFrom(input: SpecChoices): WorkloadSpecInput {
  return {
    name: "enumeration",
    traffic: input.batch ? { batch: { inferencesPerDay: input.meanRps * 86_400, window: { start: "22:00", end: "06:00", timeZone: "UTC" } } } : { meanRps: input.meanRps, peakRps: input.meanRps * 3 },
    ...(input.sloMs === undefined ? {} : { slo: { p95LatencyMs: input.sloMs } }),
    ...(input.users ? { users: [{ country: "DE", share: 0.6 }, { country: "US", share: 0.4 }] } : {}),
    constraints: input.maxMonthlyUsd === undefined ? {} : { maxMonthlyUsd: input.maxMonthlyUsd },
    objective: input.objective,
    options: { precisions: input.int8 ? ["fp32", "int8"] : ["fp32"], batching: { maxBatch: 8, maxQueueDelayMs: 10 }, cacheHitRate: input.cacheHitRate, intensityBasis: input.basis },
  };
}

/** The candidate's estimate input built here from the catalog, independently of the planner's session. */
function directInput(candidate: FeasibleCandidate, spec: WorkloadSpec, catalog: Catalog, projection: PerformanceProjection): CandidateEstimateInput {
  const index = indexCatalog(catalog);
  const region = catalog.regions.find((entry) => entry.provider === candidate.instance.provider && entry.code === candidate.region.code)!;
  return {
    projection,
    instance: candidate.instance,
    accelerator: candidate.instance.accelerator ? (catalog.accelerators.find((entry) => entry.model === candidate.instance.accelerator!.model) ?? null) : null,
    region,
    pue: pueFor(index, region),
    intensityBasis: spec.options.intensityBasis,
    usdPerHour: candidate.offer.usdPerHour.onDemand,
    pricing: "on-demand",
    traffic: trafficShapeOf(spec.traffic).shape,
    cacheHitRate: spec.options.cacheHitRate,
    targetUtilization: spec.options.targetUtilization,
    maxQueueDelayMs: spec.options.batching.maxQueueDelayMs,
    networkRoundTripMs: spec.users ? usersRoundTripP95Ms(spec.users, region) : 0,
    latencyP95BudgetMs: spec.slo?.p95LatencyMs,
  };
}

/** The projection with every figure at its favourable (low) or unfavourable (high) end. */
function atEnd(projection: PerformanceProjection, end: "low" | "high"): PerformanceProjection {
  const pick = end === "low" ? Math.min : Math.max;
  const capacity = end === "low" ? Math.max : Math.min;
  return {
    ...projection,
    serviceTimeMs: pick(end === "low" ? projection.serviceTimeRangeMs.low : projection.serviceTimeRangeMs.high, projection.serviceTimeMs),
    capacityPerInstanceRps: capacity(end === "low" ? projection.capacityRangeRps.high : projection.capacityRangeRps.low, projection.capacityPerInstanceRps),
  };
}

describe("enumeration in phases", () => {
  it("gives every feasible candidate exactly the figures the estimator gives that candidate on its own", () => {
    const catalog = manyRegionCatalog();
    let checked = 0;
    let specsWithFeasible = 0;
    let fallbacks = 0;
    fc.assert(
      fc.property(specArbitrary, (input) => {
        const spec = parseSpecData(specFrom(input));
        const session = new EvaluationSession({
          estimator: productionEstimator,
          spec,
          index: indexCatalog(catalog),
          profiles: [profile],
          traffic: trafficShapeOf(spec.traffic).shape,
          intensity: applyIntensityOverride(undefined, spec.options.intensityBasis),
        });
        const estimation = estimateCandidates(session, filterPlaces(session));
        const excludedCount = Object.values(estimation.excluded.sorted()).reduce((sum, count) => sum + count, 0);
        expect(estimation.feasible.size + excludedCount).toBe(estimation.enumerated);
        if (estimation.feasible.size > 0) specsWithFeasible++;
        for (const candidate of estimation.feasible) {
          const direct = estimateCandidate(directInput(candidate, spec, catalog, candidate.projection));
          if (direct.assumptions.some((line) => line.includes("lifecycle figure stands in"))) fallbacks++;
          expect(candidate.latencyP95Ms).toBe(direct.latencyP95Ms);
          expect(candidate.monthlyCostUsd).toBe(direct.monthlyCostUsd);
          expect(candidate.monthlyKgCo2e).toBe(direct.monthlyKgCo2e);
          expect(candidate.monthlyKgCo2eLow).toBe(direct.monthlyKgCo2eRange.low);
          expect(candidate.monthlyKgCo2eHigh).toBe(direct.monthlyKgCo2eRange.high);
          if (session.weights.costWeight > 0) {
            const ends = (["low", "high"] as const).map((end) => estimateCandidate(directInput(candidate, spec, catalog, atEnd(candidate.projection, end))).monthlyCostUsd);
            expect(candidate.monthlyCostLowUsd).toBe(Math.min(direct.monthlyCostUsd, ...ends));
            expect(candidate.monthlyCostHighUsd).toBe(Math.max(direct.monthlyCostUsd, ...ends));
          } else {
            expect([candidate.monthlyCostLowUsd, candidate.monthlyCostHighUsd]).toEqual([direct.monthlyCostUsd, direct.monthlyCostUsd]);
          }
          checked++;
        }
      }),
      { numRuns: 40, seed: 20261207 },
    );
    // Not vacuous: most specs leave candidates, across live and batch traffic, with and without the fallback basis.
    expect(specsWithFeasible).toBeGreaterThanOrEqual(25);
    expect(checked).toBeGreaterThanOrEqual(1000);
    expect(fallbacks).toBeGreaterThanOrEqual(100);
  });

  it("chooses and records with the estimator it is given", () => {
    const catalog = manyRegionCatalog();
    const spec = baseSpec({ constraints: { accelerators: ["none"] }, options: { precisions: ["fp32"], batching: { maxBatch: 1, maxQueueDelayMs: 10 } } });
    const production = planWith(productionEstimator, spec, { catalog, profiles: [profile], now: fixedNow });
    // An estimator for which the dirtiest grid is a thousand times cleaner than it is.
    const favoured = "ap-south-1";
    const cleaner = (evaluation: Evaluation) => ({ ...evaluation, monthlyKgCo2e: evaluation.monthlyKgCo2e / 1000, monthlyOperationalKg: evaluation.monthlyOperationalKg / 1000, monthlyEmbodiedKg: evaluation.monthlyEmbodiedKg / 1000 });
    const skewed: Estimator = {
      ...productionEstimator,
      evaluateInRegion: (fleet, region) => {
        const regional = evaluateInRegion(fleet, region);
        if ((region as Place).region.code !== favoured) return regional;
        return { central: cleaner(regional.central), slow: cleaner(regional.slow), fast: cleaner(regional.fast) };
      },
      scoreInRegion: (fleet, region) => {
        const score = scoreInRegion(fleet, region);
        if ((region as Place).region.code !== favoured) return score;
        return { ...score, monthlyKgCo2e: score.monthlyKgCo2e / 1000, monthlyKgCo2eLow: score.monthlyKgCo2eLow / 1000, monthlyKgCo2eHigh: score.monthlyKgCo2eHigh / 1000 };
      },
    };
    expect(production.chosen.region).not.toBe(favoured);
    const result = planWith(skewed, spec, { catalog, profiles: [profile], now: fixedNow });
    expect(result.chosen.region).toBe(favoured);
    const unskewed = planWith(productionEstimator, baseSpec({ ...spec, constraints: { ...spec.constraints, regions: { allow: [favoured], deny: [] } } }), { catalog, profiles: [profile], now: fixedNow });
    expect(unskewed.chosen.key).toBe(result.chosen.key);
    expect(result.chosen.monthlyKgCo2e).toBeCloseTo(unskewed.chosen.monthlyKgCo2e / 1000, 9);
  });
});
