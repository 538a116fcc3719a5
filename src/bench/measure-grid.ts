// Every precision × threads × batch cell, one session per (precision, threads), the time budget shared out as
// the run goes: a cell that pins its median early leaves its time to the ones after it.
import type { ExecutionProvider, Measurement, Precision } from "../domain/profile.ts";
import type { Calibration } from "./calibrate.ts";
import type { Clock } from "./clock.ts";
import type { EnergyMeter } from "./energy/meter.ts";
import { measureCell } from "./measure-cell.ts";
import { createSession, type Feeds } from "./ort-session.ts";
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

/** The grid measured `passes` times over the shared budget; per cell, the pass with the lowest median latency. */
export async function measureGridPasses(plan: GridPlan, passes: number): Promise<Measurement[]> {
  let best: Measurement[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const measured = await measureGrid({ ...plan, budgetMs: plan.budgetMs / passes });
    best = pass === 0 ? measured : keepLowerMedian(best, measured);
  }
  return best;
}

/** Cell by cell (same order), the measurement with the lower median latency. */
export function keepLowerMedian(previous: Measurement[], next: Measurement[]): Measurement[] {
  return previous.map((measurement, index) => (next[index].latencyMs.p50 < measurement.latencyMs.p50 ? next[index] : measurement));
}

export async function measureGrid(plan: GridPlan): Promise<Measurement[]> {
  const { clock, progress } = plan;
  const total = plan.precisions.length * plan.threads.length * plan.batchSizes.length;
  const measurements: Measurement[] = [];
  let remainingBudgetMs = plan.budgetMs;
  for (const precision of plan.precisions) {
    for (const threads of plan.threads) {
      const label = `${plan.label} (${precision.toUpperCase()})`;
      const session = await createSession(plan.models.get(precision)!, label, { intraOpThreads: threads, executionProvider: plan.executionProvider, externalDataDirectory: plan.externalDataDirectory });
      try {
        for (const batchSize of plan.batchSizes) {
          const cell = { precision, batchSize, intraOpThreads: threads, index: measurements.length + 1, total };
          const calibration = plan.calibrations.get(threads)!;
          progress.cellStarted(cell);
          const startedMs = clock.nowMs();
          const { measurement } = await measureCell(
            session,
            plan.feedsFor(batchSize),
            { precision, batchSize, intraOpThreads: threads, executionProvider: plan.executionProvider },
            {
              label,
              clock,
              budgetMs: remainingBudgetMs / (total - measurements.length),
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
          measurements.push(measurement);
        }
      } finally {
        await session.release();
      }
    }
  }
  progress.done();
  return measurements;
}
