// INT8 against FP32: the throughput ratio over matching cells, and the INT8 cells of a transform that changed nothing.
import type { Measurement } from "../domain/profile.ts";

/** Geometric mean of INT8/FP32 throughput over the cells measured at both precisions (same batch and threads). */
export function speedRatio(measurements: Measurement[]): number | null {
  const ratios: number[] = [];
  for (const int8 of measurements.filter((measurement) => measurement.precision === "int8")) {
    const fp32 = measurements.find(
      (measurement) => measurement.precision === "fp32" && measurement.batchSize === int8.batchSize && measurement.intraOpThreads === int8.intraOpThreads,
    );
    if (fp32) ratios.push(int8.throughputInferencesPerSecond / fp32.throughputInferencesPerSecond);
  }
  if (ratios.length === 0) return null;
  return Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
}

/**
 * INT8 cells for a transform that quantized no node: its file computes the FP32 graph, so each cell IS the FP32
 * measurement, copied and flagged (timing the same graph twice would turn noise into a speed-up). Efficiency is
 * re-read against the INT8 peak, as for every INT8 cell.
 */
export function copiedInt8Cells(fp32Cells: Measurement[], int8PeakGops: (threads: number) => number): Measurement[] {
  return fp32Cells.map((cell) => {
    const peak = int8PeakGops(cell.intraOpThreads);
    return { ...cell, precision: "int8", efficiency: peak > 0 ? cell.achievedGflops / peak : 0, copiedFrom: "fp32" };
  });
}
