import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/domain/catalog.ts";
import type { Plan } from "../../src/domain/plan.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import type { WorkloadSpecInput } from "../../src/domain/spec.ts";
import { estimateCandidate } from "../../src/estimate/estimate-candidate.ts";
import { projectPerformance } from "../../src/estimate/project-performance.ts";
import { plan } from "../../src/plan/index.ts";
import { EU_MEMBER_STATES } from "../../src/plan/region-filter.ts";
import { checkedCases } from "../checked-cases.ts";
import { WattplanError } from "../../src/errors.ts";
import { buildCatalog, type CatalogSeed, type RegionSeed, type TypeSeed } from "./catalog-builder.ts";
import { cnnProfileWithBatches, fixedNow } from "./helpers.ts";

const profile = cnnProfileWithBatches([1, 4, 8]);
const countries = ["US", "SE", "DE", "FR", "IE", "GB", "IN", "JP", "NO", "PL"];

const regionArbitrary = (provider: "aws" | "gcp", index: number): fc.Arbitrary<RegionSeed> =>
  fc.record({
    country: fc.constantFrom(...countries),
    gCo2ePerKwh: fc.integer({ min: 10, max: 800 }),
    pue: fc.option(fc.double({ min: 1.05, max: 1.6, noNaN: true }), { nil: undefined }),
  }).map((seed) => ({ provider, code: `${provider}-r${index}`, ...seed }));

const typeArbitrary = (provider: "aws" | "gcp", index: number): fc.Arbitrary<TypeSeed> =>
  fc.record({
    vcpus: fc.constantFrom(2, 4, 8, 16),
    fp32Gflops: fc.integer({ min: 40, max: 120 }),
    memoryFactor: fc.constantFrom(2, 4, 8),
    maxWattsPerVcpu: fc.double({ min: 1.5, max: 5, noNaN: true }),
    architecture: fc.constantFrom("x86_64" as const, "arm64" as const),
  }).map((seed) => ({
    provider,
    instanceType: `${provider}-t${index}`,
    vcpus: seed.vcpus,
    memoryGb: seed.vcpus * seed.memoryFactor,
    architecture: seed.architecture,
    fp32Gflops: seed.fp32Gflops * seed.vcpus,
    maxWattsPerVcpu: seed.maxWattsPerVcpu,
  }));

/** Random small catalogs: 1–3 regions and 1–3 CPU types per cloud, each type offered in a random subset of its regions. */
const catalogArbitrary: fc.Arbitrary<Catalog> = fc
  .record({
    awsRegions: fc.integer({ min: 1, max: 3 }),
    gcpRegions: fc.integer({ min: 1, max: 3 }),
    awsTypes: fc.integer({ min: 1, max: 3 }),
    gcpTypes: fc.integer({ min: 1, max: 3 }),
  })
  .chain((counts) =>
    fc
      .record({
        regions: fc.tuple(
          ...Array.from({ length: counts.awsRegions }, (_, index) => regionArbitrary("aws", index)),
          ...Array.from({ length: counts.gcpRegions }, (_, index) => regionArbitrary("gcp", index)),
        ),
        types: fc.tuple(
          ...Array.from({ length: counts.awsTypes }, (_, index) => typeArbitrary("aws", index)),
          ...Array.from({ length: counts.gcpTypes }, (_, index) => typeArbitrary("gcp", index)),
        ),
        seed: fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0.02, max: 0.3, noNaN: true })), { minLength: 24, maxLength: 24 }),
      })
      .map(({ regions, types, seed }): CatalogSeed => {
        const offers: CatalogSeed["offers"] = [];
        let cursor = 0;
        for (const type of types) {
          const own = regions.filter((region) => region.provider === type.provider);
          own.forEach((region, position) => {
            const [offered, usdPerVcpuHour] = seed[cursor++ % seed.length];
            if (offered || position === 0) offers.push({ provider: type.provider, instanceType: type.instanceType, region: region.code, usdPerHour: Number((usdPerVcpuHour * type.vcpus).toFixed(4)) });
          });
        }
        return { regions, types, offers };
      }),
  )
  .map(buildCatalog);

interface Brute {
  key: string;
  monthlyKgCo2e: number;
  monthlyCostUsd: number;
}

