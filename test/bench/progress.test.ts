import { describe, expect, it } from "vitest";
import { stderrProgress } from "../../src/bench/progress.ts";

const cell = { precision: "fp32", batchSize: 8, intraOpThreads: 2, index: 1, total: 4 };

function capture(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("the progress display", () => {
  it("writes plain finished lines, without carriage returns, when stderr is not a terminal", () => {
    const { stream, written } = capture(false);
    const progress = stderrProgress(stream);
    progress.cellStarted(cell);
    progress.cellProgress(cell, 10, 0.05);
    progress.cellFinished(cell, { p50Ms: 1.23456, relativeCi: 0.018, iterations: 120, converged: true });
    progress.cellFinished(cell, { p50Ms: 2, relativeCi: 0.04, iterations: 30, converged: false });
    expect(written).toEqual([
      "[1/4] fp32 batch 8 threads 2: p50 1.23 ms ±1.8% over 120 runs\n",
      "[1/4] fp32 batch 8 threads 2: p50 2 ms ±4.0% over 30 runs (budget ended first)\n",
    ]);
  });

  it("updates one line in place on a terminal and ends it when the cell is done", () => {
    const { stream, written } = capture(true);
    const progress = stderrProgress(stream);
    progress.cellStarted(cell);
    progress.cellProgress(cell, 10, 0.05);
    progress.cellFinished(cell, { p50Ms: 1, relativeCi: 0.01, iterations: 50, converged: true });
    expect(written.every((text) => text.startsWith("\r\x1b[2K"))).toBe(true);
    expect(written.slice(0, -1).every((text) => !text.includes("\n"))).toBe(true);
    expect(written.at(-1)).toMatch(/p50 1 ms ±1.0% over 50 runs\n$/);
  });
});
