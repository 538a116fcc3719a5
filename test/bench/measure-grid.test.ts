// The grid's order: a cell's precisions one right after the other (their ratio then compares runs under the same load
// from other processes), the next pass in reverse; the measurements come back precision by precision all the same.
import { describe, expect, it } from "vitest";
import { measureGridPasses, type GridPlan } from "../../src/bench/measure-grid.ts";
import { monotonicClock } from "../../src/bench/clock.ts";
import { silentProgress, type ProgressReporter } from "../../src/bench/progress.ts";
import { buildMlp, quantizeDynamic } from "../../src/onnx/index.ts";
import { floatTensor } from "../onnx/ort.ts";

const fp32 = buildMlp({ inputSize: 16, hiddenSizes: [32], outputSize: 4, seed: 3 });
const int8 = quantizeDynamic(fp32, { weightBits: 7 }).bytes;

function gridPlan(progress: ProgressReporter): GridPlan {
  return {
    label: "mlp",
    models: new Map([
      ["fp32", fp32],
      ["int8", int8],
    ]),
    precisions: ["fp32", "int8"],
    threads: [1, 2],
    batchSizes: [1, 4],
    executionProvider: "cpu",
    feedsFor: (batchSize) => ({ input: floatTensor([batchSize, 16]) }),
    flopsPerInference: 2 * (16 * 32 + 32 * 4),
    calibrations: new Map([1, 2].map((threads) => [threads, { intraOpThreads: threads, fp32Gflops: 10, int8Gops: 20, memoryBandwidthGbPerSecond: 5 }])),
    budgetMs: 400,
    targetRelativeCi: 0.5,
    meter: null,
    clock: monotonicClock,
    progress,
  };
}

describe("the measurement grid", () => {
  it("measures a cell's precisions in turn, reversed in the next pass, and returns them precision by precision", async () => {
    const started: string[] = [];
    const measurements = await measureGridPasses(gridPlan({ ...silentProgress, cellStarted: (cell) => started.push(`${cell.precision}/t${cell.intraOpThreads}/b${cell.batchSize}`) }), 2);
    const forward = ["fp32/t1/b1", "int8/t1/b1", "fp32/t1/b4", "int8/t1/b4", "fp32/t2/b1", "int8/t2/b1", "fp32/t2/b4", "int8/t2/b4"];
    const reversed = ["int8/t1/b1", "fp32/t1/b1", "int8/t1/b4", "fp32/t1/b4", "int8/t2/b1", "fp32/t2/b1", "int8/t2/b4", "fp32/t2/b4"];
    expect(started).toEqual([...forward, ...reversed]);
    expect(measurements.map((cell) => `${cell.precision}/t${cell.intraOpThreads}/b${cell.batchSize}`)).toEqual([
      "fp32/t1/b1",
      "fp32/t1/b4",
      "fp32/t2/b1",
      "fp32/t2/b4",
      "int8/t1/b1",
      "int8/t1/b4",
      "int8/t2/b1",
      "int8/t2/b4",
    ]);
    expect(measurements.every((cell) => cell.iterations > 0 && cell.latencyMs.p50 > 0)).toBe(true);
  });
});
