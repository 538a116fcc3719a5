import { describe, expect, it } from "vitest";
import { measureUntilStable } from "../../src/bench/adaptive-stop.ts";
import type { Clock } from "../../src/bench/clock.ts";

/** A clock that only moves when the fake "model" runs, by the latency we choose. */
function fakeModel(latencyOfCall: (call: number) => number) {
  let nowMs = 0;
  let calls = 0;
  const clock: Clock = { nowMs: () => nowMs };
  const runOnce = async () => {
    nowMs += latencyOfCall(calls++);
  };
  return { clock, runOnce, calls: () => calls };
}

describe("the adaptive stop", () => {
  it("stops as soon as the median is pinned down when latencies are steady", async () => {
    const model = fakeModel(() => 5);
    const result = await measureUntilStable(model.runOnce, { clock: model.clock, budgetMs: 10_000, targetRelativeCi: 0.02 });
    expect(result.converged).toBe(true);
    expect(result.latenciesMs).toHaveLength(10); // the minimum before a CI is trusted
    expect(result.warmupIterations).toBe(3);
    expect(result.medianRelativeCi95).toBe(0);
    expect(result.summary.p50).toBe(5);
  });

  it("keeps going on noisy latencies until the CI reaches the target", async () => {
    // ±10 % noise for the first 40 calls, then ±0.5 %: the CI must wait for the quiet samples to dominate.
    const model = fakeModel((call) => 10 + (call % 2 === 0 ? 1 : -1) * (call < 40 ? 1 : 0.05));
    const result = await measureUntilStable(model.runOnce, { clock: model.clock, budgetMs: 1e9, targetRelativeCi: 0.02 });
    expect(result.converged).toBe(true);
    expect(result.medianRelativeCi95).toBeLessThanOrEqual(0.02);
    expect(result.latenciesMs.length).toBeGreaterThan(40);
  });

  it("ends on the budget when the CI never narrows, and says it did not converge", async () => {
    const model = fakeModel((call) => (call % 2 === 0 ? 5 : 15));
    const result = await measureUntilStable(model.runOnce, { clock: model.clock, budgetMs: 2_000, targetRelativeCi: 0.02 });
    expect(result.converged).toBe(false);
    expect(result.medianRelativeCi95).toBeGreaterThan(0.02);
    // 2 s of 10 ms calls on average, warm-up included: about 200 calls, and never far past the budget.
    expect(model.calls()).toBeGreaterThan(150);
    expect(model.calls()).toBeLessThanOrEqual(201);
  });

  it("measures a minimum of samples even when one call outlasts the budget", async () => {
    const model = fakeModel(() => 5_000);
    const result = await measureUntilStable(model.runOnce, { clock: model.clock, budgetMs: 1_000, targetRelativeCi: 0.02 });
    expect(result.warmupIterations).toBe(1);
    expect(result.latenciesMs).toHaveLength(3);
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.medianRelativeCi95)).toBe(true);
  });

  it("respects a looser target", async () => {
    const model = fakeModel((call) => 100 + (call % 10));
    const strict = await measureUntilStable(model.runOnce, { clock: model.clock, budgetMs: 1e9, targetRelativeCi: 0.001, maxIterations: 500 });
    const looseModel = fakeModel((call) => 100 + (call % 10));
    const loose = await measureUntilStable(looseModel.runOnce, { clock: looseModel.clock, budgetMs: 1e9, targetRelativeCi: 0.05 });
    expect(strict.converged).toBe(false);
    expect(strict.latenciesMs).toHaveLength(500);
    expect(loose.converged).toBe(true);
    expect(loose.medianRelativeCi95).toBeGreaterThan(0.001);
    expect(loose.medianRelativeCi95).toBeLessThanOrEqual(0.05);
  });
});
