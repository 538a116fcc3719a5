import { describe, expect, it } from "vitest";
import { looksLikeClassScores, outputDrift } from "../../src/bench/drift.ts";

describe("INT8 output drift", () => {
  it("is zero for identical outputs", () => {
    const output = { name: "logits", dims: [2, 3], data: [1, 2, 3, 3, 2, 1] };
    expect(outputDrift([output], [output])).toEqual({ maxAbsDifference: 0, cosineSimilarity: 1, top1Agreement: 1 });
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

  it("stays finite when the outputs hold NaN or Infinity (compares the finite elements only)", () => {
    const reference = { name: "features", dims: [1, 4], data: [Number.NaN, 1, 2, Number.POSITIVE_INFINITY] };
    const candidate = { name: "features", dims: [1, 4], data: [Number.NaN, 1.5, 2, 3] };
    const drift = outputDrift([reference], [candidate]);
    expect(drift.maxAbsDifference).toBeCloseTo(0.5, 12);
    expect(Number.isFinite(drift.cosineSimilarity)).toBe(true);
  });

  it("leaves top-1 empty when no output looks like class scores", () => {
    expect(looksLikeClassScores([4, 1])).toBe(false);
    expect(looksLikeClassScores([2, 64, 128])).toBe(false);
    expect(looksLikeClassScores([8, 1000])).toBe(true);
    const probability = { name: "output", dims: [4, 1], data: [0.1, 0.2, 0.3, 0.4] };
    expect(outputDrift([probability], [{ ...probability, data: [0.1, 0.2, 0.3, 0.5] }]).top1Agreement).toBeNull();
  });
});
