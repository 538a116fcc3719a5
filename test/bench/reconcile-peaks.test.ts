import { describe, expect, it } from "vitest";
import type { Measurement } from "../../src/domain/profile.ts";
import { reconcilePeaks } from "../../src/bench/reconcile-peaks.ts";
import { keepQuieterPass } from "../../src/bench/measure-grid.ts";

function measurement(precision: "fp32" | "int8", intraOpThreads: number, achievedGflops: number, efficiency: number): Measurement {
  return {
    precision,
    batchSize: 1,
    intraOpThreads,
    executionProvider: "cpu",
    iterations: 10,
    latencyMs: { p50: 1, p95: 1, p99: 1, mean: 1, stddev: 0 },
    medianRelativeCi95: 0.01,
    converged: true,
    throughputInferencesPerSecond: 1000,
    achievedGflops,
    efficiency,
    energyJoulesPerInference: null,
  };
}

describe("reconciling calibrated peaks with achieved figures", () => {
  const calibrations = new Map([
    [1, { intraOpThreads: 1, fp32Gflops: 150, int8Gops: 1000, memoryBandwidthGbPerSecond: 20 }],
    [2, { intraOpThreads: 2, fp32Gflops: 160, int8Gops: 1800, memoryBandwidthGbPerSecond: 25 }],
  ]);

  it("never raises the CPU peak to what a GPU run achieved", () => {
    const onGpu = { ...measurement("fp32", 2, 5000, 31), executionProvider: "webgpu" as const };
    const result = reconcilePeaks(calibrations, [onGpu]);
    expect(result.calibrations.get(2)!.fp32Gflops).toBe(160);
    expect(result.warnings).toEqual([]);
  });

  it("leaves consistent figures alone", () => {
    const measurements = [measurement("fp32", 1, 120, 0.8), measurement("int8", 2, 900, 0.5)];
    const result = reconcilePeaks(calibrations, measurements);
    expect(result.warnings).toEqual([]);
    expect(result.calibrations).toEqual(calibrations);
    expect(result.measurements).toEqual(measurements);
  });

  it("raises a peak a busy calibration under-read, warns, and recomputes that group's efficiencies only", () => {
    const result = reconcilePeaks(calibrations, [measurement("fp32", 2, 320, 2), measurement("fp32", 2, 240, 1.5), measurement("fp32", 1, 120, 0.8)]);
    expect(result.calibrations.get(2)!.fp32Gflops).toBe(320);
    expect(result.calibrations.get(1)!.fp32Gflops).toBe(150);
    expect(result.measurements.map((entry) => entry.efficiency)).toEqual([1, 0.75, 0.8]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/FP32 calibration at 2 thread\(s\) \(160 GFLOPS\) read below what the model achieved \(320\)/);
  });
});

describe("peaks across thread counts", () => {
  it("never lets more threads read below fewer (a busy core), for every figure", () => {
    const calibrations = new Map([
      [2, { intraOpThreads: 2, fp32Gflops: 140, int8Gops: 2600, memoryBandwidthGbPerSecond: 5.6 }],
      [1, { intraOpThreads: 1, fp32Gflops: 160, int8Gops: 1800, memoryBandwidthGbPerSecond: 17 }],
    ]);
    const result = reconcilePeaks(calibrations, []);
    expect(result.calibrations.get(2)).toEqual({ intraOpThreads: 2, fp32Gflops: 160, int8Gops: 2600, memoryBandwidthGbPerSecond: 17 });
    expect(result.calibrations.get(1)).toEqual(calibrations.get(1));
    expect(result.warnings).toHaveLength(2);
    expect([...result.calibrations.keys()]).toEqual([1, 2]);
  });
});

describe("keeping the quieter pass", () => {
  it("takes, cell by cell, the measurement with the lower median", () => {
    const slow = { ...measurement("fp32", 1, 100, 0.5), latencyMs: { p50: 12, p95: 30, p99: 40, mean: 15, stddev: 5 } };
    const fast = { ...measurement("fp32", 1, 120, 0.6), latencyMs: { p50: 10, p95: 11, p99: 11, mean: 10, stddev: 0.2 } };
    const otherCell = { ...measurement("fp32", 2, 200, 0.6), batchSize: 8 };
    expect(keepQuieterPass([slow, otherCell], [fast, { ...otherCell, latencyMs: { ...otherCell.latencyMs, p50: 2 } }])).toEqual([fast, otherCell]);
  });

  it("takes a cell's precisions from one pass: the one where they ran faster together, so their ratio stays a pair", () => {
    const at = (precision: "fp32" | "int8", p50: number) => ({ ...measurement(precision, 1, 100, 0.5), latencyMs: { p50, p95: p50, p99: p50, mean: p50, stddev: 0 } });
    // INT8 alone would pick the second pass, FP32 the first; together the second pass was quieter (10/12 × 9/8.5 < 1).
    const first = [at("fp32", 12), at("int8", 8.5)];
    const second = [at("fp32", 10), at("int8", 9)];
    expect(keepQuieterPass(first, second)).toEqual(second);
    expect(keepQuieterPass(second, first)).toEqual(second);
  });
});