/** Every feasible candidate, computed independently of src/plan's enumeration: the straightforward nested loops. */
function bruteForceFeasible(specInput: WorkloadSpecInput, catalog: Catalog, profiles: ModelProfile[]): Brute[] {
  const spec = parseSpecData(specInput);
  const feasible: Brute[] = [];
  const batchSizes = [...new Set(profiles.flatMap((item) => item.measurements.map((measurement) => measurement.batchSize)))].filter((size) => size <= spec.options.batching.maxBatch);
  for (const offer of catalog.offers) {
    const instance = catalog.instanceTypes.find((type) => type.provider === offer.provider && type.instanceType === offer.instanceType)!;
    const region = catalog.regions.find((candidate) => candidate.provider === offer.provider && candidate.code === offer.region)!;
    const pue = region.pue?.value ?? catalog.providers.find((provider) => provider.id === region.provider)!.pue.value;
    for (const precision of spec.options.precisions) {
      for (const batchSize of batchSizes) {
        const projection = projectPerformance({ profiles, instance, accelerator: null, priors: catalog.priors, precision, batchSize });
        if (!projection.ok) continue;
        const estimate = estimateCandidate({
          projection: projection.projection,
          instance,
          accelerator: null,
          region,
          pue,
          intensityBasis: spec.options.intensityBasis,
          usdPerHour: offer.usdPerHour.onDemand,
          pricing: "on-demand",
          traffic: { meanRps: spec.traffic.meanRps!, peakRps: spec.traffic.peakRps ?? spec.traffic.meanRps!, quietestRps: spec.traffic.meanRps! },
          cacheHitRate: spec.options.cacheHitRate,
          targetUtilization: spec.options.targetUtilization,
          maxQueueDelayMs: spec.options.batching.maxQueueDelayMs,
          networkRoundTripMs: 0,
          latencyP95BudgetMs: spec.slo?.p95LatencyMs,
        });
        if (spec.slo && !(estimate.latencyP95Ms <= spec.slo.p95LatencyMs)) continue;
        if (spec.constraints.maxMonthlyUsd !== undefined && estimate.monthlyCostUsd > spec.constraints.maxMonthlyUsd) continue;
        feasible.push({ key: `${offer.provider}/${offer.region}/${offer.instanceType}/${precision}/b${batchSize}`, monthlyKgCo2e: estimate.monthlyKgCo2e, monthlyCostUsd: estimate.monthlyCostUsd });
      }
    }
  }
  return feasible;
}

function planOrNull(spec: WorkloadSpecInput, catalog: Catalog): Plan | null {
  try {
    return plan(spec, { catalog, profiles: [profile], now: fixedNow });
  } catch (error) {
    if (error instanceof WattplanError && error.code === "INFEASIBLE") return null;
    throw error;
  }
}

const relativelyClose = (first: number, second: number) => Math.abs(first - second) <= 1e-5 * Math.max(Math.abs(first), Math.abs(second), 1e-12);
const specArbitrary = fc.record({
  meanRps: fc.integer({ min: 5, max: 300 }),
  peakFactor: fc.double({ min: 1, max: 4, noNaN: true }),
  sloMs: fc.integer({ min: 150, max: 2000 }),
  objective: fc.constantFrom("carbon" as const, "cost" as const, "balanced" as const),
});

function specFrom(input: { meanRps: number; peakFactor: number; sloMs: number; objective: "carbon" | "cost" | "balanced" }): WorkloadSpecInput {
  return {
    name: "property",
    traffic: { meanRps: input.meanRps, peakRps: input.meanRps * input.peakFactor },
    slo: { p95LatencyMs: input.sloMs },
    objective: input.objective,
    options: { batching: { maxBatch: 8, maxQueueDelayMs: 10 } },
  };
}

