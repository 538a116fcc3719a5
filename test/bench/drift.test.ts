import { describe, expect, it } from "vitest";
import { looksLikeClassScores, outputDrift } from "../../src/bench/drift.ts";

describe("output drift of a reduced precision", () => {
  it("is zero for identical outputs", () => {
    const output = { name: "logits", dims: [2, 3], data: [1, 2, 3, 3, 2, 1] };
    expect(outputDrift([output], [output])).toEqual({ maxAbsDifference: 0, cosineSimilarity: 1, top1Agreement: 1, nonFiniteMismatches: 0 });
  });

  it("measures max |Δ|, cosine similarity and arg-max agreement per row", () => {
    const reference = { name: "logits", dims: [2, 3], data: [1, 2, 3, 3, 2, 1] };
    const candidate = { name: "logits", dims: [2, 3], data: [1, 2, 3.5, 1, 2.5, 1] }; // row 2's top class flips
    const drift = outputDrift([reference], [candidate]);
    expect(drift.maxAbsDifference).toBeCloseTo(2, 12);
    expect(drift.top1Agreement).toBe(0.5);
    const dot = 1 + 4 + 10.5 + 3 + 5 + 1;
    expect(drift.cosineSimilarity).toBeCloseTo(dot / Math.sqrt(28 * (1 + 4 + 12.25 + 1 + 6.25 + 1)), 12);
  });

  it("leaves out elements that are NaN or ±Inf in both outputs alike (the model's own, on these inputs)", () => {
    const reference = { name: "features", dims: [1, 4], data: [Number.NaN, 1, 2, Number.POSITIVE_INFINITY] };
    const candidate = { name: "features", dims: [1, 4], data: [Number.NaN, 1.5, 2, Number.POSITIVE_INFINITY] };
    const drift = outputDrift([reference], [candidate]);
    expect(drift.maxAbsDifference).toBeCloseTo(0.5, 12);
    expect(drift.cosineSimilarity).toBeCloseTo((1.5 + 4) / Math.sqrt(5 * 6.25), 12);
    expect(drift.nonFiniteMismatches).toBe(0);
  });

  it("never reads as similar when the precision turns finite outputs into NaN or ±Inf (or the other way round)", () => {
    // 999 elements agree exactly; one becomes NaN: the cosine over the rest would be 1.
    const data = Array.from({ length: 1000 }, (_, index) => Math.sin(index));
    const broken = [...data];
    broken[7] = Number.NaN;
    const drift = outputDrift([{ name: "y", dims: [1, 1000], data }], [{ name: "y", dims: [1, 1000], data: broken }]);
    expect(drift.cosineSimilarity).toBeNull();
    expect(drift.nonFiniteMismatches).toBe(1);
    const infinite = outputDrift([{ name: "y", dims: [2], data: [Number.NEGATIVE_INFINITY, 1] }], [{ name: "y", dims: [2], data: [Number.POSITIVE_INFINITY, 1] }]);
    expect(infinite.cosineSimilarity).toBeNull();
  });

  it("leaves top-1 empty when no output looks like class scores", () => {
    expect(looksLikeClassScores([4, 1])).toBe(false);
    expect(looksLikeClassScores([2, 64, 128])).toBe(false);
    expect(looksLikeClassScores([8, 1000])).toBe(true);
    const probability = { name: "output", dims: [4, 1], data: [0.1, 0.2, 0.3, 0.4] };
    expect(outputDrift([probability], [{ ...probability, data: [0.1, 0.2, 0.3, 0.5] }]).top1Agreement).toBeNull();
  });
});
