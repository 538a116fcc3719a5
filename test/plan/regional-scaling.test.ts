import { describe, expect, it } from "vitest";
import type { Region } from "../../src/domain/catalog.ts";
import type { CandidateEstimate, CandidateEstimateInput } from "../../src/estimate/contract.ts";
import { estimateCandidate } from "../../src/estimate/index.ts";
import { planWith } from "../../src/plan/build-plan.ts";
import { indexCatalog, pueFor } from "../../src/plan/catalog-index.ts";
import { productionEstimator } from "../../src/plan/index.ts";
import { figuresOf, gridIntensityUsed, pickReferences, scaledFigures, scaledMatches, type RegionalPoint } from "../../src/plan/regional-scaling.ts";
import { buildCatalog, smallCatalogSeed } from "./catalog-builder.ts";
import { baseSpec, cnnProfile, fixedNow } from "./helpers.ts";

/** A catalog where one type is offered in many regions of different intensity, PUE and price. */
function manyRegionCatalog() {
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
  return buildCatalog(seed);
}

describe("regional scaling", () => {
  it("reproduces full estimates for every region from two references", () => {
    const catalog = manyRegionCatalog();
    const index = indexCatalog(catalog);
    const instance = index.instanceTypes.get("aws/c6i.2xlarge")!;
    const offers = index.offersByType.get("aws/c6i.2xlarge")!;
    const live = { meanRps: 120, peakRps: 400, quietestRps: 50 };
    // Batch work (billed for the hours it runs, energy at the target utilisation) scales the same way.
    const batch = { meanRps: 3e6 / 86_400, peakRps: 3e6 / (8 * 3600), quietestRps: 0, batch: { inferencesPerDay: 3e6, windowHours: 8 } };
    for (const [precision, batchSize, traffic] of [["fp32", 1, live], ["int8", 8, live], ["fp32", 1, batch], ["int8", 8, batch]] as const) {
      const projection = productionEstimator.projectPerformance({ profiles: [cnnProfile()], instance, accelerator: null, priors: [], precision, batchSize });
      if (!projection.ok) throw new Error(projection.reason);
      const inputFor = (region: Region, usdPerHour: number): CandidateEstimateInput => ({
        projection: projection.projection,
        instance,
        accelerator: null,
        region,
        pue: pueFor(index, region),
        intensityBasis: "lifecycle",
        usdPerHour,
        pricing: "on-demand",
        traffic,
        cacheHitRate: 0,
        targetUtilization: 0.6,
        maxQueueDelayMs: 10,
        networkRoundTripMs: 0,
        latencyP95BudgetMs: 300,
      });
      const points: RegionalPoint[] = offers.map((offer) => {
        const region = index.regions.get(`aws/${offer.region}`)!;
        return { region, pue: pueFor(index, region), usdPerHour: offer.usdPerHour.onDemand, gridIntensityGCo2ePerKwh: gridIntensityUsed(region, "lifecycle") };
      });
      const full = points.map((point) => estimateCandidate(inputFor(point.region, point.usdPerHour)));
      expect(full[0].batch !== undefined).toBe("batch" in traffic);
      const references = pickReferences(points);
      points.forEach((point, position) => {
        const scaled = scaledFigures(full[0], points[0], full[references.second], points[references.second], point);
        expect(scaledMatches(scaled, figuresOf(full[position]))).toBe(true);
      });
    }
  });

  it("carries the range to another region exactly, even where its high end comes from another evaluation", () => {
    // Central: more instances (more embodied); slow end: fewer instances working harder (more operational). On a
    // clean grid the central evaluation is the high end, on a dirty one the slow end: the high end is not a line.
    const partsAt = (factor: number) => [
      { operationalKg: 1.0 * factor, embodiedKg: 3 },
      { operationalKg: 1.2 * factor, embodiedKg: 2 },
      { operationalKg: 0.8 * factor, embodiedKg: 2 },
    ];
    const estimateAt = (factor: number) => {
      const parts = partsAt(factor);
      const totals = parts.map((part) => part.operationalKg + part.embodiedKg);
      return {
        latencyP95Ms: 50,
        monthlyCostUsd: 100,
        monthlyKgCo2e: totals[0],
        monthlyKgCo2eRange: { low: Math.min(...totals), high: Math.max(...totals) },
        monthlyOperationalKgCo2e: parts[0].operationalKg,
        monthlyEmbodiedKgCo2e: parts[0].embodiedKg,
        monthlyKgCo2eParts: parts,
      } as unknown as CandidateEstimate;
    };
    const pointAt = (factor: number): RegionalPoint => ({ region: {} as Region, pue: 1, usdPerHour: 1, gridIntensityGCo2ePerKwh: 100 * factor });
    for (const factor of [0.5, 2, 5, 9, 20]) {
      const scaled = scaledFigures(estimateAt(1), pointAt(1), estimateAt(10), pointAt(10), pointAt(factor));
      const full = estimateAt(factor);
      expect(scaled.monthlyKgCo2e).toBeCloseTo(full.monthlyKgCo2e, 9);
      expect(scaled.monthlyKgCo2eLow).toBeCloseTo(full.monthlyKgCo2eRange.low, 9);
      expect(scaled.monthlyKgCo2eHigh).toBeCloseTo(full.monthlyKgCo2eRange.high, 9);
    }
  });

  it("falls back to full estimates when an estimator is not linear in the region, so the choice stays right", () => {
    // Carbon that is least at a middling grid intensity breaks the scaling's linearity: the self-check must catch it.
    const skew = (input: CandidateEstimateInput) => (gridIntensityUsed(input.region, "lifecycle") - 200) ** 2 / 10_000 + 0.01;
    const skewed = {
      ...productionEstimator,
      estimateCandidate: (input: CandidateEstimateInput) => {
        const estimate = productionEstimator.estimateCandidate(input);
        const factor = skew(input);
        return { ...estimate, monthlyKgCo2e: estimate.monthlyKgCo2e * factor, monthlyKgCo2eRange: { low: estimate.monthlyKgCo2eRange.low * factor, high: estimate.monthlyKgCo2eRange.high * factor } };
      },
    };
    const catalog = manyRegionCatalog();
    const spec = baseSpec({ constraints: { accelerators: ["none"] }, options: { precisions: ["fp32"], batching: { maxBatch: 1, maxQueueDelayMs: 10 } } });
    const result = planWith(skewed, spec, { catalog, profiles: [cnnProfile()], now: fixedNow });
    const index = indexCatalog(catalog);
    let best = Infinity;
    for (const offer of catalog.offers) {
      const instance = index.instanceTypes.get(`${offer.provider}/${offer.instanceType}`)!;
      if (instance.accelerator) continue;
      const region = index.regions.get(`${offer.provider}/${offer.region}`)!;
      const projection = productionEstimator.projectPerformance({ profiles: [cnnProfile()], instance, accelerator: null, priors: [], precision: "fp32", batchSize: 1 });
      if (!projection.ok) continue;
      const estimate = skewed.estimateCandidate({
        projection: projection.projection, instance, accelerator: null, region, pue: pueFor(index, region), intensityBasis: "lifecycle",
        usdPerHour: offer.usdPerHour.onDemand, pricing: "on-demand", traffic: { meanRps: 120, peakRps: 400, quietestRps: 120 }, cacheHitRate: 0,
        targetUtilization: 0.6, maxQueueDelayMs: 10, networkRoundTripMs: 0, latencyP95BudgetMs: 300,
      });
      if (estimate.latencyP95Ms <= 300) best = Math.min(best, estimate.monthlyKgCo2e);
    }
    expect(result.chosen.monthlyKgCo2e).toBeCloseTo(best, 4);
  });
});