describe("planner properties on random small catalogs", () => {
  it("the chosen candidate is optimal by brute force", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(catalogArbitrary, specArbitrary, (catalog, specInput) => {
        const spec = specFrom(specInput);
        const result = planOrNull(spec, catalog);
        const feasible = bruteForceFeasible(spec, catalog, [profile]);
        if (result === null) return expect(feasible).toEqual([]);
        cases.checked();
        expect(result.search.candidatesFeasible).toBe(feasible.length);
        const chosenBrute = feasible.find((candidate) => candidate.key === result.chosen.key)!;
        expect(chosenBrute).toBeDefined();
        if (specInput.objective === "carbon") {
          const best = Math.min(...feasible.map((candidate) => candidate.monthlyKgCo2e));
          expect(relativelyClose(chosenBrute.monthlyKgCo2e, best)).toBe(true);
        } else if (specInput.objective === "cost") {
          const best = Math.min(...feasible.map((candidate) => candidate.monthlyCostUsd));
          expect(relativelyClose(chosenBrute.monthlyCostUsd, best)).toBe(true);
        } else {
          const span = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });
          const carbon = span(feasible.map((candidate) => candidate.monthlyKgCo2e));
          const cost = span(feasible.map((candidate) => candidate.monthlyCostUsd));
          const score = (candidate: Brute) =>
            0.5 * ((candidate.monthlyKgCo2e - carbon.min) / (carbon.max - carbon.min || 1)) + 0.5 * ((candidate.monthlyCostUsd - cost.min) / (cost.max - cost.min || 1));
          const best = Math.min(...feasible.map(score));
          expect(score(chosenBrute)).toBeLessThanOrEqual(best + 1e-9);
        }
      }),
      { numRuns: 40, seed: 20261128 },
    );
    cases.expectAtLeast(30);
  });

  it("every Pareto member is undominated, and every other feasible candidate is dominated by (or ties with) a member", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(catalogArbitrary, specArbitrary, (catalog, specInput) => {
        const spec = specFrom(specInput);
        const result = planOrNull(spec, catalog);
        if (result === null) return;
        cases.checked();
        const feasible = bruteForceFeasible(spec, catalog, [profile]);
        const byKey = new Map(feasible.map((candidate) => [candidate.key, candidate]));
        const members = result.pareto.map((member) => byKey.get(member.key)!);
        const dominates = (a: Brute, b: Brute) =>
          a.monthlyCostUsd <= b.monthlyCostUsd && a.monthlyKgCo2e <= b.monthlyKgCo2e && (a.monthlyCostUsd < b.monthlyCostUsd || a.monthlyKgCo2e < b.monthlyKgCo2e);
        for (const member of members) {
          expect(member).toBeDefined();
          expect(feasible.some((other) => dominates(other, member))).toBe(false);
        }
        const memberKeys = new Set(members.map((member) => member.key));
        for (const candidate of feasible) {
          if (memberKeys.has(candidate.key)) continue;
          const covered = members.some(
            (member) => dominates(member, candidate) || (member.monthlyCostUsd === candidate.monthlyCostUsd && member.monthlyKgCo2e === candidate.monthlyKgCo2e),
          );
          expect(covered).toBe(true);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
    cases.expectAtLeast(30);
  });

  it("more traffic never needs fewer instances (one candidate pinned, end to end through plan)", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(catalogArbitrary, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), (catalog, first, second) => {
        const offer = catalog.offers[0];
        const pinned = (meanRps: number): WorkloadSpecInput => ({
          name: "pinned",
          traffic: { meanRps, peakRps: meanRps * 2 },
          constraints: { providers: [offer.provider], regions: { allow: [offer.region], deny: [] } },
          options: { precisions: ["fp32"], batching: { maxBatch: 1, maxQueueDelayMs: 10 } },
          baseline: { provider: offer.provider, region: offer.region, instanceType: offer.instanceType },
        });
        const [low, high] = first <= second ? [first, second] : [second, first];
        // Only the pinned offer is left in the catalog, so the chosen candidate and the baseline are both that type.
        const single = { ...catalog, offers: [offer] };
        const lowPlan = planOrNull(pinned(low), single);
        const highPlan = planOrNull(pinned(high), single);
        if (lowPlan === null || highPlan === null) return;
        cases.checked();
        for (const pick of [(result: Plan) => result.chosen, (result: Plan) => result.baseline]) {
          expect(pick(highPlan).instances.desired).toBeGreaterThanOrEqual(pick(lowPlan).instances.desired);
          expect(pick(highPlan).instances.max).toBeGreaterThanOrEqual(pick(lowPlan).instances.max);
          expect(pick(highPlan).instances.min).toBeGreaterThanOrEqual(pick(lowPlan).instances.min);
        }
      }),
      { numRuns: 40, seed: 11 },
    );
    cases.expectAtLeast(30);
  });

  it("residency EU keeps only EU countries in every listed candidate", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(catalogArbitrary, specArbitrary, (catalog, specInput) => {
        const spec = { ...specFrom(specInput), constraints: { residency: "EU" as const } };
        const result = planOrNull(spec, catalog);
        const hasEuRegion = catalog.regions.some((region) => EU_MEMBER_STATES.has(region.country));
        if (!hasEuRegion) expect(result).toBeNull();
        if (result === null) return;
        cases.checked();
        for (const candidate of [result.chosen, ...result.alternatives, ...result.pareto]) expect(EU_MEMBER_STATES.has(candidate.country)).toBe(true);
      }),
      { numRuns: 40, seed: 3 },
    );
    cases.expectAtLeast(25);
  });

  it("higher grid intensity everywhere never lowers the chosen plan's carbon", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(catalogArbitrary, specArbitrary, fc.double({ min: 1, max: 5, noNaN: true }), (catalog, specInput, factor) => {
        const spec = { ...specFrom(specInput), objective: "carbon" as const };
        const dirtier = structuredClone(catalog);
        for (const region of dirtier.regions) region.intensity.lifecycle.value *= factor;
        const before = planOrNull(spec, catalog);
        const after = planOrNull(spec, dirtier);
        if (before === null || after === null) return;
        cases.checked();
        expect(after.chosen.monthlyKgCo2e).toBeGreaterThanOrEqual(before.chosen.monthlyKgCo2e * (1 - 1e-6));
      }),
      { numRuns: 30, seed: 5 },
    );
    cases.expectAtLeast(20);
  });
});
