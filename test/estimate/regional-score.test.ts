// The planner scores every candidate with scoreInRegion and records the shown ones with evaluateInRegion: the two must
// give the very same doubles, or a plan's chosen figures would disagree with the figures it was chosen by.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateInRegion, operateFleet, rangeOver, scoreInRegion, type TrafficShape } from "../../src/estimate/index.ts";
import { makeEstimateInput, makeProjection } from "./fixtures.ts";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const traffic: fc.Arbitrary<TrafficShape> = fc.oneof(
  fc.record({ meanRps: positive(0, 5000), peak: positive(1, 5), quiet: positive(0, 1) }).map(({ meanRps, peak, quiet }) => ({ meanRps, peakRps: meanRps * peak, quietestRps: meanRps * quiet })),
  fc.record({ inferencesPerDay: positive(1, 1e9), windowHours: fc.integer({ min: 1, max: 24 }) }).map(({ inferencesPerDay, windowHours }) => ({
    meanRps: inferencesPerDay / 86_400,
    peakRps: inferencesPerDay / (windowHours * 3600),
    quietestRps: 0,
    batch: { inferencesPerDay, windowHours },
  })),
);

describe("scoreInRegion", () => {
  it("equals evaluateInRegion's central cost and carbon and its carbon range, bit for bit (live and batch traffic)", () => {
    let batchCases = 0;
    fc.assert(
      fc.property(
        traffic,
        positive(0.5, 2000),
        positive(0.05, 0.5),
        fc.record({ pue: positive(1, 2), usdPerHour: positive(0, 100), gridIntensityGCo2ePerKwh: positive(0, 1200) }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (shape, serviceTimeMs, spread, region, cacheHitRate) => {
          const capacityPerInstanceRps = 4000 / serviceTimeMs;
          const projection = makeProjection({
            serviceTimeMs,
            serviceTimeRangeMs: { low: serviceTimeMs * (1 - spread), high: serviceTimeMs * (1 + spread) },
            replicas: 4,
            capacityPerInstanceRps,
            capacityRangeRps: { low: capacityPerInstanceRps / (1 + spread), high: capacityPerInstanceRps / (1 - spread) },
          });
          const fleet = operateFleet(makeEstimateInput({ projection, traffic: shape, cacheHitRate }));
          const full = evaluateInRegion(fleet, region);
          const carbon = rangeOver(full, (evaluation) => evaluation.monthlyKgCo2e);
          expect(scoreInRegion(fleet, region)).toStrictEqual({
            monthlyCostUsd: full.central.monthlyCostUsd,
            monthlyKgCo2e: full.central.monthlyKgCo2e,
            monthlyKgCo2eLow: carbon.low,
            monthlyKgCo2eHigh: carbon.high,
          });
          if (shape.batch) batchCases++;
        },
      ),
      { numRuns: 300, seed: 20260611 },
    );
    expect(batchCases).toBeGreaterThanOrEqual(100);
  });
});
