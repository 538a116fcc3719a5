import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binomialHalfCdf,
  mean,
  medianConfidenceInterval,
  medianConfidenceRanks,
  normalQuantile,
  percentileOfSorted,
  sortedCopy,
  standardDeviation,
  summarize,
} from "../../src/bench/stats.ts";

describe("percentiles and moments", () => {
  it("interpolates between closest ranks", () => {
    const sorted = sortedCopy([5, 1, 4, 2, 3]);
    expect(percentileOfSorted(sorted, 0.5)).toBe(3);
    expect(percentileOfSorted(sorted, 0)).toBe(1);
    expect(percentileOfSorted(sorted, 1)).toBe(5);
    expect(percentileOfSorted(sorted, 0.95)).toBeCloseTo(4.8, 10);
    expect(percentileOfSorted(sortedCopy([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });

  it("summarises 1..100 like numpy", () => {
    const summary = summarize(Array.from({ length: 100 }, (_, index) => 100 - index));
    expect(summary.p50).toBeCloseTo(50.5, 10);
    expect(summary.p95).toBeCloseTo(95.05, 10);
    expect(summary.p99).toBeCloseTo(99.01, 10);
    expect(summary.mean).toBeCloseTo(50.5, 10);
    expect(summary.stddev).toBeCloseTo(29.011491975882016, 10);
  });

  it("gives zero spread for one sample and rejects none", () => {
    expect(standardDeviation([7])).toBe(0);
    expect(() => mean([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
  });

  it("keeps p50 ≤ p95 ≤ p99 within [min, max] for any samples", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (samples) => {
        const summary = summarize(samples);
        const low = Math.min(...samples);
        const high = Math.max(...samples);
        return low <= summary.p50 && summary.p50 <= summary.p95 && summary.p95 <= summary.p99 && summary.p99 <= high;
      }),
    );
  });
});

describe("the median's confidence interval", () => {
  it("uses the binomial order statistics: n = 10 → ranks 2 and 9, n = 100 → 40 and 61", () => {
    // Coverage of [x_(k), x_(n−k+1)] is 1 − 2·P(B ≤ k−1); for n = 10, k = 2 gives 97.9 %, k = 3 only 89.1 %.
    expect(medianConfidenceRanks(10)).toEqual({ lower: 2, upper: 9 });
    expect(medianConfidenceRanks(100)).toEqual({ lower: 40, upper: 61 });
    expect(medianConfidenceRanks(5)).toBeNull();
    expect(medianConfidenceRanks(6)).toEqual({ lower: 1, upper: 6 });
  });

  it("covers at least 95 % and is the tightest such pair", () => {
    for (const n of [6, 7, 20, 51, 333, 1999]) {
      const ranks = medianConfidenceRanks(n)!;
      const coverage = 1 - 2 * binomialHalfCdf(n, ranks.lower - 1);
      expect(coverage).toBeGreaterThanOrEqual(0.95);
      const tighterCoverage = 1 - 2 * binomialHalfCdf(n, ranks.lower);
      expect(tighterCoverage).toBeLessThan(0.95);
    }
  });

  it("switches to the normal approximation for large n without a jump", () => {
    const exact = medianConfidenceRanks(2000)!;
    const approximate = medianConfidenceRanks(2001)!;
    expect(Math.abs(approximate.lower - exact.lower)).toBeLessThanOrEqual(2);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });

  it("reports the half-width relative to the median", () => {
    const sorted = sortedCopy(Array.from({ length: 10 }, (_, index) => 100 + index));
    const interval = medianConfidenceInterval(sorted);
    expect(interval.median).toBe(104.5);
    expect(interval.lower).toBe(101);
    expect(interval.upper).toBe(108);
    expect(interval.relativeHalfWidth).toBeCloseTo(3.5 / 104.5, 12);
    expect(medianConfidenceInterval(sortedCopy([1, 2, 3])).relativeHalfWidth).toBe(Infinity);
  });

  it("always brackets the sample median for n ≥ 6", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1e4, noNaN: true }), { minLength: 6, maxLength: 300 }), (samples) => {
        const interval = medianConfidenceInterval(sortedCopy(samples));
        return interval.lower <= interval.median && interval.median <= interval.upper && Number.isFinite(interval.relativeHalfWidth);
      }),
    );
  });

  it("is zero for identical samples and shrinks as samples accumulate", () => {
    expect(medianConfidenceInterval(sortedCopy(new Array(20).fill(3))).relativeHalfWidth).toBe(0);
    const noisy = (n: number) => sortedCopy(Array.from({ length: n }, (_, index) => 10 + ((index * 7919) % 101) / 100));
    expect(medianConfidenceInterval(noisy(1000)).relativeHalfWidth).toBeLessThan(medianConfidenceInterval(noisy(50)).relativeHalfWidth);
  });
});
