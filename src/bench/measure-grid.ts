// Every precision × threads × batch cell, the time budget shared out as the run goes: a cell that pins its median
// early leaves its time to the ones after it. The precisions of one threads × batch cell are measured one right
// after the other (a session per precision and thread count, open together), so that their ratio (INT8's speed-up)
// compares runs made under the same load from other processes; a later pass takes them in the reverse order.
import type { ExecutionProvider, Measurement, Precision } from "../domain/profile.ts";
import type { Calibration } from "./calibrate.ts";
import type { Clock } from "./clock.ts";
import type { EnergyMeter } from "./energy/meter.ts";
import { measureCell } from "./measure-cell.ts";
import { createSession, type Feeds, type Session } from "./ort-session.ts";
import type { ProgressReporter } from "./progress.ts";

export interface GridPlan {
  label: string;
  models: Map<Precision, Uint8Array>;
  precisions: Precision[];
  threads: number[];
  batchSizes: number[];
  executionProvider: ExecutionProvider;
  /** The model's folder, for weights stored outside the .onnx file. */
  externalDataDirectory?: string;
  feedsFor: (batchSize: number) => Feeds;
  flopsPerInference: number;
  calibrations: Map<number, Calibration>;
  budgetMs: number;
  targetRelativeCi: number;
  meter: EnergyMeter | null;
  clock: Clock;
  progress: ProgressReporter;
}

/**
 * The grid measured `passes` times over the shared budget; per threads × batch cell, the pass in which its
 * precisions ran fastest together (keepQuieterPass).
 */
export async function measureGridPasses(plan: GridPlan, passes: number): Promise<Measurement[]> {
  let best: Measurement[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const measured = await measureGrid({ ...plan, budgetMs: plan.budgetMs / passes }, pass % 2 === 0 ? "forward" : "reversed");
    best = pass === 0 ? measured : keepQuieterPass(best, measured);
  }
  return best;
}

/**
 * Of two passes (the same cells in the same order), each threads × batch cell's measurements from the pass whose
 * medians were lower together (the geometric mean of their ratios): other load only slows runs down, and taking a
 * cell's precisions from one pass keeps their ratio a comparison of runs made one right after the other.
 */
export function keepQuieterPass(previous: Measurement[], next: Measurement[]): Measurement[] {
  const cellOf = (measurement: Measurement) => `${measurement.intraOpThreads}/${measurement.batchSize}`;
  const logRatios = new Map<string, number>();
  previous.forEach((measurement, index) => {
    const cell = cellOf(measurement);
    logRatios.set(cell, (logRatios.get(cell) ?? 0) + Math.log(next[index].latencyMs.p50 / measurement.latencyMs.p50));
  });
  return previous.map((measurement, index) => ((logRatios.get(cellOf(measurement)) ?? 0) < 0 ? next[index] : measurement));
}

/**
 * One pass over the grid, measured thread count by thread count and batch by batch, each cell's precisions in turn
 * (`order`: as listed, or reversed). Returned precision by precision, then by thread count, then by batch size.
 */
export async function measureGrid(plan: GridPlan, order: "forward" | "reversed" = "forward"): Promise<Measurement[]> {
  const { clock, progress, precisions, threads: threadCounts, batchSizes } = plan;
  const total = precisions.length * threadCounts.length * batchSizes.length;
  const measurements: Measurement[] = new Array(total);
  const inTurn = order === "forward" ? precisions : [...precisions].reverse();
  const labelOf = (precision: Precision) => `${plan.label} (${precision.toUpperCase()})`;
  let measuredCount = 0;
  let remainingBudgetMs = plan.budgetMs;
  for (const [threadIndex, threads] of threadCounts.entries()) {
    const sessions = new Map<Precision, Session>();
    try {
      for (const precision of precisions) {
        sessions.set(precision, await createSession(plan.models.get(precision)!, labelOf(precision), { intraOpThreads: threads, executionProvider: plan.executionProvider, externalDataDirectory: plan.externalDataDirectory }));
      }
      const calibration = plan.calibrations.get(threads)!;
      for (const [batchIndex, batchSize] of batchSizes.entries()) {
        for (const precision of inTurn) {
          const cell = { precision, batchSize, intraOpThreads: threads, index: measuredCount + 1, total };
          progress.cellStarted(cell);
          const startedMs = clock.nowMs();
          const { measurement } = await measureCell(
            sessions.get(precision)!,
            plan.feedsFor(batchSize),
            { precision, batchSize, intraOpThreads: threads, executionProvider: plan.executionProvider },
            {
              label: labelOf(precision),
              clock,
              budgetMs: remainingBudgetMs / (total - measuredCount),
              targetRelativeCi: plan.targetRelativeCi,
              flopsPerInference: plan.flopsPerInference,
              peakGflops: precision === "int8" ? calibration.int8Gops : calibration.fp32Gflops,
              meter: plan.meter,
              onCheck: (iterations, relativeCi) => progress.cellProgress(cell, iterations, relativeCi),
            },
          );
          remainingBudgetMs = Math.max(0, remainingBudgetMs - (clock.nowMs() - startedMs));
          progress.cellFinished(cell, {
            p50Ms: measurement.latencyMs.p50,
            relativeCi: measurement.medianRelativeCi95,
            iterations: measurement.iterations,
            converged: measurement.converged,
          });
          measurements[(precisions.indexOf(precision) * threadCounts.length + threadIndex) * batchSizes.length + batchIndex] = measurement;
          measuredCount += 1;
        }
      }
    } finally {
      for (const session of sessions.values()) await session.release();
    }
  }
  progress.done();
  return measurements;
}
